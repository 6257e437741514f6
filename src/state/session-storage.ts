import { indexedDbKeyValue, type KeyValue, memoryKeyValue } from './key-value.ts';
import type { RunRecord } from './run-record.ts';
import { type Migration, migrateStored } from './stored-version.ts';

/**
 * Current schema version of the stored sessions; bump it and add a migration when the shape changes.
 * 1: one key `sessions` held `{version, runs}`, so every saved step rewrote every run.
 * 2: `sessions` holds `{version, order}` (run ids, newest first) and each run has its own key `run:<id>`.
 */
export const SESSIONS_VERSION = 2;

/** Every stored run, newest first, as loading assembles it whatever layout it was written in. */
export interface StoredSessions {
  version: typeof SESSIONS_VERSION;
  runs: RunRecord[];
}

/** One write: the order of all runs, the runs that changed, and the runs to delete. */
export interface SessionWrite {
  order: string[];
  put: RunRecord[];
  remove: string[];
}

/** Where sessions live; IndexedDB in the browser, memory in tests. */
export interface SessionStorage {
  /** What is stored, as `{version, runs}` (older layouts as they were written); undefined when nothing. */
  load(): Promise<unknown>;
  /** One stored run as written (current layout), undefined when it is not there. */
  read(id: string): Promise<unknown>;
  write(change: SessionWrite): Promise<void>;
}

/** Migrations work on the assembled `{version, runs}`. */
const MIGRATIONS: Readonly<Record<number, Migration>> = {
  // The runs are unchanged; only the layout differs, and loading assembled it already.
  1: (stored) => ({ ...stored, version: 2 }),
};

/** What loading found: sessions (migrated when older; then every run must be written again), nothing, or data from a newer build left untouched. */
export type LoadedSessions =
  | { kind: 'sessions'; sessions: StoredSessions; migratedFrom: number | undefined }
  | { kind: 'empty' }
  | { kind: 'newer'; version: number };

/** Stored data of any known version brought to the current one; malformed runs are dropped. */
export function migrateSessions(raw: unknown, migrations = MIGRATIONS): LoadedSessions {
  const migrated = migrateStored(raw, SESSIONS_VERSION, migrations);
  if (migrated.kind !== 'current') return migrated;
  const { stored, from: first } = migrated;
  const runs = Array.isArray(stored.runs) ? (stored.runs as unknown[]) : [];
  return {
    kind: 'sessions',
    sessions: { version: SESSIONS_VERSION, runs: runs.filter(isRunRecord) },
    migratedFrom: first === SESSIONS_VERSION ? undefined : first,
  };
}

/** True for a value shaped like a stored run. */
export function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<RunRecord>;
  return (
    typeof record.id === 'string' &&
    typeof record.trajectory === 'object' &&
    record.trajectory !== null &&
    Array.isArray(record.trajectory.steps)
  );
}

const INDEX_KEY = 'sessions';
const runKey = (id: string) => `run:${id}`;

/** Sessions in the version-2 layout over any key-value store; older layouts are read as written. */
export function keyValueSessionStorage(store: KeyValue): SessionStorage {
  return {
    async load() {
      const index = (await store.get(INDEX_KEY)) as { version?: unknown; order?: unknown } | undefined;
      if (index?.version !== SESSIONS_VERSION || !Array.isArray(index.order)) return index;
      const ids = index.order.filter((id): id is string => typeof id === 'string');
      const runs = await store.getMany(ids.map(runKey));
      return { version: SESSIONS_VERSION, runs: runs.filter((run) => run !== undefined) };
    },
    read: (id) => store.get(runKey(id)),
    async write({ order, put, remove }) {
      if (remove.length > 0) await store.delMany(remove.map(runKey));
      // The index goes in the same transaction as the runs it lists.
      await store.setMany([
        ...put.map((run): [string, unknown] => [runKey(run.id), run]),
        [INDEX_KEY, { version: SESSIONS_VERSION, order }],
      ]);
    },
  };
}

/** Sessions in IndexedDB (idb-keyval database `umi`, object store `sessions`). */
export function indexedDbSessionStorage(database = 'umi', storeName = 'sessions'): SessionStorage {
  return keyValueSessionStorage(indexedDbKeyValue(database, storeName));
}

/** Sessions in memory (tests, and pages where IndexedDB is unavailable); `initial` is the `sessions` key's value. */
export function memorySessionStorage(
  initial?: unknown,
): SessionStorage & { writes: SessionWrite[]; keys: Map<string, unknown> } {
  const keys = new Map<string, unknown>();
  if (initial !== undefined) keys.set(INDEX_KEY, structuredClone(initial));
  const writes: SessionWrite[] = [];
  const storage = keyValueSessionStorage(memoryKeyValue(keys));
  return {
    keys,
    writes,
    load: () => storage.load(),
    read: (id) => storage.read(id),
    write: async (change) => {
      writes.push(structuredClone(change));
      await storage.write(change);
    },
  };
}
