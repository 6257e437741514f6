import { runAgent } from '../src/agent/run-agent.ts';
import type { AlphaUmiRoles, BackboneRoles } from '../src/agent/run-options.ts';
import type { Trajectory } from '../src/agent/trajectory.ts';
import { createHttpExecutor } from '../src/tools/execute/http-executor.ts';
import type { Tool } from '../src/tools/tool.ts';
import { type RoleFigures, roleFigures } from './role-figures.ts';
import { EventClock, type StepFigure, stepFigures, type WarmFigure, warmupFigures } from './task-steps.ts';
import { splitTime } from './time-split.ts';

/** The fixed demo tasks the bench times, one per kind of chain (two calls, one call, a list). */
export const BENCH_TASKS = [
  "What's the weather in Lausanne?",
  'What time is it in Durban?',
  'Show me my todo list.',
  'How many people live in Osaka?',
];

/** Where one task's wall time went, with its model steps and their figures per role. */
export interface TaskBreakdown {
  task: string;
  status: string;
  answer?: string;
  totalMs: number;
  /** Wall time during which a model worked (its steps, and warm-ups ahead of them), overlaps counted once. */
  modelMs: number;
  /** The tool calls' whole latency. */
  toolMs: number;
  /** Tool time while no model worked (end to end = models + tools alone + orchestration). */
  toolAloneMs: number;
  /** Time outside the models and the tools: the agent's own work (prompts, parsing, events). */
  orchestrationMs: number;
  promptTokens: number;
  reusedPromptTokens: number;
  modelSteps: number;
  /** Prompt tokens the models evaluated ahead of their steps (warm-ups), when the agent warms them. */
  warmPrefilledTokens: number;
  roles: RoleFigures[];
  steps: StepFigure[];
  warmups: WarmFigure[];
  /** wllama only: the bench harness's Node↔page messaging inside `modelMs` (page-timer.ts). */
  pageMessagingMs?: number;
}

/** Totals over a set of tasks. */
export interface SetSummary {
  tasks: TaskBreakdown[];
  totalMs: number;
  modelMs: number;
  toolMs: number;
  toolAloneMs: number;
  orchestrationMs: number;
  /** Orchestration as a share of the end-to-end time, ×100. */
  orchestrationPercent: number;
  /** Per role over every step of every task. */
  roles: RoleFigures[];
  pageMessagingMs?: number;
}

/** The mode name of the α-UMi models run without warm-ups or early calls. */
export const NO_OVERLAP = 'α-UMi, no overlap';

/** The bench's clock for the agent's steps: epoch milliseconds with sub-millisecond precision. */
const preciseNow = () => performance.timeOrigin + performance.now();

/** Runs one task (greedy) against real tools, timing every event as it arrives. */
export async function timeTask(
  task: string,
  roles: AlphaUmiRoles | BackboneRoles,
  tools: Tool[],
  fetchImpl: typeof fetch,
  overlap = true,
): Promise<TaskBreakdown> {
  const execute = createHttpExecutor({ tools, fetch: fetchImpl, confirm: async () => true });
  const clock = new EventClock();
  const start = preciseNow();
  let trajectory: Trajectory | undefined;
  for await (const event of runAgent({ task, tools, roles, execute, now: preciseNow, overlap })) {
    clock.note(event);
    if (event.type === 'run-end') trajectory = event.trajectory;
  }
  const window = { start, end: preciseNow() };
  if (trajectory === undefined) throw new Error(`"${task}" ended without a trajectory`);
  const steps = stepFigures(trajectory, clock);
  const warmups = warmupFigures(trajectory);
  const span = (item: { startedAt: number; durationMs: number }) => ({
    start: item.startedAt,
    end: item.startedAt + item.durationMs,
  });
  const calls = trajectory.steps.filter((step) => step.type === 'tool');
  const time = splitTime(window, [...steps, ...warmups].map(span), calls.map(span));
  return {
    task,
    status: trajectory.status,
    ...(trajectory.answer === undefined ? {} : { answer: trajectory.answer }),
    ...time,
    promptTokens: steps.reduce((total, step) => total + step.promptTokens, 0),
    reusedPromptTokens: steps.reduce((total, step) => total + step.reusedPromptTokens, 0),
    modelSteps: steps.length,
    warmPrefilledTokens: warmups.reduce((total, warmup) => total + warmup.prefilledTokens, 0),
    roles: roleFigures(steps, warmups),
    steps,
    warmups,
  };
}

/** Sums a set of timed tasks. */
export function summarizeTasks(tasks: TaskBreakdown[]): SetSummary {
  const sum = (pick: (item: TaskBreakdown) => number) => tasks.reduce((total, item) => total + pick(item), 0);
  const totalMs = sum((item) => item.totalMs);
  const orchestrationMs = sum((item) => item.orchestrationMs);
  const messaged = tasks.filter((item) => item.pageMessagingMs !== undefined);
  return {
    tasks,
    totalMs,
    modelMs: sum((item) => item.modelMs),
    toolMs: sum((item) => item.toolMs),
    toolAloneMs: sum((item) => item.toolAloneMs),
    orchestrationMs,
    orchestrationPercent: totalMs === 0 ? 0 : (100 * orchestrationMs) / totalMs,
    roles: roleFigures(
      tasks.flatMap((item) => item.steps),
      tasks.flatMap((item) => item.warmups),
    ),
    ...(messaged.length > 0 ? { pageMessagingMs: sum((item) => item.pageMessagingMs ?? 0) } : {}),
  };
}

/** Runs every task once with the given roles (greedy) against real tools, and sums where the time went. */
export async function timeTaskSet(
  tasks: readonly string[],
  roles: AlphaUmiRoles | BackboneRoles,
  tools: Tool[],
  fetchImpl: typeof fetch,
  /** Adds what the caller measured around the task (the page's own timings, for wllama). */
  annotate: (task: TaskBreakdown) => Promise<TaskBreakdown> = async (task) => task,
  /** Let the α-UMi models warm up beside each other's work (the agent's default). */
  overlap = true,
): Promise<SetSummary> {
  const done: TaskBreakdown[] = [];
  for (const task of tasks) done.push(await annotate(await timeTask(task, roles, tools, fetchImpl, overlap)));
  return summarizeTasks(done);
}
