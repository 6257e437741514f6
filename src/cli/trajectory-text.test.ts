import { describe, expect, it } from 'vitest';
import type { ModelStep, ToolStep, Trajectory } from '../agent/trajectory.ts';
import { formatOutcome, formatStep } from './trajectory-text.ts';

const usage = {
  promptTokens: 1,
  reusedPromptTokens: 0,
  completionTokens: 1,
  prefillTokensPerSecond: 0,
  decodeTokensPerSecond: 0,
};
const model = (step: Partial<ModelStep>): ModelStep => ({
  type: 'model',
  index: 0,
  role: 'planner',
  modelId: 'm',
  prompt: '',
  output: '',
  usage,
  startedAt: 0,
  durationMs: 0,
  flags: {},
  ...step,
});

describe('formatStep', () => {
  it('shows a backbone step as thought, decision and call, lined up under its label', () => {
    const step = model({
      role: 'backbone',
      thought: 'Look it up.',
      decision: 'call',
      action: 'search',
      actionInput: '{}',
    });
    expect(formatStep(step)).toBe(
      'backbone    Look it up. → call\n            Action: search\n            Action Input: {}\n',
    );
  });

  it('says when the planner wrote nothing usable and is asked again', () => {
    const step = model({ output: ' . ', flags: { invalid: true } });
    expect(formatStep(step)).toBe('planner     (unusable output " . "; generating again)\n');
  });

  it('flags an API name that is not among the tools', () => {
    const step: ToolStep = {
      type: 'tool',
      index: 1,
      name: 'fly',
      argumentsText: '{}',
      ok: false,
      observation: '{"error": "No such function name: fly", "response": ""}',
      startedAt: 0,
      durationMs: 0,
      flags: { hallucinated: true },
    };
    expect(formatStep(step)).toBe(
      'tool        fly → failed\n            (fly is not one of the tools)\n' +
        'observation {"error": "No such function name: fly", "response": ""}\n',
    );
  });
});

describe('formatOutcome', () => {
  it('ends with the answer or the give-up, the status, the steps and the time', () => {
    const base = {
      version: 1 as const,
      id: 'x',
      mode: 'alpha-umi' as const,
      tools: [],
      turns: [],
      steps: [],
      createdAt: 0,
    };
    const answered: Trajectory = { ...base, status: 'answered', answer: 'Sunny.', updatedAt: 1500 };
    expect(formatOutcome(answered)).toBe('\nanswer      Sunny.\n(answered, 0 steps, 1.5 s)\n');
    const gaveUp: Trajectory = { ...base, status: 'gave-up', updatedAt: 0 };
    expect(formatOutcome(gaveUp)).toContain('gave up     the planner found no way to do this task\n');
  });
});
