import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { LoadProgress } from '../engine.ts';

/** WebLLM's last report for each model of a reload. */
const FINISHED = /^Finish loading/;
/** The largest share a model reaches before WebLLM says it finished (its shaders come after the weights). */
const BEFORE_FINISH = 0.99;

/**
 * Maps WebLLM's init reports during one `reload(ids)` to rising overall progress. WebLLM loads the
 * models one after another and each model's reports start again from 0 in every phase (fetching
 * the weights, loading them from the cache, compiling shaders), so each model gets an equal share,
 * its progress never goes back, and the next model starts after a "Finish loading" report.
 */
export class ReloadProgress {
  readonly #models: readonly string[];
  #index = 0;
  #modelShare = 0;
  #fraction = 0;
  #finished = false;

  constructor(models: readonly string[]) {
    this.#models = models;
  }

  /** The overall progress after this report. */
  map(report: InitProgressReport): LoadProgress {
    if (this.#finished && this.#index < this.#models.length - 1) {
      this.#index++;
      this.#modelShare = 0;
    }
    this.#finished = FINISHED.test(report.text);
    const share = this.#finished ? 1 : Math.min(BEFORE_FINISH, Math.max(0, report.progress));
    this.#modelShare = Math.max(this.#modelShare, share);
    const overall = (this.#index + this.#modelShare) / Math.max(1, this.#models.length);
    this.#fraction = Math.max(this.#fraction, Math.min(1, overall));
    const file = this.#models[this.#index];
    return file === undefined
      ? { fraction: this.#fraction, text: report.text }
      : { fraction: this.#fraction, text: report.text, file };
  }
}

/** The loads waiting on the host's reloads, each told progress that never falls. */
export class ProgressListeners {
  readonly #listeners = new Set<(progress: LoadProgress) => void>();
  #reload = new ReloadProgress([]);

  /**
   * Tells this listener about progress until the returned function is called. Its fractions never
   * fall: a model added during a reload makes another reload, which starts again from 0.
   */
  add(onProgress: ((progress: LoadProgress) => void) | undefined): () => void {
    if (!onProgress) return () => undefined;
    let highest = 0;
    const listener = (progress: LoadProgress) => {
      highest = Math.max(highest, progress.fraction);
      onProgress({ ...progress, fraction: highest });
    };
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Starts mapping WebLLM's reports of a reload of these models. */
  start(models: readonly string[]): void {
    this.#reload = new ReloadProgress(models);
  }

  /** Tells every listener about one of WebLLM's reports. */
  report(report: InitProgressReport): void {
    this.tell(this.#reload.map(report));
  }

  /** Tells every listener about progress the host itself reports (a finished reload). */
  tell(progress: LoadProgress): void {
    for (const listener of this.#listeners) listener(progress);
  }
}
