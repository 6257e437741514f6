import type { BenchRecord } from './report.ts';
import type { RoleFigures } from './role-figures.ts';
import type { SetSummary, TaskBreakdown } from './task-set.ts';

/** A small bench record for the report's and the charts' tests: two engines, each with both modes. */

const role = (name: RoleFigures['role'], prefilled: number, reused: number, ahead = 0): RoleFigures => ({
  role: name,
  steps: 2,
  promptTokens: prefilled + reused,
  reusedPromptTokens: reused,
  prefilledTokens: prefilled,
  warmups: ahead > 0 ? 1 : 0,
  warmPrefilledTokens: ahead,
  completionTokens: 20,
  firstTokenMs: 12.4,
  prefillTokensPerSecond: 5000,
  decodeTokensPerSecond: 900,
  modelMs: 80,
});

const task = (name: string, totalMs: number, modelMs: number, pageMessagingMs?: number): TaskBreakdown => ({
  task: name,
  status: 'answered',
  totalMs,
  modelMs,
  toolMs: 14,
  toolAloneMs: 10,
  orchestrationMs: totalMs - modelMs - 10,
  promptTokens: 1000,
  reusedPromptTokens: 600,
  modelSteps: 4,
  warmPrefilledTokens: 60,
  roles: [role('planner', 300, 500), role('caller', 100, 100, 60)],
  steps: [],
  warmups: [],
  ...(pageMessagingMs === undefined ? {} : { pageMessagingMs }),
});

const summary = (tasks: TaskBreakdown[], roles: RoleFigures[]): SetSummary => {
  const totalMs = tasks.reduce((sum, item) => sum + item.totalMs, 0);
  const orchestrationMs = tasks.reduce((sum, item) => sum + item.orchestrationMs, 0);
  const messaging = tasks.filter((item) => item.pageMessagingMs !== undefined);
  return {
    tasks,
    totalMs,
    modelMs: tasks.reduce((sum, item) => sum + item.modelMs, 0),
    toolMs: tasks.reduce((sum, item) => sum + item.toolMs, 0),
    toolAloneMs: tasks.reduce((sum, item) => sum + item.toolAloneMs, 0),
    orchestrationMs,
    orchestrationPercent: (100 * orchestrationMs) / totalMs,
    roles,
    ...(messaging.length > 0
      ? { pageMessagingMs: messaging.reduce((sum, item) => sum + (item.pageMessagingMs ?? 0), 0) }
      : {}),
  };
};

/** Native: α-UMi 200 ms vs backbone 250 ms; wllama: 1000 vs 800 ms, with 120 / 90 ms of page messaging. */
export const RECORD: BenchRecord = {
  measuredAt: '2026-11-30T00:00:00.000Z',
  runs: 1,
  speed: [
    {
      engine: 'wllama (headless Chromium)',
      promptTokens: 10,
      completionTokens: 5,
      prefillTokensPerSecond: 100,
      decodeTokensPerSecond: 25,
      runs: 1,
    },
    {
      engine: 'node-llama-cpp',
      promptTokens: 10,
      completionTokens: 5,
      prefillTokensPerSecond: 400,
      decodeTokensPerSecond: 100,
      runs: 1,
    },
  ],
  taskSets: [
    {
      engine: 'node-llama-cpp',
      mode: 'α-UMi',
      summary: summary(
        [task('Weather <Lausanne>?', 200, 180)],
        [role('planner', 300, 500), role('caller', 100, 100, 60)],
      ),
    },
    {
      engine: 'node-llama-cpp',
      mode: 'backbone',
      summary: summary([task('Weather <Lausanne>?', 250, 235)], [role('backbone', 700, 300)]),
    },
    {
      engine: 'wllama',
      mode: 'α-UMi',
      summary: summary([task('Weather <Lausanne>?', 1000, 950, 120)], [role('planner', 300, 500)]),
    },
    {
      engine: 'wllama',
      mode: 'backbone',
      summary: summary([task('Weather <Lausanne>?', 800, 760, 90)], [role('backbone', 700, 300)]),
    },
  ],
};
