import type { EvalRun } from './eval-run.ts';
import type { EvalStorage } from './eval-storage.ts';

/** Writes the eval page's runs to its storage, one write at a time; changes asked meanwhile join the next write. */
export interface EvalRunWriter {
  /** Writes the given runs (with their steps when `isNew`) and the order of every run; deletes `removed`. */
  save(ids: readonly string[], options?: { isNew?: boolean; removed?: readonly string[] }): void;
  /** Writes wait for this (the stored runs being read), so they never drop runs not read yet from the order. */
  waitFor(loading: Promise<unknown>): void;
  /** Writes nothing from now on: the stored data is a newer umi's. */
  freeze(): void;
  /** Resolves when every write asked so far has finished (it never rejects). */
  flushed(): Promise<void>;
}

/**
 * A writer over `storage` for the runs `runs()` returns (newest first). A failed write keeps what it
 * held for the next one and calls `onProblem` with what to do; the next write that works calls it with ''.
 */
export function createEvalRunWriter(
  storage: EvalStorage,
  runs: () => readonly EvalRun[],
  onProblem: (problem: string) => void,
): EvalRunWriter {
  let chain: Promise<void> = Promise.resolve();
  let loading: Promise<unknown> = Promise.resolve();
  let frozen = false;
  let queued = false;
  let failing = false;
  const changed = new Set<string>();
  const stepsToWrite = new Set<string>();
  const removed = new Set<string>();

  const write = async () => {
    queued = false;
    if (frozen) return;
    const current = runs();
    const put = current
      .filter((run) => changed.has(run.id))
      .map((run) => ({ run, withSteps: stepsToWrite.has(run.id) }));
    const remove = [...removed];
    changed.clear();
    removed.clear();
    for (const { run } of put) stepsToWrite.delete(run.id);
    try {
      await storage.write({ order: current.map((run) => run.id), put, remove });
      if (!failing) return;
      failing = false;
      onProblem('');
    } catch (error) {
      // Kept for the next write, unless changed or deleted meanwhile.
      for (const { run, withSteps } of put) {
        if (removed.has(run.id)) continue;
        changed.add(run.id);
        if (withSteps) stepsToWrite.add(run.id);
      }
      for (const id of remove) removed.add(id);
      failing = true;
      // The name tells a full disk (QuotaExceededError) from a blocked or broken database.
      const reason =
        error instanceof Error && error.name !== 'Error' ? `${error.name}: ${error.message}` : String(error);
      onProblem(
        `Evaluation runs could not be saved in this browser (${reason}); they stay on this page until it closes. Delete old runs to free space, or export the ones to keep.`,
      );
    }
  };

  return {
    save(ids, options = {}) {
      for (const id of options.removed ?? []) {
        removed.add(id);
        changed.delete(id);
        stepsToWrite.delete(id);
      }
      for (const id of ids) {
        changed.add(id);
        if (options.isNew === true) stepsToWrite.add(id);
      }
      if (queued) return;
      queued = true;
      chain = chain.then(() => loading).then(write);
    },
    waitFor(next) {
      loading = next.catch(() => undefined);
    },
    freeze() {
      frozen = true;
    },
    flushed: () => chain,
  };
}
