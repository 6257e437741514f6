import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import { isJsonObject, type JsonObject } from '../../agent/json.ts';

/** Version of `eval.json`; bump it when the recorded settings change meaning. */
export const EVAL_RECORD_VERSION = 1;

/** `<out>/eval.json`: the settings every prediction in the folder was made with, and the results. */
export interface EvalRecord {
  version: typeof EVAL_RECORD_VERSION;
  settings: JsonObject;
  results?: JsonObject;
}

/** The settings keys whose values differ (compared as JSON). */
export function settingsDifferences(recorded: JsonObject, current: JsonObject): string[] {
  const keys = [...new Set([...Object.keys(recorded), ...Object.keys(current)])];
  return keys.filter((key) => JSON.stringify(recorded[key]) !== JSON.stringify(current[key]));
}

/**
 * Opens the output folder for these settings: creates it and `eval.json`, or checks that the settings
 * recorded there match (a UserError lists what differs, so predictions are never mixed).
 */
export async function openEvalFolder(out: string, settings: JsonObject): Promise<EvalRecord> {
  await mkdir(out, { recursive: true }).catch((error: Error) => {
    throw new UserError(`Cannot create the output folder ${out}: ${error.message}`);
  });
  const path = join(out, 'eval.json');
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new UserError(`Cannot read ${path}: ${error.message}`);
  });
  if (text === undefined) {
    const record: EvalRecord = { version: EVAL_RECORD_VERSION, settings };
    await writeEvalRecord(out, record);
    return record;
  }
  let recorded: unknown;
  try {
    recorded = JSON.parse(text);
  } catch {
    throw new UserError(`${path} is not valid JSON; delete the folder ${out} or pick another --out.`);
  }
  if (
    !isJsonObject(recorded) ||
    recorded.version !== EVAL_RECORD_VERSION ||
    !isJsonObject(recorded.settings)
  ) {
    throw new UserError(
      `${path} was not written by this version of umi eval; delete the folder ${out} or pick another --out.`,
    );
  }
  const before = recorded.settings;
  const differences = settingsDifferences(before, settings);
  if (differences.length > 0) {
    const lines = differences.map(
      (key) => `  ${key}: recorded ${JSON.stringify(before[key])}, now ${JSON.stringify(settings[key])}`,
    );
    throw new UserError(
      `${out} holds predictions made with other settings:\n${lines.join('\n')}\n` +
        'Use another --out for these settings, or rerun with the recorded ones to resume.',
    );
  }
  const record: EvalRecord = { version: EVAL_RECORD_VERSION, settings };
  if (isJsonObject(recorded.results)) record.results = recorded.results;
  return record;
}

/** Writes `<out>/eval.json`. */
export async function writeEvalRecord(out: string, record: EvalRecord): Promise<void> {
  await writeFile(join(out, 'eval.json'), `${JSON.stringify(record, null, 2)}\n`);
}
