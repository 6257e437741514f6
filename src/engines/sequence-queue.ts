/**
 * Serializes generations on an engine's one context sequence (or llama-server slot), and tracks the evaluation step in flight so
 * that unloading can wait for llama.cpp to finish it before disposing the context.
 */
export class SequenceQueue {
  #tail: Promise<void> = Promise.resolve();
  #step: Promise<unknown> = Promise.resolve();

  /**
   * Waits for the generations before this one; resolves to the function that lets the next one
   * run, or to undefined when the signal aborted first (the turn is then given up at once).
   */
  async acquire(signal?: AbortSignal): Promise<(() => void) | undefined> {
    const previous = this.#tail;
    let release = () => {};
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#tail = previous.then(() => turn);
    const ready = await untilAborted(previous, signal);
    if (!ready) release();
    return ready ? release : undefined;
  }

  /** Records an evaluation step now in flight. */
  track(step: Promise<unknown>): void {
    this.#step = step.catch(() => undefined);
  }

  /** Resolves once the evaluation step in flight, if any, has settled. */
  async idle(): Promise<void> {
    await this.#step;
  }
}

/** True once the promise settles, false if the signal aborts before that. */
function untilAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return promise.then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}
