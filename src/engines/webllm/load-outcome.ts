import type { EngineError } from '../../agent/errors.ts';
import { loadError } from './webllm-errors.ts';

/** A reload that failed, with the models it was loading and what WebLLM threw. */
export class ReloadFailed extends Error {
  constructor(
    readonly models: readonly string[],
    readonly reason: unknown,
  ) {
    super('WebLLM could not load the models.');
    this.name = 'ReloadFailed';
  }
}

/** How waiting for a host's reload ended for one load: done, or its signal fired first. */
export type LoadOutcome = 'settled' | 'aborted';

/**
 * Waits for the host's reload work, or for the load's signal, whichever comes first. A failed
 * reload rejects with the EngineError for this model (naming the models loaded with it).
 */
export function awaitLoad(modelId: string, work: Promise<void>, signal: AbortSignal | undefined) {
  return new Promise<LoadOutcome>((resolve, reject) => {
    const onAbort = () => resolve('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    work
      .then(
        () => resolve('settled'),
        (error: unknown) => reject(failedLoad(modelId, error)),
      )
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

function failedLoad(modelId: string, error: unknown): EngineError {
  return error instanceof ReloadFailed
    ? loadError(modelId, error.models, error.reason)
    : loadError(modelId, [modelId], error);
}
