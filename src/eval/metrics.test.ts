import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import type { Turn } from '../agent/trajectory.ts';
import { argumentScore, scoreSteps, scoreStepsWithCounts } from './metrics.ts';
import { type Dialogue, extractSteps, goldPrediction, type Prediction, parseDialogues } from './steps.ts';

const TEST_FILE = new URL('../../fixtures/alpha-umi/test/out_of_domain.json', import.meta.url);

const tools = [
  { Name: 'get_weather', function: 'weather', input: {} },
  { Name: 'get_time', function: 'time', input: {} },
];

/** A dialogue from `[from, value]` pairs. */
function dialogue(turns: Array<[Turn['from'], string]>): Dialogue {
  return { tools, instruction: '', conversations: turns.map(([from, value]) => ({ from, value })) };
}

/** Two small dialogues: steps 0–2 in the first (call, call, finish), 3–4 in the second (call, give up). */
const dialogues: Dialogue[] = [
  dialogue([
    ['user', 'Weather in Paris?'],
    ['assistant', 'I will ask the weather API. Next: caller.'],
    ['caller', 'Action: get_weather\nAction Input: {"city": "Paris", "days": 3, "metric": true}'],
    ['observation', '{"sky": "sunny"}'],
    ['assistant', 'Thinking without a tag.'],
    ['assistant', 'Now the time. Next: caller.'],
    ['caller', 'Action: get_time\nAction Input: {}'],
    ['observation', '{"time": "noon"}'],
    ['assistant', 'I know enough. Next: conclusion.'],
    ['conclusion', 'The weather in Paris is sunny'],
  ]),
  dialogue([
    ['user', 'Time in UTC?'],
    ['assistant', 'Next: caller.'],
    ['caller', "Action: get_time\nAction Input: {'tz': 'UTC'}"],
    ['observation', 'error'],
    ['assistant', 'I cannot do it. Next: give up.'],
  ]),
];

describe('extractSteps', () => {
  it('takes every tagged assistant turn in order with its reference and gold history', () => {
    const steps = extractSteps(dialogues);
    expect(steps.map((step) => step.reference.plan)).toEqual(['call', 'call', 'finish', 'call', 'give up']);
    const where = steps.map((step) => `${step.dialogueIndex}:${step.turnIndex}`).join(' ');
    expect(where).toBe('0:1 0:5 0:8 1:1 1:4');
    expect(steps[0]?.reference).toEqual({
      plan: 'call',
      action: 'get_weather',
      action_input: '{"city": "Paris", "days": 3, "metric": true}',
    });
    expect(steps[2]?.reference).toEqual({ plan: 'finish', answer: 'The weather in Paris is sunny' });
    expect(steps[4]?.reference).toEqual({ plan: 'give up' });
    expect(steps[1]?.history).toHaveLength(5);
    expect(steps[1]?.toolNames).toEqual(['get_weather', 'get_time']);
    expect(steps[1]?.thought).toBe('Now the time. Next: caller.');
  });

  it('rejects a call step with no following turn', () => {
    const broken = dialogue([['assistant', 'Next: caller.']]);
    expect(() => extractSteps([broken])).toThrow(UserError);
  });
});

describe('argumentScore', () => {
  const cases: Array<[string, string, string, number, 'easy' | 'hard']> = [
    // s = 1 + 1 + 0.5 = 2.5; R = 2.5/3, P = 2.5/4; F1 = 2·(5/6)(5/8)/((5/6)+(5/8)) = (50/48)/(35/24) = 5/7
    ['a partial match', '{"a": 1, "b": 2, "c": 3}', '{"a": 1, "b": 2, "c": 4, "d": 5}', 5 / 7, 'hard'],
    // s = 1; R = 1/2, P = 1/1; F1 = 2·0.5/1.5 = 2/3
    ['a missing key', '{"a": 1, "b": 2}', '{"a": 1}', 2 / 3, 'hard'],
    // 1 == 1.0 → 1, "x" vs "y" → 0.5, true == 1 → 1: s = 2.5; R = P = 5/6 → F1 = 5/6
    ['Python == on values', '{"a": 1, "b": "x", "c": true}', '{"c": 1, "a": 1.0, "b": "y"}', 5 / 6, 'hard'],
    // "1" vs 1 → 0.5; R = P = 0.5 → F1 = 0.5
    ['a string against a number', '{"a": "1"}', '{"a": 1}', 0.5, 'hard'],
    ['{} against {}', '{}', ' {} ', 1, 'easy'],
    ['{} against a non-empty object', '{}', '{"a": 1}', 0, 'easy'],
    ['{} against a list', '{}', '[]', 0, 'easy'],
    ['{} against unparsable text', '{}', 'not json', 0, 'easy'],
    ['an unparsable prediction', '{"a": 1}', "{'a': 1}", 0, 'hard'],
    ['a non-object prediction', '{"a": 1}', '[["a", 1]]', 0, 'hard'],
    ['an empty prediction (P + R = 0)', '{"a": 1}', '{}', 0, 'hard'],
    ['no reference key present (P + R = 0)', '{"a": 1}', '{"b": 1}', 0, 'hard'],
    ['a non-object reference, even against itself', '[1, 2]', '[1, 2]', 0, 'hard'],
    ['a string reference', '"text"', '"text"', 0, 'hard'],
    // json.loads shares one NaN object: [NaN] == [NaN] is True, but a direct NaN == NaN is False → 0.5
    ['NaN inside a list', '{"a": [NaN]}', '{"a": [NaN]}', 1, 'hard'],
    ['NaN as a direct value', '{"a": NaN}', '{"a": NaN}', 0.5, 'hard'],
  ];

  it.each(cases)('scores %s', (_name, reference, prediction, score, kind) => {
    expect(argumentScore(reference, prediction)).toEqual({ score: expect.closeTo(score, 12), kind });
  });

  it('skips a reference that does not parse as JSON', () => {
    expect(argumentScore("{'a': 1}", '{"a": 1}')).toBe('skip');
  });
});

describe('scoreSteps', () => {
  const steps = extractSteps(dialogues);

  it('scores a mixed set of predictions as computed by hand', () => {
    const predictions: Prediction[] = [
      { plan: 'call', action: 'get_weather', action_input: '{"city": "Paris", "days": 3.0, "metric": 0}' },
      { plan: 'call', action: 'get_weather', action_input: '{}' },
      { plan: 'finish', answer: 'Sunny in Paris' },
      { plan: 'call', action: 'get_time', action_input: '{"tz": "UTC"}' },
      { plan: 'call', action: 'made_up_api', action_input: '{}' },
    ];
    const { metrics, counts } = scoreStepsWithCounts(steps, predictions);
    // plan: steps 0–3 right, 4 wrong (call for give up) → 4/5
    expect(metrics.plan_acc).toBeCloseTo(80, 10);
    // action over reference calls 0, 1, 3: right, wrong, right → 2/3
    expect(metrics.action_em).toBeCloseTo(200 / 3, 10);
    // made_up_api is not a tool of its dialogue → 1 of 5 steps
    expect(metrics.hallu).toBeCloseTo(20, 10);
    // step 0: city 1 + days 3 == 3.0 → 1 + metric 0 ≠ true → 0.5 → s = 2.5, R = P = 5/6 → 5/6 (hard)
    // step 1: wrong action → 0 in F1, easy and hard; step 3: reference {'tz': 'UTC'} unparsable → skipped
    // F1 = (5/6 + 0)/2 = 5/12; easy = [0] → 0 (+1e-30); hard = [5/6, 0] → 5/12
    expect(metrics.arg_f1).toBeCloseTo(500 / 12, 10);
    expect(metrics.arg_f1_easy).toBeCloseTo(0, 10);
    expect(metrics.arg_f1_hard).toBeCloseTo(500 / 12, 10);
    // R-L: "Sunny in Paris" vs "The weather in Paris is sunny": R = 2/6, P = 2/3 → 2·((2/9)/(1+1e-8))
    expect(metrics.rouge_l).toBeCloseTo((4 / 9 / (1 + 1e-8)) * 100, 10);
    expect(metrics.steps).toBe(5);
    // means over: all 5, reference calls 3, F1 [s0, s1], easy [s1], hard [s0, s1], finish 1
    expect(Object.values(counts)).toEqual([5, 3, 5, 2, 1, 2, 1]);
  });

  it('reads action only from call predictions and answer only from finish predictions', () => {
    const predictions: Prediction[] = [
      { plan: 'finish', action: 'made_up_api', answer: 'x' },
      { plan: 'give up', action: 'get_time' },
      { plan: 'call', action: 'get_weather', answer: 'The weather in Paris is sunny' },
      { plan: 'call', action: 'none' },
      { plan: 'give up' },
    ];
    const metrics = scoreSteps(steps, predictions);
    // no call names an unknown tool ("none" does not count) → 0
    expect(metrics.hallu).toBe(0);
    // an empty name is set, not "none" and no tool: hallucinated, as in the reference → 1 of 5
    expect(scoreSteps(steps, [{ plan: 'call', action: '' }, ...predictions.slice(1)]).hallu).toBeCloseTo(
      20,
      10,
    );
    // steps 0, 1 not predicted as call → name "none" → only reference calls 0,1,3 → 0/3
    expect(metrics.action_em).toBe(0);
    // step 2 not predicted as finish → hypothesis "none" shares no word with the answer → 0
    expect(metrics.rouge_l).toBe(0);
    // plan right on steps 3 (call) and 4 (give up) → 2/5
    expect(metrics.plan_acc).toBeCloseTo(40, 10);
  });

  it('scores an empty answer as the hypothesis "none"', () => {
    const steps = extractSteps([
      dialogue([
        ['assistant', 'Next: conclusion.'],
        ['conclusion', 'none'],
      ]),
    ]);
    // "none" vs "none": R = P = 1 → F = 2·(1/(2+1e-8)) = 0.999999995
    expect(scoreSteps(steps, [{ plan: 'finish', answer: '' }]).rouge_l).toBeCloseTo(99.9999995, 8);
  });

  it('refuses mismatched counts with both numbers in the message', () => {
    expect(() => scoreSteps(steps, [{ plan: 'give up' }, { plan: 'give up' }])).toThrow(
      new UserError('2 predictions for 5 steps: give exactly one per step.'),
    );
  });

  it('gives zeros for no steps at all, Arg F1 means being 0 + 1e-30 before ×100', () => {
    const empty = scoreSteps([], []);
    expect([empty.plan_acc, empty.action_em, empty.hallu, empty.rouge_l, empty.steps]).toEqual([
      0, 0, 0, 0, 0,
    ]);
    expect([empty.arg_f1, empty.arg_f1_easy, empty.arg_f1_hard]).toEqual(Array(3).fill(1e-30 * 100));
  });

  it('scores gold predictions on the reference out-of-domain set at 100 (R-L 99.9999995)', () => {
    const goldSteps = extractSteps(parseDialogues(JSON.parse(readFileSync(TEST_FILE, 'utf8'))));
    const plans = goldSteps.map((step) => step.reference.plan);
    expect(goldSteps).toHaveLength(1547);
    expect(plans.filter((plan) => plan === 'call')).toHaveLength(1146);
    expect(plans.filter((plan) => plan === 'finish')).toHaveLength(294);
    expect(plans.filter((plan) => plan === 'give up')).toHaveLength(107);
    const metrics = scoreSteps(goldSteps, goldSteps.map(goldPrediction));
    expect(metrics.steps).toBe(1547);
    for (const key of ['plan_acc', 'action_em', 'arg_f1', 'arg_f1_easy', 'arg_f1_hard', 'rouge_l'] as const) {
      expect(Math.abs(metrics[key] - 100)).toBeLessThan(1e-6);
    }
    expect(metrics.hallu).toBe(0);
    // 2·(1/(2+1e-8)) per answer, ×100
    expect(metrics.rouge_l).toBeCloseTo(99.9999995, 9);
  });
});
