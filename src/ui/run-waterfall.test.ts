import { describe, expect, it } from 'vitest';
import type { Step, Trajectory } from '../agent/trajectory.ts';
import { summarizeTime } from './run-waterfall.tsx';

const usage = {
  promptTokens: 1,
  reusedPromptTokens: 0,
  completionTokens: 1,
  prefillTokensPerSecond: 1,
  decodeTokensPerSecond: 1,
};
const model = (
  index: number,
  role: 'planner' | 'caller' | 'summarizer',
  startedAt: number,
  durationMs: number,
): Step => ({
  type: 'model',
  index,
  role,
  modelId: 'm',
  prompt: '',
  output: '',
  usage,
  startedAt,
  durationMs,
  flags: {},
});

describe('where the time of a run went', () => {
  it('adds up each role and the API calls, and counts the gaps between steps as waiting', () => {
    const steps: Step[] = [
      model(0, 'planner', 1000, 300),
      model(1, 'caller', 1300, 200),
      {
        type: 'tool',
        index: 2,
        name: 'x',
        argumentsText: '{}',
        ok: true,
        observation: '',
        startedAt: 1600,
        durationMs: 400,
        flags: {},
      },
      model(3, 'planner', 2000, 100),
      model(4, 'summarizer', 2200, 300),
    ];
    const trajectory = { steps } as Trajectory;
    expect(summarizeTime(trajectory)).toEqual({
      start: 1000,
      total: 1500,
      lanes: [
        ['planner', 400],
        ['caller', 200],
        ['API', 400],
        ['summarizer', 300],
      ],
      waiting: 200,
      overlapped: 0,
    });
  });

  it('reports warm-ups apart, as time that overlapped the steps rather than adding to the total', () => {
    const steps: Step[] = [model(0, 'planner', 1000, 300), model(1, 'caller', 1300, 200)];
    const warmups = [
      {
        role: 'caller' as const,
        modelId: 'm',
        startedAt: 1000,
        durationMs: 120,
        promptTokens: 90,
        reusedPromptTokens: 10,
      },
    ];
    const summary = summarizeTime({ steps, warmups } as Trajectory);
    expect(summary.total).toBe(500);
    expect(summary.waiting).toBe(0);
    expect(summary.overlapped).toBe(120);
  });
});
