import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentTools, loadAgentTools } from '../src/cli/agent-tools.ts';
import { scriptedModel } from '../src/testing/agent-test-kit.ts';
import { summarizeTasks, timeTask } from './task-set.ts';

/** Scripted role models (each pseudo-token 5 ms apart) on the real demo API served on 127.0.0.1. */
const TOKEN_MS = 5;
let tools: AgentTools;
beforeAll(async () => {
  tools = await loadAgentTools(undefined);
});
afterAll(() => tools?.close());

const roles = async () => ({
  planner: await scriptedModel(
    'planner',
    ['Find the city. Next: caller.', 'Done. Next: conclusion.'],
    TOKEN_MS,
  ),
  caller: await scriptedModel(
    'caller',
    ['Action: searchcities_for_demo\nAction Input: {"name": "Lausanne"}'],
    TOKEN_MS,
  ),
  summarizer: await scriptedModel('summarizer', ['Lausanne is in Switzerland.'], TOKEN_MS),
});

describe('timing a task', () => {
  it('splits the wall time into models, the API call outside them and the rest, and gives figures per role', async () => {
    const task = await timeTask('Where is Lausanne?', await roles(), tools.tools, tools.fetch);
    expect(task.status).toBe('answered');
    expect(task.steps.map((step) => step.role)).toEqual(['planner', 'caller', 'planner', 'summarizer']);
    expect(task.toolMs).toBeGreaterThan(0);
    expect(task.orchestrationMs).toBeGreaterThanOrEqual(0);
    expect(task.modelMs + task.toolAloneMs + task.orchestrationMs).toBeCloseTo(task.totalMs, 6);
    expect(task.toolAloneMs).toBeLessThanOrEqual(task.toolMs);
    expect(task.roles.map((role) => [role.role, role.steps])).toEqual([
      ['planner', 2],
      ['caller', 1],
      ['summarizer', 1],
    ]);
    expect(task.promptTokens).toBe(task.steps.reduce((sum, step) => sum + step.promptTokens, 0));
    // Warm-ups, when the agent runs any, are the models' prefill ahead of their steps, counted per role too.
    const ahead = task.warmups.reduce((sum, warmup) => sum + warmup.prefilledTokens, 0);
    expect(task.warmPrefilledTokens).toBe(ahead);
    expect(task.roles.reduce((sum, role) => sum + role.warmPrefilledTokens, 0)).toBe(ahead);
  });

  it('measures the first token from the step’s start event, before the rest of the tokens stream', async () => {
    const task = await timeTask('Where is Lausanne?', await roles(), tools.tools, tools.fetch);
    const summarizer = task.steps.at(-1);
    // "Lausanne is in Switzerland." streams as 4 pseudo-tokens, each followed by a 5 ms pause.
    expect(summarizer?.deltas).toBe(4);
    expect(summarizer?.durationMs).toBeGreaterThanOrEqual(4 * TOKEN_MS - 1);
    expect(summarizer?.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(summarizer?.firstTokenMs).toBeLessThan((summarizer?.durationMs ?? 0) - 2 * TOKEN_MS);
  });

  it('sums a set of tasks, its orchestration share and its roles, with page messaging only when measured', async () => {
    const first = await timeTask('Where is Lausanne?', await roles(), tools.tools, tools.fetch);
    const second = { ...first, pageMessagingMs: 3 };
    const native = summarizeTasks([first, first]);
    expect(native.totalMs).toBeCloseTo(2 * first.totalMs, 6);
    expect(native.orchestrationPercent).toBeCloseTo((100 * first.orchestrationMs) / first.totalMs, 6);
    expect(native.roles.find((role) => role.role === 'planner')?.steps).toBe(4);
    expect(native.pageMessagingMs).toBeUndefined();
    expect(summarizeTasks([second, second]).pageMessagingMs).toBe(6);
  });
});
