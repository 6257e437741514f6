import type { RoleModelState } from '../state/agent-state.ts';

/** Bytes loaded of all role models, their total, the overall fraction, and seconds left (when it can tell). */
export interface LoadSummary {
  loadedBytes: number;
  totalBytes: number;
  fraction: number;
  secondsLeft: number | undefined;
}

/** Sums the role models' progress; the ETA extrapolates the time since loading started. */
export function summarizeLoading(
  models: readonly RoleModelState[],
  startedAt: number | undefined,
  now: number,
): LoadSummary {
  const totalBytes = models.reduce((sum, model) => sum + model.bytes, 0);
  const loadedBytes = models.reduce((sum, model) => {
    if (model.status === 'ready') return sum + model.bytes;
    return sum + Math.min(model.progress?.loadedBytes ?? 0, model.bytes);
  }, 0);
  const fraction =
    models.length === 0
      ? 0
      : models.reduce(
          (sum, model) => sum + (model.status === 'ready' ? 1 : (model.progress?.fraction ?? 0)),
          0,
        ) / models.length;
  const elapsed = startedAt === undefined ? 0 : (now - startedAt) / 1000;
  const secondsLeft =
    fraction > 0.02 && fraction < 1 && elapsed > 0
      ? Math.ceil((elapsed * (1 - fraction)) / fraction)
      : undefined;
  return { loadedBytes, totalBytes, fraction, secondsLeft };
}
