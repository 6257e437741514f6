import { join } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import type { JsonObject } from '../../agent/json.ts';
import { runAgent } from '../../agent/run-agent.ts';
import type { AlphaUmiProfile, AlphaUmiRoles, BackboneRoles } from '../../agent/run-options.ts';
import type { Trajectory } from '../../agent/trajectory.ts';
import { startDemoServer } from '../../demo-api/demo-server.ts';
import type { Sampling } from '../../engines/engine.ts';
import { createHttpExecutor } from '../../tools/execute/http-executor.ts';
import { importOpenApi } from '../../tools/import/openapi-import.ts';
import type { Tool } from '../../tools/tool.ts';
import { retryingFetch } from '../retrying-fetch.ts';
import { missingValues } from './answer-values.ts';
import type { E2eTask } from './e2e-tasks.ts';
import { JsonlLog } from './jsonl-log.ts';
import { type ProgressOutput, startProgress } from './progress.ts';
import { todoStateOf } from './todo-state.ts';

/** Where the end-to-end results go, one line per task. */
export const E2E_FILE = 'e2e.jsonl';

/** How each task's run is made. */
export interface E2eSettings {
  roles: AlphaUmiRoles | BackboneRoles;
  profile: AlphaUmiProfile;
  maxSteps: number;
  maxTokens: number;
  sampling: Sampling;
  constrainedCaller: boolean;
  grounding: boolean;
  now: () => number;
}

/** The demo API's tools must be the ones the dialogues list, or the models would see other docs. */
function checkTools(tools: readonly Tool[], tasks: readonly E2eTask[]): void {
  const docs = JSON.stringify(tools.map((tool) => tool.doc));
  const other = tasks.find((task) => JSON.stringify(task.dialogue.tools) !== docs);
  if (other !== undefined) {
    throw new UserError(
      `End-to-end evaluation runs against the demo API, but dialogue ${other.dialogueIndex} lists other tools; use a test file made by training/data/generate.ts.`,
    );
  }
}

/** Whether the run ended as the task should, stating every value; the values it missed. */
export function judgeRun(task: E2eTask, trajectory: Trajectory): { success: boolean; missing: string[] } {
  const missing = task.expected === 'answered' ? missingValues(trajectory.answer ?? '', task.values) : [];
  return { success: trajectory.status === task.expected && missing.length === 0, missing };
}

/** One e2e.jsonl line. */
function taskRecord(task: E2eTask, trajectory: Trajectory, ms: number): JsonObject {
  const { success, missing } = judgeRun(task, trajectory);
  const calls = trajectory.steps.flatMap((step) =>
    step.type === 'tool' ? [{ name: step.name, arguments: step.argumentsText, ok: step.ok }] : [],
  );
  const record: JsonObject = {
    dialogue: task.dialogueIndex,
    intent: task.intent,
    instruction: task.instruction,
    expected: task.expected,
    status: trajectory.status,
    answer: trajectory.answer ?? null,
    values: task.values,
    missing,
    success,
    calls,
    steps: trajectory.steps.length,
    ms,
  };
  if (trajectory.error !== undefined) record.error = trajectory.error.message;
  return record;
}

/**
 * Runs the whole agent live against a fresh demo API for each task's first user instruction (data
 * reset, todo list rebuilt from the gold dialogue, every call confirmed), appending each result to
 * `<out>/e2e.jsonl`; tasks already there are skipped. Returns the records of `tasks`, in order.
 */
export async function runE2ePass(
  out: string,
  tasks: readonly E2eTask[],
  settings: E2eSettings,
  progress: ProgressOutput,
): Promise<JsonObject[]> {
  const log = await JsonlLog.open(join(out, E2E_FILE));
  log.checkOrder(
    'dialogue',
    tasks.map((task) => task.dialogueIndex),
    'task',
  );
  const done = Math.min(log.records.length, tasks.length);
  if (done === tasks.length) return log.records.slice(0, tasks.length);
  const server = await startDemoServer({ control: true });
  const bar = startProgress('tasks', tasks.length, done, progress);
  try {
    const fetch = retryingFetch();
    const imported = await importOpenApi({ url: `${server.url}/openapi.json` }, { fetch });
    checkTools(imported.tools, tasks);
    const execute = createHttpExecutor({ tools: imported.tools, fetch, confirm: async () => true });
    const control = (path: string, body?: unknown) =>
      fetch(`${server.url}/_control/${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
    for (let index = done; index < tasks.length; index++) {
      const task = tasks[index] as E2eTask;
      await control('reset');
      const todos = todoStateOf(task.dialogue.conversations);
      if (todos !== undefined) await control('todos', todos);
      const started = settings.now();
      const run = runAgent({
        task: task.instruction,
        tools: imported.tools,
        roles: settings.roles,
        execute,
        profile: settings.profile,
        maxSteps: settings.maxSteps,
        maxTokens: settings.maxTokens,
        sampling: settings.sampling,
        now: settings.now,
        constrainedCaller: settings.constrainedCaller,
        grounding: settings.grounding,
      });
      let next = await run.next();
      while (next.done !== true) next = await run.next();
      await log.append(taskRecord(task, next.value, settings.now() - started));
      bar.tick();
    }
  } finally {
    bar.end();
    await server.close();
  }
  return log.records.slice(0, tasks.length);
}
