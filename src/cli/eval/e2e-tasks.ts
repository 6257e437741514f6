import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import { isJsonObject } from '../../agent/json.ts';
import { GIVE_UP_TAG } from '../../agent/output-parsers.ts';
import type { Dialogue } from '../../eval/steps.ts';

/** How a task should end: with an answer stating `values`, or with a give-up. */
export interface E2eTask {
  dialogueIndex: number;
  instruction: string;
  intent: string;
  expected: 'answered' | 'gave-up';
  values: string[];
  dialogue: Dialogue;
}

/** Where the data generator writes a split's task metadata: `<dir>/meta/<split>.jsonl`. */
export function metaPathFor(dataPath: string): string {
  return join(dirname(dataPath), 'meta', `${basename(dataPath).replace(/\.json$/i, '')}.jsonl`);
}

/** The first user turn of a dialogue (its instruction when it has none). */
function firstInstruction(dialogue: Dialogue): string {
  return dialogue.conversations.find((turn) => turn.from === 'user')?.value ?? dialogue.instruction;
}

/** Pairs each dialogue with its metadata line; a UserError when the file is missing or does not match. */
export async function readE2eTasks(dialogues: readonly Dialogue[], metaPath: string): Promise<E2eTask[]> {
  const text = await readFile(metaPath, 'utf8').catch((error: Error) => {
    throw new UserError(
      `End-to-end evaluation needs the task metadata ${metaPath} (written by training/data/generate.ts): ${error.message}. Pass --meta <file>.`,
    );
  });
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length !== dialogues.length) {
    throw new UserError(`${metaPath} has ${lines.length} lines for ${dialogues.length} dialogues.`);
  }
  return dialogues.map((dialogue, index) => {
    let meta: unknown;
    try {
      meta = JSON.parse(lines[index] ?? '');
    } catch {
      meta = undefined;
    }
    const values = isJsonObject(meta) ? meta.values : undefined;
    if (
      !isJsonObject(meta) ||
      !Array.isArray(values) ||
      !values.every((value) => typeof value === 'string')
    ) {
      throw new UserError(`${metaPath} line ${index + 1} is not {"intent", "values": [strings]}.`);
    }
    const gaveUp = dialogue.conversations.some(
      (turn) => turn.from === 'assistant' && turn.value.includes(GIVE_UP_TAG),
    );
    return {
      dialogueIndex: index,
      instruction: firstInstruction(dialogue),
      intent: typeof meta.intent === 'string' ? meta.intent : '',
      expected: gaveUp ? 'gave-up' : 'answered',
      values: values as string[],
      dialogue,
    };
  });
}
