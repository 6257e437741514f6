import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Decoding, EvalRow } from './results-plan.ts';

/** One live task of `umi eval --e2e` (a line of its `e2e.jsonl`), the fields the report reads. */
export interface TaskRecord {
  intent: string;
  instruction: string;
  answer: string | null;
  status: string;
  success: boolean;
}

/** The tasks one decoding ran, under a short column name. */
export interface TaskColumn {
  name: string;
  tasks: TaskRecord[];
}

const COLUMN_NAMES: Record<Decoding, string> = {
  grounded: 'grounded (default)',
  'grounded-numbers': 'answer numbers only',
  constrained: 'constrained caller',
  free: 'free',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const clip = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

/**
 * A markdown table of task success per intent, one column per decoding, and the first failure of the
 * first column (the default) for each intent, so a reader sees what to work on.
 */
export function intentTable(columns: readonly TaskColumn[]): string {
  const [first] = columns;
  if (first === undefined) return '';
  const intents = [...new Set(columns.flatMap((column) => column.tasks.map((task) => task.intent)))].sort();
  const head = `| intent | tasks | ${columns.map((column) => column.name).join(' | ')} | a failure (${first.name}) |`;
  const rule = `|---|---:|${columns.map(() => '---:').join('|')}|---|`;
  const lines = intents.map((intent) => {
    const counts = columns.map((column) => {
      const tasks = column.tasks.filter((task) => task.intent === intent);
      return `${tasks.filter((task) => task.success).length}/${tasks.length}`;
    });
    const total = first.tasks.filter((task) => task.intent === intent).length;
    const failure = first.tasks.find((task) => task.intent === intent && !task.success);
    const example = failure
      ? `“${clip(failure.instruction, 60)}” → ${failure.answer === null ? failure.status : `“${clip(failure.answer, 90)}”`}`
      : '–';
    return `| ${intent} | ${total} | ${counts.join(' | ')} | ${cell(example)} |`;
  });
  return [head, rule, ...lines].join('\n');
}

/** Parses `e2e.jsonl`: one task per line. */
export function parseTaskRecords(text: string): TaskRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TaskRecord);
}

/** The out-of-domain task records of the shipped models' rows that ran live, one column per decoding. */
export async function readTaskColumns(rows: readonly EvalRow[]): Promise<TaskColumn[]> {
  const columns: TaskColumn[] = [];
  for (const row of rows) {
    if (row.minutes !== undefined || !row.label.includes('(shipped)')) continue;
    const job = row.jobs.find((candidate) => candidate.e2e && candidate.split === 'test-out-of-domain');
    if (job === undefined) continue;
    try {
      const text = await readFile(join(job.out, 'e2e.jsonl'), 'utf8');
      columns.push({ name: COLUMN_NAMES[job.decoding], tasks: parseTaskRecords(text) });
    } catch (error) {
      // A run without its task records (an interrupted eval) leaves its column out.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return columns;
}
