import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AgentEvent } from '../agent/events.ts';
import {
  applyAgentEvent,
  interruptIfRunning,
  type RunRecord,
  recordFromStart,
  withoutBulk,
} from './run-record.ts';
import { isRunRecord, migrateSessions, type SessionStorage } from './session-storage.ts';

/** Every run the user made, persisted as it progresses. */
export interface SessionState {
  /** Newest first. */
  runs: RunRecord[];
  activeId: string | undefined;
  /** True once stored runs were read (or found missing). */
  hydrated: boolean;
  /** A storage problem in words the user can act on ('' when none). */
  storageProblem: string;
  hydrate(): Promise<void>;
  select(id: string | undefined): void;
  /** Applies an agent event to its run (a `run-start` adds or continues the run) and saves. */
  apply(event: AgentEvent): void;
  remove(id: string): void;
  /** Adds a run read from a file (replacing one with the same id) and selects it. */
  importRun(record: RunRecord): void;
  /** A run whole (read back from storage when it is held as a summary); undefined when there is none. */
  wholeRun(id: string | undefined): Promise<RunRecord | undefined>;
  /** Saves are written in order; this resolves when every save so far has finished. */
  flushed(): Promise<void>;
}

/** Creates the session store over a storage (IndexedDB in the app, memory in tests). */
export function createSessionStore(storage: SessionStorage): StoreApi<SessionState> {
  let writing: Promise<void> = Promise.resolve();
  let readOnly = false;
  /** The last save failed: its problem is shown, and the next save writes every run, until one works. */
  let saveFailed = false;
  /** Runs deleted since the last save that worked. */
  const unremoved = new Set<string>();
  /** Runs whose latest change is not stored yet: they stay whole in memory. */
  const unsaved = new Set<string>();
  let currentRunId: string | undefined;
  let hydration: Promise<void> = Promise.resolve();
  return createStore<SessionState>()((set, get) => {
    /**
     * Writes the given runs (all when omitted, or after a failed save, so that nothing it refused
     * stays unsaved) and the order of every run; deletes `removed`. Writes wait for the stored runs to
     * be read, so a run started meanwhile neither drops them from the order nor writes over data of a
     * newer umi.
     */
    const save = (ids?: readonly string[], removed: readonly string[] = []) => {
      for (const id of removed) unremoved.add(id);
      for (const id of ids ?? get().runs.map((run) => run.id)) unsaved.add(id);
      writing = writing
        .then(() => hydration)
        .then(async () => {
          if (readOnly) return;
          const runs = get().runs;
          const wanted = ids === undefined || saveFailed ? undefined : new Set(ids);
          // A partial run is stored whole already (it is slimmed only once saved).
          const put = runs
            .filter((run) => (wanted === undefined || wanted.has(run.id)) && run.partial !== true)
            .map(({ live: _live, ...run }) => run);
          const remove = [...unremoved];
          await storage.write({ order: runs.map((run) => run.id), put, remove });
          for (const id of remove) unremoved.delete(id);
          for (const run of put) unsaved.delete(run.id);
          slim();
          if (!saveFailed) return;
          saveFailed = false;
          set({ storageProblem: '' });
        })
        .catch((error: unknown) => {
          saveFailed = true;
          // The name tells a full disk (QuotaExceededError) from a blocked or broken database.
          const reason =
            error instanceof Error && error.name !== 'Error'
              ? `${error.name}: ${error.message}`
              : String(error);
          set({
            storageProblem: `Runs could not be saved in this browser (${reason}); export them to keep them, or free space by deleting runs.`,
          });
        });
    };
    const update = (id: string, change: (record: RunRecord) => RunRecord) =>
      set((state) => ({ runs: state.runs.map((run) => (run.id === id ? change(run) : run)) }));
    /**
     * Keeps whole in memory only the run shown, the run being recorded and runs not stored yet; the
     * others drop their prompts and response bodies (most of a run's size) until they are opened.
     */
    const slim = () => {
      if (readOnly) return;
      const { activeId } = get();
      const keep = (run: RunRecord) =>
        run.partial === true || run.id === activeId || run.id === currentRunId || unsaved.has(run.id);
      if (get().runs.every(keep)) return;
      set((state) => ({ runs: state.runs.map((run) => (keep(run) ? run : withoutBulk(run))) }));
    };
    /** Reads a partial run back whole from storage, for the viewer and the exports; one read per run at a time. */
    const restoring = new Map<string, Promise<void>>();
    const restore = (id: string) => {
      let pending = restoring.get(id);
      if (pending === undefined) {
        pending = readBack(id).finally(() => restoring.delete(id));
        restoring.set(id, pending);
      }
      return pending;
    };
    const readBack = async (id: string) => {
      try {
        const stored = await storage.read(id);
        if (!isRunRecord(stored)) throw new Error('it is missing or malformed');
        update(id, (current) => (current.partial === true ? interruptIfRunning(stored) : current));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        set({
          storageProblem: `The saved run could not be read back (${reason}); its prompts and responses are not shown.`,
        });
      }
    };
    /** Reads the stored runs, migrating older data; runs cut off by a reload become interrupted. */
    const readStored = async () => {
      let loaded: ReturnType<typeof migrateSessions>;
      try {
        loaded = migrateSessions(await storage.load());
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        set({ hydrated: true, storageProblem: `Saved runs could not be read (${reason}).` });
        return;
      }
      if (loaded.kind === 'newer') {
        readOnly = true;
        set({
          hydrated: true,
          storageProblem: `Saved runs come from a newer umi (schema ${loaded.version}); reload the newest version. Nothing is saved meanwhile, so they stay intact.`,
        });
        return;
      }
      const stored = loaded.kind === 'sessions' ? loaded.sessions.runs.map(interruptIfRunning) : [];
      const known = new Set(get().runs.map((run) => run.id));
      set((state) => ({
        hydrated: true,
        runs: [...state.runs, ...stored.filter((run) => !known.has(run.id))],
        activeId: state.activeId ?? stored[0]?.id,
      }));
      if (loaded.kind !== 'sessions') return;
      if (loaded.migratedFrom !== undefined) save();
      else {
        const interrupted = stored.filter((run, index) => run !== loaded.sessions.runs[index]);
        if (interrupted.length > 0) save(interrupted.map((run) => run.id));
        else slim();
      }
    };

    return {
      runs: [],
      activeId: undefined,
      hydrated: false,
      storageProblem: '',
      hydrate() {
        hydration = readStored();
        return hydration;
      },
      select(activeId) {
        set({ activeId });
        const run = get().runs.find((item) => item.id === activeId);
        if (run?.partial === true) void restore(run.id);
        slim();
      },
      apply(event) {
        if (event.type === 'run-start') {
          currentRunId = event.trajectory.id;
          const existing = get().runs.find((run) => run.id === currentRunId);
          const record = existing ? applyAgentEvent(existing, event) : recordFromStart(event.trajectory);
          set((state) => ({
            runs: [record, ...state.runs.filter((run) => run.id !== record.id)],
            activeId: record.id,
          }));
          save([record.id]);
          return;
        }
        const id = currentRunId;
        if (id === undefined) return;
        update(id, (record) => applyAgentEvent(record, event));
        if (event.type !== 'token-delta') save([id]);
      },
      remove(id) {
        set((state) => ({
          runs: state.runs.filter((run) => run.id !== id),
          activeId: state.activeId === id ? undefined : state.activeId,
        }));
        save([], [id]);
      },
      importRun(record) {
        const imported = interruptIfRunning(record);
        set((state) => ({
          runs: [imported, ...state.runs.filter((run) => run.id !== imported.id)],
          activeId: imported.id,
        }));
        save([imported.id]);
      },
      async wholeRun(id) {
        if (get().runs.find((run) => run.id === id)?.partial === true) await restore(id as string);
        return get().runs.find((run) => run.id === id);
      },
      flushed: () => writing,
    };
  });
}
