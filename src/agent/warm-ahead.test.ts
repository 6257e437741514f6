import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import {
  CHAIN_TOOLS,
  drain,
  OSLO_WEATHER_ANSWERS,
  recordingExecutor,
  scriptedModel,
} from '../testing/agent-test-kit.ts';
import { runAgent } from './run-agent.ts';
import { certainPrefix } from './warm-ahead.ts';

async function chainRoles() {
  return {
    planner: await scriptedModel('planner', [
      'Find the city id first. Next: caller.',
      'Now get the weather for city 42. Next: caller.',
      'I have the weather. Next: conclusion.',
    ]),
    caller: await scriptedModel('caller', [
      'Action: search_city\nAction Input: {"name": "Oslo"}',
      'Action: get_weather\nAction Input: {"city_id": 42}',
    ]),
    summarizer: await scriptedModel('summarizer', ['It is -3 °C with snow in Oslo.']),
  };
}

describe('certainPrefix', () => {
  it('is the text before the pending turn, without the space that starts its first word', () => {
    const render = (text: string) => `docs\nuser: weather?</s>assistant: ${text}</s> caller: `;
    expect(certainPrefix(render)).toBe('docs\nuser: weather?</s>assistant:');
  });

  it('stops at the first place the pending text appears, even when it appears again later', () => {
    expect(certainPrefix((text) => `history ${text} then thought ${text}`)).toBe('history');
  });
});

describe('warming the next model while another works', () => {
  it('warms the caller and the summarizer with a prefix of their next prompt beside a generation, and records it', async () => {
    const roles = await chainRoles();
    const { execute } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    const { trajectory } = await drain(
      runAgent({ task: 'Weather in Oslo?', tools: CHAIN_TOOLS, roles, execute }),
    );

    expect(trajectory.status).toBe('answered');
    // The planner's turn follows a tool call, which may be too short to hide a warm-up: never warmed.
    expect(roles.planner.warmed).toEqual([]);
    for (const engine of [roles.caller, roles.summarizer]) {
      expect(engine.warmed.length).toBeGreaterThan(0);
      // Each warm-up is the start of a prompt the same model is asked later, but for the caller's
      // last one: the planner then chose the conclusion.
      const prompts = engine.requests.map((request) => request.prompt);
      const used = engine.warmed.filter((warm) => prompts.some((prompt) => prompt.startsWith(warm)));
      expect(used.length).toBe(engine.warmed.length - (engine === roles.caller ? 1 : 0));
    }
    const records = trajectory.warmups ?? [];
    expect(records.map((record) => record.role).sort()).toEqual(
      [...Object.values(roles)].flatMap((engine) => engine.warmed.map(() => engine.modelId)).sort(),
    );
    expect(records.every((record) => record.promptTokens > 0 && record.durationMs >= 0)).toBe(true);
  });

  it('gives the same run without warm-ups when overlap is off', async () => {
    const on = await chainRoles();
    const off = await chainRoles();
    const run = async (roles: typeof on, overlap: boolean) =>
      (
        await drain(
          runAgent({
            task: 'Weather in Oslo?',
            tools: CHAIN_TOOLS,
            roles,
            execute: recordingExecutor(OSLO_WEATHER_ANSWERS).execute,
            overlap,
            now: () => 0,
            newId: () => 'run',
          }),
        )
      ).trajectory;
    const withOverlap = await run(on, true);
    const withoutOverlap = await run(off, false);

    expect(Object.values(off).every((engine) => engine.warmed.length === 0)).toBe(true);
    expect(withoutOverlap.warmups).toBeUndefined();
    const outputs = (steps: typeof withOverlap.steps) =>
      steps.map((step) => (step.type === 'model' ? step.output : step.observation));
    expect(outputs(withOverlap.steps)).toEqual(outputs(withoutOverlap.steps));
    expect(withOverlap.answer).toBe(withoutOverlap.answer);
  });

  it('never warms the engine of the model that is about to run, when roles share one engine', async () => {
    const shared = new ScriptedEngine({
      modelId: 'planner-and-caller',
      responses: [
        'Find the city id first. Next: caller.',
        'Action: search_city\nAction Input: {"name": "Oslo"}',
        'I have it. Next: conclusion.',
      ],
    });
    await shared.load();
    const summarizer = await scriptedModel('summarizer', ['Oslo has id 42.']);
    const { execute } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    const { trajectory } = await drain(
      runAgent({
        task: 'Id of Oslo?',
        tools: CHAIN_TOOLS,
        roles: { planner: shared, caller: shared, summarizer },
        execute,
      }),
    );

    expect(trajectory.status).toBe('answered');
    // The caller's warm-up would run beside the planner on the same model: left out.
    expect(shared.warmed).toEqual([]);
    expect(summarizer.warmed).toHaveLength(1);
    expect(trajectory.warmups?.map((record) => record.role)).toEqual(['summarizer']);
  });

  it('leaves engines without prefix reuse alone', async () => {
    const roles = await chainRoles();
    const noReuse = new ScriptedEngine({
      modelId: 'caller-without-reuse',
      responses: [
        'Action: search_city\nAction Input: {"name": "Oslo"}',
        'Action: get_weather\nAction Input: {"city_id": 42}',
      ],
      capabilities: { prefixReuse: false },
    });
    await noReuse.load();
    const { execute } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    await drain(
      runAgent({
        task: 'Weather in Oslo?',
        tools: CHAIN_TOOLS,
        roles: { ...roles, caller: noReuse },
        execute,
      }),
    );

    expect(noReuse.warmed).toHaveLength(0);
    expect(roles.summarizer.warmed.length).toBeGreaterThan(0);
  });
});
