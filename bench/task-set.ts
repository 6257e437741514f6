import { runAgent } from '../src/agent/run-agent.ts';
import type { AlphaUmiRoles, BackboneRoles } from '../src/agent/run-options.ts';
import type { Trajectory } from '../src/agent/trajectory.ts';
import { createHttpExecutor } from '../src/tools/execute/http-executor.ts';
import type { Tool } from '../src/tools/tool.ts';

/** The fixed demo tasks the bench times, one per kind of chain (two calls, one call, a list). */
export const BENCH_TASKS = [
  "What's the weather in Lausanne?",
  'What time is it in Durban?',
  'Show me my todo list.',
  'How many people live in Osaka?',
];

/** Where one task's wall time went. */
export interface TaskBreakdown {
  task: string;
  status: string;
  totalMs: number;
  modelMs: number;
  toolMs: number;
  /** Time outside the models and the tools: the agent's own work (prompts, parsing, events). */
  orchestrationMs: number;
  promptTokens: number;
  reusedPromptTokens: number;
  modelSteps: number;
}

/** Totals over a set of tasks. */
export interface SetSummary {
  tasks: TaskBreakdown[];
  totalMs: number;
  modelMs: number;
  toolMs: number;
  orchestrationMs: number;
  /** Orchestration as a share of the end-to-end time, ×100. */
  orchestrationPercent: number;
}

function breakdown(task: string, trajectory: Trajectory, totalMs: number): TaskBreakdown {
  let modelMs = 0;
  let toolMs = 0;
  let promptTokens = 0;
  let reusedPromptTokens = 0;
  let modelSteps = 0;
  for (const step of trajectory.steps) {
    if (step.type === 'tool') toolMs += step.durationMs;
    else {
      modelMs += step.durationMs;
      promptTokens += step.usage.promptTokens;
      reusedPromptTokens += step.usage.reusedPromptTokens;
      modelSteps++;
    }
  }
  const orchestrationMs = Math.max(0, totalMs - modelMs - toolMs);
  return {
    task,
    status: trajectory.status,
    totalMs,
    modelMs,
    toolMs,
    orchestrationMs,
    promptTokens,
    reusedPromptTokens,
    modelSteps,
  };
}

/** Runs every task once with the given roles (greedy) against real tools, and sums where the time went. */
export async function timeTaskSet(
  tasks: readonly string[],
  roles: AlphaUmiRoles | BackboneRoles,
  tools: Tool[],
  fetchImpl: typeof fetch,
): Promise<SetSummary> {
  const execute = createHttpExecutor({ tools, fetch: fetchImpl, confirm: async () => true });
  const done: TaskBreakdown[] = [];
  for (const task of tasks) {
    const started = performance.now();
    let trajectory: Trajectory | undefined;
    for await (const event of runAgent({ task, tools, roles, execute })) {
      if (event.type === 'run-end') trajectory = event.trajectory;
    }
    if (trajectory === undefined) throw new Error(`"${task}" ended without a trajectory`);
    done.push(breakdown(task, trajectory, performance.now() - started));
  }
  const sum = (pick: (item: TaskBreakdown) => number) => done.reduce((total, item) => total + pick(item), 0);
  const totalMs = sum((item) => item.totalMs);
  const orchestrationMs = sum((item) => item.orchestrationMs);
  return {
    tasks: done,
    totalMs,
    modelMs: sum((item) => item.modelMs),
    toolMs: sum((item) => item.toolMs),
    orchestrationMs,
    orchestrationPercent: totalMs === 0 ? 0 : (100 * orchestrationMs) / totalMs,
  };
}
