import { describe, expect, it } from 'vitest';
import { callerInput, plannerInput, summarizerInput } from '../agent/alpha-umi-prompts.ts';
import type { Turn } from '../agent/trajectory.ts';
import { GREEDY } from '../engines/engine.ts';
import { scriptedRoleModels } from '../testing/scripted-role-models.ts';
import { createCallerConstraints } from './caller-constraint.ts';
import {
  EVAL_MAX_TOKENS,
  runStep,
  runStepOrFail,
  type StepSettings,
  wrongPrediction,
} from './step-runner.ts';
import { type Dialogue, extractSteps } from './steps.ts';

const TOOLS = [
  { Name: 'searchcities_for_demo', function: 'Find cities.', input: { name: 'string, city name' } },
  { Name: 'getweather_for_demo', function: 'Weather.', input: { city_id: 'integer, city id' } },
];
const TURNS: Turn[] = [
  { from: 'user', value: 'Weather in Lyon?' },
  { from: 'assistant', value: 'Find the city. Next: caller.' },
  { from: 'caller', value: 'Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}' },
  { from: 'observation', value: '[{"id": 7, "name": "Lyon"}]' },
  { from: 'assistant', value: 'I have it. Next: conclusion.' },
  { from: 'conclusion', value: 'Lyon has id 7.' },
];
const DIALOGUE: Dialogue = { tools: TOOLS, instruction: 'Weather in Lyon?', conversations: TURNS };
const [CALL_STEP, FINISH_STEP] = extractSteps([DIALOGUE]);

function settings(roles: StepSettings['roles'], extra: Partial<StepSettings> = {}): StepSettings {
  let now = 0;
  return {
    roles,
    systemPrefix: true,
    sampling: GREEDY,
    maxTokens: EVAL_MAX_TOKENS,
    plannerAttempts: 5,
    now: () => (now += 10),
    ...extra,
  };
}

describe('runStep (α-UMi)', () => {
  it('gives the caller the gold history plus the predicted planner turn, and predicts its call', async () => {
    const models = await scriptedRoleModels({
      planner: () => ' Look it up. Next: caller.',
      caller: () => 'Action: getweather_for_demo\nAction Input: {"city_id": 7}',
      summarizer: () => 'unused',
    });
    const step = CALL_STEP ?? expect.fail('no step');
    const outcome = await runStep(step, settings(models.roles));
    const [planner, caller, summarizer] = models.engines;
    expect(planner?.requests[0]?.prompt).toBe(
      plannerInput(TOOLS, [TURNS[0] as Turn], { systemPrefix: true }),
    );
    const predicted: Turn[] = [TURNS[0] as Turn, { from: 'assistant', value: 'Look it up. Next: caller.' }];
    expect(caller?.requests[0]?.prompt).toBe(callerInput(TOOLS, predicted, { systemPrefix: true }));
    expect(planner?.requests[0]?.options.maxTokens).toBe(64);
    expect(caller?.requests[0]?.options.maxTokens).toBe(160);
    expect(summarizer?.requests).toEqual([]);
    expect(outcome.prediction).toEqual({
      plan: 'call',
      action: 'getweather_for_demo',
      action_input: '{"city_id": 7}',
    });
    expect(outcome.generations.planner).toMatchObject({
      output: ' Look it up. Next: caller.',
      latencyMs: 10,
    });
    expect(outcome.generations.caller?.promptTokens).toBeGreaterThan(0);
  });

  it('runs the summarizer after a predicted conclusion, and nothing after a give-up', async () => {
    const step = FINISH_STEP ?? expect.fail('no step');
    const finishing = await scriptedRoleModels({
      planner: () => 'Done. Next: conclusion.',
      caller: () => 'unused',
      summarizer: () => '  Lyon has id 7. ',
    });
    const finished = await runStep(step, settings(finishing.roles));
    expect(finished.prediction).toEqual({ plan: 'finish', answer: 'Lyon has id 7.' });
    const history = [...step.history, { from: 'assistant' as const, value: 'Done. Next: conclusion.' }];
    expect(finishing.engines[2]?.requests[0]?.prompt).toBe(
      summarizerInput(TOOLS, history, { systemPrefix: true }),
    );

    const quitting = await scriptedRoleModels({
      planner: () => 'No way. Next: give up.',
      caller: () => 'unused',
      summarizer: () => 'unused',
    });
    expect((await runStep(step, settings(quitting.roles))).prediction).toEqual({ plan: 'give up' });
    expect(quitting.engines[1]?.requests).toEqual([]);
    expect(quitting.engines[2]?.requests).toEqual([]);
  });

  /** Role models whose engines take grammars; the planner hands over to the caller. */
  const grammarCapableModels = () =>
    scriptedRoleModels(
      {
        planner: () => 'Next: caller.',
        caller: () => 'Action: searchcities_for_demo\nAction Input: {}',
        summarizer: () => '',
      },
      { grammar: true },
    );

  it('constrains the caller with a grammar of the dialogue’s tool names when asked', async () => {
    const models = await grammarCapableModels();
    const step = CALL_STEP ?? expect.fail('no step');
    await runStep(step, settings(models.roles, { callerConstraint: createCallerConstraints(false) }));
    const constraint = models.engines[1]?.requests[0]?.options.constraint;
    expect(constraint?.type).toBe('grammar');
    expect(constraint?.type === 'grammar' && constraint.grammar).toContain('"getweather_for_demo"');
    expect(constraint?.type === 'grammar' && constraint.grammar).not.toContain('gspan');
    expect(models.engines[0]?.requests[0]?.options.constraint).toBeUndefined();
  });

  it('grounds the caller’s free strings in the step’s history when asked', async () => {
    const models = await grammarCapableModels();
    const step = CALL_STEP ?? expect.fail('no step');
    await runStep(step, settings(models.roles, { callerConstraint: createCallerConstraints(true) }));
    const constraint = models.engines[1]?.requests[0]?.options.constraint;
    const user = step.history.find((turn) => turn.from === 'user')?.value ?? expect.fail('no user turn');
    const firstWord = /[A-Za-z]+/.exec(user)?.[0] ?? expect.fail('no word');
    expect(constraint?.type === 'grammar' && constraint.grammar).toContain('gspan ::=');
    expect(constraint?.type === 'grammar' && constraint.grammar).toContain(`"${firstWord.charAt(0)}"`);
  });

  it('goes on as the reference did after an empty planner output, generating again only when sampling', async () => {
    const step = CALL_STEP ?? expect.fail('no step');
    const greedy = await scriptedRoleModels({
      planner: () => ' . ',
      caller: () => 'Action: x',
      summarizer: () => '',
    });
    const outcome = await runStep(step, settings(greedy.roles));
    expect(outcome).toMatchObject({ plannerAttempts: 1, plannerFallback: true, prediction: { action: 'x' } });
    expect(greedy.engines[1]?.requests[0]?.prompt).toContain(
      'The thought of this step is:\nnone Next: caller.',
    );

    const sampled = await scriptedRoleModels({
      planner: () => '',
      caller: () => 'Action: x',
      summarizer: () => '',
    });
    const sampling = { temperature: 0.5, topP: 1, seed: 3 };
    expect((await runStep(step, settings(sampled.roles, { sampling }))).plannerAttempts).toBe(5);
    expect(sampled.engines[0]?.requests).toHaveLength(5);
  });
});

describe('runStep (backbone)', () => {
  it('parses one generation as a call, an answer or a give-up', async () => {
    const step = CALL_STEP ?? expect.fail('no step');
    const outputs = [
      'Look it up.\nAction: searchcities_for_demo\nAction Input: {"name": "Lyon"}',
      'Done.\nconclusion: Lyon has id 7.',
      'Hopeless.\nconclusion: give up.',
    ];
    const models = await scriptedRoleModels({ backbone: () => outputs.shift() ?? '' });
    const predictions = [];
    for (let index = 0; index < 3; index++)
      predictions.push((await runStep(step, settings(models.roles))).prediction);
    expect(predictions).toEqual([
      { plan: 'call', action: 'searchcities_for_demo', action_input: '{"name": "Lyon"}' },
      { plan: 'finish', answer: 'Lyon has id 7.' },
      { plan: 'give up' },
    ]);
    expect(models.engines[0]?.requests[0]?.options.maxTokens).toBe(256);
  });
});

describe('runStepOrFail', () => {
  it('records a prompt longer than the context as an error scored wrong, instead of stopping', async () => {
    const step = CALL_STEP ?? expect.fail('no step');
    const models = await scriptedRoleModels({ backbone: () => 'unused' }, { contextLength: 10 });
    const outcome = await runStepOrFail(step, settings(models.roles));
    expect(outcome.error).toMatch(/The prompt has \d+ tokens; the context holds 10\./);
    expect(outcome.prediction).toEqual({ plan: 'give up' });
    expect(outcome.generations).toEqual({});
  });

  it('lets every other failure through', async () => {
    const step = CALL_STEP ?? expect.fail('no step');
    const models = await scriptedRoleModels({ backbone: () => 'unused' });
    await models.engines[0]?.unload();
    await expect(runStepOrFail(step, settings(models.roles))).rejects.toThrow(/not loaded/);
  });
});

describe('wrongPrediction', () => {
  it('predicts another plan than the reference, with no action or answer', () => {
    expect(wrongPrediction({ plan: 'call', action: 'a', action_input: '{}' })).toEqual({ plan: 'give up' });
    expect(wrongPrediction({ plan: 'finish', answer: 'x' })).toEqual({ plan: 'give up' });
    expect(wrongPrediction({ plan: 'give up' })).toEqual({
      plan: 'call',
      action: 'none',
      action_input: '{}',
    });
  });
});
