import type { EngineError } from '../../agent/errors.ts';
import type { OutputConstraint } from '../engine.ts';
import type { MlcEngineLike } from './mlc-runtime.ts';

/** One generation's hold on the MLC engine; reloads wait until it is released. */
export interface GenerationLease {
  engine: MlcEngineLike;
  /** The generation's failure as an EngineError; a lost device also unloads every model. */
  fail(error: unknown, constraint?: OutputConstraint): EngineError;
  release(): void;
}

/**
 * The generations in flight on a host's MLC engine. WebLLM's `reload` unloads every model, which
 * would break a generation of a model that stays, so the host waits for them first.
 */
export class GenerationLeases {
  readonly #running = new Set<Promise<void>>();

  /** Starts holding the engine for one generation until the lease is released. */
  hold(engine: MlcEngineLike, fail: GenerationLease['fail']): GenerationLease {
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#running.add(done);
    void done.then(() => this.#running.delete(done));
    return { engine, fail, release };
  }

  /** Settles once every generation running now has released its lease. */
  async ended(): Promise<void> {
    await Promise.allSettled(this.#running);
  }
}
