/**
 * Bridges a callback producer (wllama's `onData`) to an async iterator: values pushed before the
 * consumer asks are kept in order; `close` ends the iteration and `fail` makes it throw.
 */
export class ChunkQueue<T> implements AsyncIterable<T> {
  readonly #values: T[] = [];
  #ended = false;
  #error: { reason: unknown } | undefined;
  #wake: (() => void) | undefined;

  push(value: T): void {
    if (this.#ended) return;
    this.#values.push(value);
    this.#notify();
  }

  close(): void {
    this.#ended = true;
    this.#notify();
  }

  fail(reason: unknown): void {
    if (this.#ended) return;
    this.#error = { reason };
    this.#ended = true;
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      const value = this.#values.shift();
      if (value !== undefined) {
        yield value;
        continue;
      }
      if (this.#error) throw this.#error.reason;
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
