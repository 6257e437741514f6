import { describe, expect, it } from 'vitest';
import { extractSteps } from '../eval/steps.ts';
import { WEATHER_DIALOGUES } from '../testing/eval-test-world.ts';
import { type EvalRun, scoreRun } from './eval-run.ts';
import { EVAL_RUNS_VERSION, memoryEvalStorage, readEvalRuns } from './eval-storage.ts';

const steps = extractSteps(WEATHER_DIALOGUES);
const records = steps.slice(0, 2).map((step, index) => ({ step: index, plan: step.reference.plan }));

/** A finished run of the weather steps; `change` alters it. */
function run(id: string, change: Partial<EvalRun> = {}): EvalRun {
  return {
    id,
    dataset: { id: 'upload:w.json', label: 'w.json', sha256: 'ab', dialogues: 3, totalDialogues: 3 },
    mode: 'alpha-umi',
    models: { planner: 'p', caller: 'c', summarizer: 's' },
    decoding: 'grounded',
    systemPrefix: true,
    callerConstrained: true,
    status: 'done',
    startedAt: 1,
    finishedAt: 2,
    elapsedMs: 1,
    steps,
    records,
    results: scoreRun(steps, records),
    ...change,
  };
}

describe('the eval storage', () => {
  it('keeps each run under its own key and its steps under another, written only when asked', async () => {
    const storage = memoryEvalStorage();
    await storage.write({ order: ['a'], put: [{ run: run('a'), withSteps: true }], remove: [] });
    await storage.write({
      order: ['a'],
      put: [{ run: run('a', { status: 'stopped' }), withSteps: false }],
      remove: [],
    });
    expect(storage.keys.get('eval-runs')).toEqual({ version: EVAL_RUNS_VERSION, order: ['a'] });
    expect(storage.keys.get('steps:a')).toEqual(steps);
    expect(storage.keys.get('run:a')).not.toHaveProperty('steps');
    const loaded = readEvalRuns(await storage.load());
    expect(loaded).toEqual({
      kind: 'runs',
      runs: [run('a', { status: 'stopped' })],
      interrupted: [],
      dropped: [],
    });
  });

  it('drops malformed or missing runs and names them, keeping the others in order', async () => {
    const storage = memoryEvalStorage();
    const bad = { ...run('bad'), records: [...records, ...records, ...records, ...records] };
    await storage.write({
      order: ['b', 'bad', 'gone', 'a', 'weird'],
      put: [
        { run: run('b'), withSteps: true },
        { run: bad, withSteps: true },
        { run: run('a'), withSteps: true },
        { run: run('weird', { status: 'exploded' as EvalRun['status'] }), withSteps: true },
      ],
      remove: [],
    });
    storage.keys.set('steps:a', [{ dialogueIndex: 'zero' }]);
    const loaded = readEvalRuns(await storage.load());
    expect(loaded).toEqual({
      kind: 'runs',
      runs: [run('b')],
      interrupted: [],
      dropped: ['bad', 'gone', 'a', 'weird'],
    });
  });

  it('reads a run stored while running as stopped by a reload, rescored over its finished steps', () => {
    const stale = { ...run('r', { status: 'running' }), results: scoreRun([], []) };
    const loaded = readEvalRuns({ version: EVAL_RUNS_VERSION, order: ['r'], runs: [stale] });
    expect(loaded.kind === 'runs' && loaded.interrupted).toEqual(['r']);
    const [read] = loaded.kind === 'runs' ? loaded.runs : [];
    expect(read?.status).toBe('stopped');
    expect(read?.error).toMatch(/^Interrupted by a page reload after 2 of 6 steps/);
    expect(read?.records).toEqual(records);
    expect(read?.results).toEqual(scoreRun(steps, records));
    expect(read?.results.metrics.steps).toBe(2);
  });

  it('reports data of a newer version as newer, and migrates older data through the given migrations', () => {
    expect(readEvalRuns({ version: EVAL_RUNS_VERSION + 1, order: ['x'] })).toEqual({
      kind: 'newer',
      version: EVAL_RUNS_VERSION + 1,
    });
    expect(readEvalRuns(undefined)).toEqual({ kind: 'empty' });
    const older = { version: EVAL_RUNS_VERSION - 1, ids: ['a'], list: [run('a')] };
    const migrations = {
      [EVAL_RUNS_VERSION - 1]: (stored: Record<string, unknown>) => ({
        version: EVAL_RUNS_VERSION,
        order: stored.ids,
        runs: stored.list,
      }),
    };
    expect(readEvalRuns(older, migrations)).toEqual({
      kind: 'runs',
      runs: [run('a')],
      interrupted: [],
      dropped: [],
    });
  });
});
