import type { JsonObject } from '../../agent/json.ts';
import type { StepResults } from '../../eval/step-record.ts';
import { formatTable } from '../score-command.ts';

/** What the end-to-end pass measured: success overall and per intent. */
export interface E2eResults {
  tasks: number;
  succeeded: number;
  /** ×100, like the step metrics. */
  successRate: number;
  byIntent: Record<string, { tasks: number; succeeded: number }>;
  secondsPerTask: number;
}

/** Counts the successes of the end-to-end records. */
export function e2eResults(records: readonly JsonObject[]): E2eResults {
  const byIntent: E2eResults['byIntent'] = {};
  let succeeded = 0;
  let ms = 0;
  for (const record of records) {
    const intent = typeof record.intent === 'string' && record.intent !== '' ? record.intent : '(none)';
    const entry = byIntent[intent] ?? { tasks: 0, succeeded: 0 };
    byIntent[intent] = entry;
    entry.tasks++;
    if (record.success === true) {
      entry.succeeded++;
      succeeded++;
    }
    ms += typeof record.ms === 'number' ? record.ms : 0;
  }
  const tasks = records.length;
  return {
    tasks,
    succeeded,
    successRate: tasks === 0 ? 0 : (succeeded / tasks) * 100,
    byIntent,
    secondsPerTask: tasks === 0 ? 0 : ms / 1000 / tasks,
  };
}

/** The human-readable results: the metrics table, time per step, task success per intent. */
export function formatResults(steps: StepResults | undefined, e2e: E2eResults | undefined): string {
  let text = '';
  if (steps !== undefined) {
    text += formatTable(steps.metrics, steps.counts);
    text += `\nseconds per step: ${steps.secondsPerStep.toFixed(3)} (models only, ${steps.metrics.steps} steps)\n`;
    if (steps.failedSteps > 0)
      text += `${steps.failedSteps} steps could not run (prompt longer than the context) and count as wrong; see "error" in steps.jsonl\n`;
  }
  if (e2e !== undefined) {
    text += `\ntask success: ${e2e.successRate.toFixed(2)} (${e2e.succeeded}/${e2e.tasks} tasks, ${e2e.secondsPerTask.toFixed(2)} s per task)\n`;
    const intents = Object.entries(e2e.byIntent).sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(0, ...intents.map(([intent]) => intent.length));
    for (const [intent, { tasks, succeeded }] of intents) {
      text += `  ${intent.padEnd(width)}  ${String(succeeded).padStart(4)}/${tasks}\n`;
    }
  }
  return text;
}

/** The results as one flat JSON object: the metrics ×100, seconds per step, task success. */
export function resultsJson(steps: StepResults | undefined, e2e: E2eResults | undefined): JsonObject {
  const json: JsonObject = {};
  if (steps !== undefined) {
    Object.assign(json, steps.metrics, {
      seconds_per_step: steps.secondsPerStep,
      failed_steps: steps.failedSteps,
    });
  }
  if (e2e !== undefined) {
    Object.assign(json, {
      task_success: e2e.successRate,
      tasks: e2e.tasks,
      tasks_succeeded: e2e.succeeded,
      seconds_per_task: e2e.secondsPerTask,
    });
  }
  return json;
}
