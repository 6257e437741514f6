import { describe, expect, it } from 'vitest';
import type { ModelStep, Trajectory } from '../src/agent/trajectory.ts';
import { EventClock, stepFigures, warmupFigures } from './task-steps.ts';

const usage = {
  promptTokens: 90,
  reusedPromptTokens: 60,
  completionTokens: 7,
  prefillTokensPerSecond: 1000,
  decodeTokensPerSecond: 200,
};
const step = (index: number, role: ModelStep['role']): ModelStep => ({
  type: 'model',
  index,
  role,
  modelId: role,
  prompt: 'p',
  output: 'o',
  usage,
  startedAt: 0,
  durationMs: 70,
  flags: {},
});
const trajectory = (extra: object = {}): Trajectory =>
  ({
    version: 1,
    id: 'run',
    mode: 'alpha-umi',
    tools: [],
    turns: [],
    steps: [step(0, 'planner')],
    status: 'answered',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  }) as Trajectory;

describe('the figures of a run’s steps', () => {
  it('measures a step’s first token from its start event to its first text delta', () => {
    let now = 5;
    const clock = new EventClock(() => now);
    clock.note({ type: 'step-start', index: 0, role: 'planner' });
    now = 17;
    clock.note({ type: 'token-delta', index: 0, role: 'planner', text: 'Find' });
    now = 30;
    clock.note({ type: 'token-delta', index: 0, role: 'planner', text: ' it' });
    now = 75;
    clock.note({ type: 'step-end', step: step(0, 'planner') });
    const [figure] = stepFigures(trajectory(), clock);
    expect(figure).toMatchObject({
      role: 'planner',
      firstTokenMs: 12,
      deltas: 2,
      prefilledTokens: 30,
      durationMs: 70,
    });
  });

  it('counts a step that streamed no text until its end event', () => {
    let now = 0;
    const clock = new EventClock(() => now);
    clock.note({ type: 'step-start', index: 3, role: 'planner' });
    now = 42;
    clock.note({ type: 'token-delta', index: 4, role: 'caller', text: 'x' });
    now = 70;
    clock.note({ type: 'step-end', step: { ...step(3, 'planner'), output: '' } });
    expect(clock.firstTokenMs(3)).toBe(70);
    expect(clock.deltas(3)).toBe(0);
    expect(clock.deltas(4)).toBe(1);
  });

  it('reads the warm-ups a run recorded, with the tokens each prefilled ahead', () => {
    const warmups = [
      {
        role: 'caller',
        modelId: 'c',
        startedAt: 1,
        durationMs: 4.5,
        promptTokens: 500,
        reusedPromptTokens: 420,
      },
      {
        role: 'planner',
        modelId: 'p',
        startedAt: 9,
        durationMs: 2,
        promptTokens: 300,
        reusedPromptTokens: 300,
      },
    ];
    expect(warmupFigures(trajectory({ warmups }))).toEqual([
      {
        role: 'caller',
        promptTokens: 500,
        reusedPromptTokens: 420,
        prefilledTokens: 80,
        startedAt: 1,
        durationMs: 4.5,
      },
      {
        role: 'planner',
        promptTokens: 300,
        reusedPromptTokens: 300,
        prefilledTokens: 0,
        startedAt: 9,
        durationMs: 2,
      },
    ]);
  });

  it('finds no warm-ups in a run that recorded none, and skips records it cannot read', () => {
    expect(warmupFigures(trajectory())).toEqual([]);
    expect(warmupFigures(trajectory({ warmups: 'none' }))).toEqual([]);
    expect(warmupFigures(trajectory({ warmups: [null, { role: 'caller', promptTokens: 'many' }] }))).toEqual(
      [],
    );
  });
});
