import type { StoreApi } from 'zustand/vanilla';
import { createEvalRunWriter, type EvalRunWriter } from './eval-run-writer.ts';
import { type EvalStorage, type LoadedEvalRuns, readEvalRuns } from './eval-storage.ts';
import type { EvalState } from './eval-store.ts';

/** The eval store's side of its storage: reading the stored runs once, writing runs, and why saving fails. */
export interface EvalStoreStorage {
  /** Reads the stored runs into the state (once); later writes wait for it. */
  load(): Promise<void>;
  save: EvalRunWriter['save'];
  flushed(): Promise<void>;
  /** Why runs are not being saved ('' when they are): shown again when other problems clear. */
  problem(): string;
}

/** Connects an eval store's state to its storage; storage problems are shown in the state's `problem`. */
export function connectEvalStorage(
  storage: EvalStorage,
  get: () => EvalState,
  set: StoreApi<EvalState>['setState'],
): EvalStoreStorage {
  let storageProblem = '';
  let loading: Promise<void> | undefined;
  const writer = createEvalRunWriter(
    storage,
    () => get().runs,
    (problem) => {
      const shown = storageProblem;
      storageProblem = problem;
      if (problem !== '') set({ problem });
      else if (get().problem === shown) set({ problem: '' });
    },
  );
  /** Nothing is written again, so what is stored stays as it is. */
  const keepStored = (problem: string) => {
    writer.freeze();
    storageProblem = problem;
    set({ problem });
  };
  const readStored = async () => {
    let loaded: LoadedEvalRuns;
    try {
      loaded = readEvalRuns(await storage.load());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      keepStored(
        `Saved evaluation runs could not be read (${reason}); runs made now are not saved, so the stored ones stay intact. Reload the page to try again.`,
      );
      return;
    }
    if (loaded.kind === 'newer') {
      keepStored(
        `Saved evaluation runs come from a newer umi (schema ${loaded.version}); reload the newest version. Runs made here are not saved meanwhile, so the stored ones stay intact.`,
      );
      return;
    }
    if (loaded.kind === 'empty') return;
    // Runs started while the stored ones were read are newer: they stay first.
    const known = new Set(get().runs.map((run) => run.id));
    const stored = loaded.runs.filter((run) => !known.has(run.id));
    set((state) => ({
      runs: [...state.runs, ...stored],
      activeRunId: state.activeRunId ?? stored[0]?.id,
    }));
    if (loaded.interrupted.length > 0 || loaded.dropped.length > 0)
      writer.save(loaded.interrupted, { removed: loaded.dropped });
  };
  return {
    load() {
      if (loading === undefined) {
        loading = readStored();
        writer.waitFor(loading);
      }
      return loading;
    },
    save: (ids, options) => writer.save(ids, options),
    flushed: () => writer.flushed(),
    problem: () => storageProblem,
  };
}
