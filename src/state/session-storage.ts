import { createStore as createIdbStore, get, set, type UseStore } from 'idb-keyval';
import type { RunRecord } from './run-record.ts';

/** Current schema version of the stored sessions; bump it and add a migration when the shape changes. */
export const SESSIONS_VERSION = 1;

/** What is stored: every run, newest first. */
export interface StoredSessions {
  version: typeof SESSIONS_VERSION;
  runs: RunRecord[];
}

/** Where sessions live; IndexedDB in the browser, anything with the same two methods in tests. */
export interface SessionStorage {
  load(): Promise<unknown>;
  save(sessions: StoredSessions): Promise<void>;
}

/** A migration from the version it is keyed on to the next one. */
type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** One entry per older version (none yet: version 1 is the first stored shape). */
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** What loading found: sessions (migrated if older), nothing, or data from a newer build left untouched. */
export type LoadedSessions =
  | { kind: 'sessions'; sessions: StoredSessions }
  | { kind: 'empty' }
  | { kind: 'newer'; version: number };

/** Stored data of any known version brought to the current one; malformed runs are dropped. */
export function migrateSessions(raw: unknown, migrations = MIGRATIONS): LoadedSessions {
  if (typeof raw !== 'object' || raw === null) return { kind: 'empty' };
  let stored = raw as Record<string, unknown>;
  let version = typeof stored.version === 'number' ? stored.version : 0;
  if (version > SESSIONS_VERSION) return { kind: 'newer', version };
  while (version < SESSIONS_VERSION) {
    const migrate = migrations[version];
    if (migrate === undefined) return { kind: 'empty' };
    stored = migrate(stored);
    version = stored.version as number;
  }
  const runs = Array.isArray(stored.runs) ? (stored.runs as unknown[]) : [];
  return { kind: 'sessions', sessions: { version: SESSIONS_VERSION, runs: runs.filter(isRunRecord) } };
}

function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<RunRecord>;
  return (
    typeof record.id === 'string' &&
    typeof record.trajectory === 'object' &&
    record.trajectory !== null &&
    Array.isArray(record.trajectory.steps)
  );
}

/** Sessions in IndexedDB (idb-keyval), one key holding every run. */
export function indexedDbSessionStorage(database = 'umi', storeName = 'sessions'): SessionStorage {
  let store: UseStore | undefined;
  const open = () => {
    store ??= createIdbStore(database, storeName);
    return store;
  };
  return {
    load: () => get('sessions', open()),
    save: (sessions) => set('sessions', sessions, open()),
  };
}

/** Sessions in memory (tests, and pages where IndexedDB is unavailable). */
export function memorySessionStorage(initial?: unknown): SessionStorage & { saved: StoredSessions[] } {
  let current = initial;
  const saved: StoredSessions[] = [];
  return {
    saved,
    load: async () => structuredClone(current),
    save: async (sessions) => {
      current = structuredClone(sessions);
      saved.push(current as StoredSessions);
    },
  };
}
