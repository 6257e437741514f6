import type { EvalRun } from './eval-run.ts';
import { indexedDbKeyValue, type KeyValue, memoryKeyValue } from './key-value.ts';
import { isEvalRun, stopIfInterrupted } from './stored-eval-run.ts';
import { type Migration, migrateStored } from './stored-version.ts';

/**
 * Current schema version of the stored eval runs; bump it and add a migration when the shape changes.
 * 1: `eval-runs` holds `{version, order}` (run ids, newest first); each run has `run:<id>` (the run
 * without its steps, written as it goes) and `steps:<id>` (its steps, written once when it starts).
 */
export const EVAL_RUNS_VERSION = 1;

/** One write: the order of all runs, the runs that changed (with their steps when not stored yet), the runs to delete. */
export interface EvalRunsWrite {
  order: string[];
  put: { run: EvalRun; withSteps: boolean }[];
  remove: string[];
}

/** Where eval runs live; IndexedDB in the browser, memory in tests. */
export interface EvalStorage {
  /** What is stored, as `{version, order, runs}` (runs aligned with order; older layouts as they were written); undefined when nothing. */
  load(): Promise<unknown>;
  write(change: EvalRunsWrite): Promise<void>;
}

/**
 * What loading found: runs (newest first) with the ids of those cut off by a reload (now stopped) and of
 * malformed ones (dropped); nothing; or data from a newer build.
 */
export type LoadedEvalRuns =
  | { kind: 'runs'; runs: EvalRun[]; interrupted: string[]; dropped: string[] }
  | { kind: 'empty' }
  | { kind: 'newer'; version: number };

/** Migrations work on the assembled `{version, order, runs}`. None yet: version 1 is the first layout. */
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Stored data brought to the current version; malformed runs are dropped, runs cut off by a reload stopped. */
export function readEvalRuns(raw: unknown, migrations = MIGRATIONS): LoadedEvalRuns {
  const migrated = migrateStored(raw, EVAL_RUNS_VERSION, migrations);
  if (migrated.kind !== 'current') return migrated;
  const { stored } = migrated;
  const order = Array.isArray(stored.order) ? (stored.order as unknown[]) : [];
  const entries = Array.isArray(stored.runs) ? (stored.runs as unknown[]) : [];
  const runs: EvalRun[] = [];
  const interrupted: string[] = [];
  const dropped: string[] = [];
  const seen = new Set<unknown>();
  order.forEach((id, index) => {
    // A repeated id names the same keys: deleting them as "dropped" would lose the run.
    if (seen.has(id)) return;
    seen.add(id);
    const entry = entries[index];
    const run = readRun(entry);
    if (run === undefined || run.id !== id) {
      if (typeof id === 'string') dropped.push(id);
      return;
    }
    runs.push(run);
    if (run !== entry) interrupted.push(run.id);
  });
  return { kind: 'runs', runs, interrupted, dropped };
}

function readRun(entry: unknown): EvalRun | undefined {
  if (!isEvalRun(entry)) return undefined;
  try {
    return stopIfInterrupted(entry);
  } catch {
    // Records the scorer cannot read: the run is as malformed as one that fails the shape check.
    return undefined;
  }
}

const INDEX_KEY = 'eval-runs';
const runKey = (id: string) => `run:${id}`;
const stepsKey = (id: string) => `steps:${id}`;

/** Eval runs in the version-1 layout over any key-value store. */
export function keyValueEvalStorage(store: KeyValue): EvalStorage {
  return {
    async load() {
      const index = (await store.get(INDEX_KEY)) as { version?: unknown; order?: unknown } | undefined;
      if (index?.version !== EVAL_RUNS_VERSION || !Array.isArray(index.order)) return index;
      const ids = index.order.map((id) => (typeof id === 'string' ? id : ''));
      const [runs, steps] = await Promise.all([
        store.getMany(ids.map(runKey)),
        store.getMany(ids.map(stepsKey)),
      ]);
      const whole = runs.map((run, at) =>
        typeof run === 'object' && run !== null ? { ...run, steps: steps[at] } : undefined,
      );
      return { version: EVAL_RUNS_VERSION, order: index.order, runs: whole };
    },
    async write({ order, put, remove }) {
      if (remove.length > 0) await store.delMany(remove.flatMap((id) => [runKey(id), stepsKey(id)]));
      // The index goes in the same transaction as the runs it lists.
      await store.setMany([
        ...put.flatMap(({ run, withSteps }): [string, unknown][] => {
          const { steps, ...rest } = run;
          return withSteps
            ? [
                [runKey(run.id), rest],
                [stepsKey(run.id), steps],
              ]
            : [[runKey(run.id), rest]];
        }),
        [INDEX_KEY, { version: EVAL_RUNS_VERSION, order }],
      ]);
    },
  };
}

/** Eval runs in IndexedDB: their own idb-keyval database (`umi-eval`, object store `runs`), apart from the sessions'. */
export function indexedDbEvalStorage(database = 'umi-eval', storeName = 'runs'): EvalStorage {
  return keyValueEvalStorage(indexedDbKeyValue(database, storeName));
}

/** Eval runs in memory: `keys` holds what IndexedDB would, `writes` every write made. */
export type MemoryEvalStorage = EvalStorage & { keys: Map<string, unknown>; writes: EvalRunsWrite[] };

/** Eval runs in memory (tests), over `keys`. */
export function memoryEvalStorage(keys = new Map<string, unknown>()): MemoryEvalStorage {
  const writes: EvalRunsWrite[] = [];
  const storage = keyValueEvalStorage(memoryKeyValue(keys));
  return {
    keys,
    writes,
    load: () => storage.load(),
    write: async (change) => {
      writes.push(structuredClone(change));
      await storage.write(change);
    },
  };
}
