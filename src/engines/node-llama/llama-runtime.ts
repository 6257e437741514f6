import type { Llama } from 'node-llama-cpp';
import { EngineError } from '../../agent/errors.ts';

/** The node-llama-cpp module, imported on first use so that importing the engine stays cheap. */
export type NodeLlamaCpp = typeof import('node-llama-cpp');

/** The last lines llama.cpp logged (warnings and errors), to explain a bare "Failed to load model". */
export class LogTail {
  readonly #lines: string[] = [];
  #count = 0;

  record(line: string): void {
    this.#count++;
    this.#lines.push(line.trim());
    if (this.#lines.length > 20) this.#lines.shift();
  }

  /** A position to read from later with `since`. */
  mark(): number {
    return this.#count;
  }

  /** The lines recorded after `mark` was taken (at most the last 20). */
  since(mark: number): string[] {
    return this.#lines.slice(Math.max(0, this.#lines.length - (this.#count - mark)));
  }
}

/** A held reference to the process-wide llama.cpp runtime; release it exactly once. */
export interface RuntimeLease {
  readonly llama: Llama;
  readonly lib: NodeLlamaCpp;
  readonly log: LogTail;
  /**
   * Marks the runtime as holding a resource it cannot free: node-llama-cpp 3.22.1 leaks a
   * disposal-prevention handle when llama.cpp fails to load a model, and disposing the runtime
   * would then wait for garbage collection. A tainted runtime is disposed without waiting.
   */
  taint(): void;
  release(): Promise<void>;
}

interface Shared {
  ready: Promise<{ lib: NodeLlamaCpp; llama: Llama }>;
  log: LogTail;
  users: number;
  tainted: boolean;
}

let shared: Shared | undefined;

/**
 * Leases the shared CPU-only llama.cpp runtime: one per process, since creating one tests the
 * native binary in a child process (~0.3 s). The last release disposes it.
 */
export async function acquireRuntime(): Promise<RuntimeLease> {
  shared ??= start();
  const entry = shared;
  entry.users++;
  try {
    const { lib, llama } = await entry.ready;
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await releaseShared(entry);
    };
    const taint = () => {
      entry.tainted = true;
    };
    return { lib, llama, log: entry.log, taint, release };
  } catch (error) {
    await releaseShared(entry);
    if (error instanceof EngineError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError(
      'load-failed',
      `node-llama-cpp could not start llama.cpp on this machine: ${reason}`,
    );
  }
}

function start(): Shared {
  const log = new LogTail();
  const ready = importNodeLlamaCpp().then(async (lib) => {
    const llama = await lib.getLlama({
      gpu: false,
      build: 'never',
      logLevel: lib.LlamaLogLevel.warn,
      logger: (_level, message) => log.record(message),
    });
    return { lib, llama };
  });
  return { ready, log, users: 0, tainted: false };
}

async function releaseShared(entry: Shared): Promise<void> {
  entry.users--;
  if (entry.users > 0) return;
  if (shared === entry) shared = undefined;
  const started = await entry.ready.catch(() => undefined);
  const disposed = started?.llama.dispose().catch(() => undefined);
  if (!entry.tainted) await disposed;
}

async function importNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  try {
    return await import('node-llama-cpp');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new EngineError('load-failed', `node-llama-cpp is not installed (${reason}); run npm ci.`);
  }
}
