import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import type { JsonObject } from '../../agent/json.ts';
import { recordPrediction, stepRecord } from '../../eval/step-record.ts';
import { runStepOrFail, type StepSettings } from '../../eval/step-runner.ts';
import type { EvalStep, Prediction } from '../../eval/steps.ts';
import { JsonlLog } from './jsonl-log.ts';
import type { ProgressOutput } from './progress.ts';
import { startProgress } from './progress.ts';

/** File names inside the output folder. */
export const PREDICTIONS_FILE = 'predictions.jsonl';
export const STEPS_FILE = 'steps.jsonl';

/** A steps.jsonl line: the step, its reference and prediction, raw outputs, tokens and latency. */
function stepDump(index: number, record: JsonObject, reference: Prediction): JsonObject {
  const { dialogue = null, turn = null, raw = null, prompt_tokens = null } = record;
  const { completion_tokens = null, latency_ms = null } = record;
  const dump: JsonObject = { step: index, dialogue, turn, reference: { ...reference } };
  dump.prediction = { ...recordPrediction(record) };
  Object.assign(dump, { raw, prompt_tokens, completion_tokens, latency_ms });
  for (const key of ['planner_attempts', 'planner_fallback', 'error']) {
    const value = record[key];
    if (value !== undefined) dump[key] = value;
  }
  return dump;
}

/** Checks that the records already made are the first steps, in order. */
function checkResumed(records: readonly JsonObject[], steps: readonly EvalStep[], path: string): void {
  records.forEach((record, index) => {
    const step = steps[index];
    if (step === undefined) return;
    if (record.step !== index || record.dialogue !== step.dialogueIndex || record.turn !== step.turnIndex) {
      throw new UserError(
        `${path} line ${index + 1} is not step ${index} of the test file; delete the folder or pick another --out.`,
      );
    }
  });
}

/**
 * Predicts every step not yet in `<out>/predictions.jsonl` (appending each as it is made), then
 * writes `<out>/steps.jsonl` with references; returns the records of `steps`, in order.
 */
export async function runStepPass(
  out: string,
  steps: readonly EvalStep[],
  settings: StepSettings,
  progress: ProgressOutput,
): Promise<JsonObject[]> {
  const log = await JsonlLog.open(join(out, PREDICTIONS_FILE));
  checkResumed(log.records, steps, log.path);
  const done = Math.min(log.records.length, steps.length);
  const bar = startProgress('steps', steps.length, done, progress);
  try {
    for (let index = done; index < steps.length; index++) {
      const step = steps[index] as EvalStep;
      await log.append(stepRecord(index, step, await runStepOrFail(step, settings)));
      bar.tick();
    }
  } finally {
    bar.end();
  }
  const records = log.records.slice(0, steps.length);
  const lines = records.map((record, index) => {
    const reference = (steps[index] as EvalStep).reference;
    return `${JSON.stringify(stepDump(index, record, reference))}\n`;
  });
  await writeFile(join(out, STEPS_FILE), lines.join(''));
  return records;
}
