import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { intentTable, parseTaskRecords, readTaskColumns, type TaskRecord } from './results-intents.ts';
import type { EvalJob, EvalRow } from './results-plan.ts';

const task = (intent: string, success: boolean, answer: string | null = 'ok'): TaskRecord => ({
  intent,
  instruction: `do ${intent}`,
  answer,
  status: answer === null ? 'gave-up' : 'answered',
  success,
});

describe('the per-intent task success table', () => {
  it('counts successes per intent and decoding, and quotes the default decoding’s first failure', () => {
    const table = intentTable([
      {
        name: 'grounded (default)',
        tasks: [
          task('weather', true),
          task('convert', false, '1 MAD is 1 MAD | rate 1'),
          task('convert', true),
        ],
      },
      { name: 'free', tasks: [task('weather', false), task('convert', false), task('convert', false)] },
    ]);
    expect(table.split('\n')).toEqual([
      '| intent | tasks | grounded (default) | free | a failure (grounded (default)) |',
      '|---|---:|---:|---:|---|',
      '| convert | 2 | 1/2 | 0/2 | “do convert” → “1 MAD is 1 MAD \\| rate 1” |',
      '| weather | 1 | 1/1 | 0/1 | – |',
    ]);
  });

  it('shows a run that gave up by its status, and is empty without runs', () => {
    expect(intentTable([{ name: 'free', tasks: [task('todo_add', false, null)] }])).toContain(
      '“do todo_add” → gave-up',
    );
    expect(intentTable([])).toBe('');
  });

  it('reads the shipped rows’ out-of-domain task records and skips rows that kept none', async () => {
    const root = await mkdtemp(join(tmpdir(), 'umi-intents-'));
    const job = (name: string, decoding: EvalJob['decoding']): EvalJob => ({
      name,
      split: 'test-out-of-domain',
      data: 'unused.json',
      models: 'models',
      roles: 'alpha-umi',
      decoding,
      e2e: true,
      limit: undefined,
      out: join(root, name),
    });
    await mkdir(join(root, 'kept'));
    await writeFile(join(root, 'kept', 'e2e.jsonl'), `${JSON.stringify(task('time', true))}\n`);
    const rows: EvalRow[] = [
      { label: 'α-UMi (shipped), grounded', jobs: [job('kept', 'grounded')] },
      { label: 'α-UMi (shipped), free', jobs: [job('missing', 'free')] },
      { label: 'one-stage baseline', jobs: [job('kept', 'grounded')] },
    ];
    const columns = await readTaskColumns(rows);
    expect(columns).toEqual([{ name: 'grounded (default)', tasks: [task('time', true)] }]);
    expect(parseTaskRecords('\n')).toEqual([]);
  });
});
