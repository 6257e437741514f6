import type { Trajectory } from '../agent/trajectory.ts';
import type { Dialogue } from '../eval/steps.ts';
import { deriveSamples, type RoleSamples } from '../eval/training-samples.ts';
import type { RunRecord } from './run-record.ts';
import { SESSIONS_VERSION } from './session-storage.ts';

/** The file format of an exported run. */
export const RUN_FILE_FORMAT = 'umi-run';

/** An exported run: the record and the schema version it was saved with. */
export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  version: number;
  run: RunRecord;
}

/** The run as a JSON file the app can import again. */
export function runToFile(record: RunRecord): RunFile {
  const { live: _live, ...run } = record;
  return { format: RUN_FILE_FORMAT, version: SESSIONS_VERSION, run };
}

/** The run as a ToolBench-format dialogue (SPEC §6): its tools, first question and α-UMi history. */
export function trajectoryToDialogue(trajectory: Trajectory): Dialogue {
  const instruction = trajectory.turns.find((turn) => turn.from === 'user')?.value ?? '';
  return { tools: trajectory.tools, instruction, conversations: trajectory.turns };
}

/** The run as α-UMi training samples (SPEC §7), one list per role; unfinished steps are left out. */
export function trajectoryToSamples(trajectory: Trajectory, systemPrefix = true): RoleSamples {
  return deriveSamples([trajectoryToDialogue(trajectory)], { systemPrefix, partial: true });
}

/** A run read back from an exported file, or why it cannot be imported. */
export function parseRunFile(text: string): { run: RunRecord } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      problem: `The file is not JSON (${(error as Error).message}); export runs from umi to import them.`,
    };
  }
  const file = value as Partial<RunFile>;
  if (typeof value !== 'object' || value === null || file.format !== RUN_FILE_FORMAT) {
    return {
      problem: 'The file is not a umi run (its "format" is not "umi-run"); use a file from Export JSON.',
    };
  }
  if (typeof file.version !== 'number' || file.version > SESSIONS_VERSION) {
    return {
      problem: `The run comes from a newer umi (schema ${String(file.version)}); update umi to import it.`,
    };
  }
  const run = file.run;
  const trajectory = run?.trajectory;
  if (
    typeof run?.id !== 'string' ||
    typeof trajectory !== 'object' ||
    trajectory === null ||
    !Array.isArray(trajectory.steps) ||
    !Array.isArray(trajectory.turns)
  ) {
    return { problem: 'The run in the file is incomplete (no id, steps or turns); export it again.' };
  }
  const title = typeof run.title === 'string' ? run.title : '';
  return { run: { id: run.id, title, trajectory } };
}
