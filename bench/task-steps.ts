import { runAgent } from '../src/agent/run-agent.ts';
import type { AlphaUmiRoles } from '../src/agent/run-options.ts';
import type { Trajectory } from '../src/agent/trajectory.ts';
import { createHttpExecutor } from '../src/tools/execute/http-executor.ts';
import type { Tool } from '../src/tools/tool.ts';

/** One model step of a full task: how much of its prompt was prefilled and how much reused. */
export interface StepTiming {
  role: string;
  promptTokens: number;
  reusedPromptTokens: number;
  prefilledTokens: number;
  completionTokens: number;
  milliseconds: number;
}

/** A task's steps and its wall time. */
export interface TaskTiming {
  task: string;
  status: string;
  answer: string | undefined;
  steps: StepTiming[];
  toolMilliseconds: number;
  totalMilliseconds: number;
}

/** Per-step prompt reuse and latency of a finished run. */
export function stepTimings(trajectory: Trajectory): StepTiming[] {
  return trajectory.steps.flatMap((step) =>
    step.type === 'model'
      ? [
          {
            role: step.role,
            promptTokens: step.usage.promptTokens,
            reusedPromptTokens: step.usage.reusedPromptTokens,
            prefilledTokens: step.usage.promptTokens - step.usage.reusedPromptTokens,
            completionTokens: step.usage.completionTokens,
            milliseconds: step.durationMs,
          },
        ]
      : [],
  );
}

/** Runs one task with the α-UMi roles against real tools and times it. */
export async function timeTask(task: string, roles: AlphaUmiRoles, tools: Tool[]): Promise<TaskTiming> {
  const execute = createHttpExecutor({ tools, confirm: async () => true });
  const started = performance.now();
  let trajectory: Trajectory | undefined;
  for await (const event of runAgent({ task, tools, roles, execute })) {
    if (event.type === 'run-end') trajectory = event.trajectory;
  }
  if (trajectory === undefined) throw new Error('the run ended without a trajectory');
  const toolMilliseconds = trajectory.steps.reduce(
    (total, step) => total + (step.type === 'tool' ? step.durationMs : 0),
    0,
  );
  return {
    task,
    status: trajectory.status,
    answer: trajectory.answer,
    steps: stepTimings(trajectory),
    toolMilliseconds,
    totalMilliseconds: performance.now() - started,
  };
}
