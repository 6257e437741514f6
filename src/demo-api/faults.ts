import type { ServerResponse } from 'node:http';

/** The failures the demo API can be told to produce, for tests. */
export const FAULT_KINDS = ['500', 'timeout', 'text', 'huge', 'slow-drip', 'no-cors'] as const;
/** One kind of injected failure. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Size of the `huge` fault's body: a little over 5 MB of valid JSON. */
export const HUGE_BODY_BYTES = 5 * 1024 * 1024 + 1024;

/** Pending faults per operationId, each used up by one call. */
export class FaultTable {
  readonly #pending = new Map<string, FaultKind[]>();

  /** Makes the next `times` calls of `operationId` fail with `kind`. */
  add(operationId: string, kind: FaultKind, times: number): void {
    const queue = this.#pending.get(operationId) ?? [];
    for (let count = 0; count < times; count++) queue.push(kind);
    this.#pending.set(operationId, queue);
  }

  /** The fault the next call of `operationId` would get, without using it up. */
  peek(operationId: string): FaultKind | undefined {
    return this.#pending.get(operationId)?.[0];
  }

  /** The fault for this call of `operationId`, if one is pending (and uses it up). */
  take(operationId: string): FaultKind | undefined {
    return this.#pending.get(operationId)?.shift();
  }

  clear(): void {
    this.#pending.clear();
  }
}

/** Answers with the fault's failure; `timeout` never answers (the server closes such sockets on close). */
export function answerWithFault(kind: Exclude<FaultKind, 'no-cors'>, response: ServerResponse): void {
  switch (kind) {
    case '500':
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Internal server error (injected fault)' }));
      return;
    case 'timeout':
      return;
    case 'text':
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Service busy, plain text instead of JSON.');
      return;
    case 'huge': {
      const item = JSON.stringify({ id: 0, text: 'x'.repeat(1000) });
      const count = Math.ceil(HUGE_BODY_BYTES / (item.length + 1));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`[${Array.from({ length: count }, () => item).join(',')}]`);
      return;
    }
    case 'slow-drip': {
      response.writeHead(200, { 'content-type': 'application/json' });
      const text = '{"drip": "slow"}';
      let sent = 0;
      const timer = setInterval(() => {
        if (response.destroyed || sent >= text.length) {
          clearInterval(timer);
          if (!response.destroyed) response.end();
          return;
        }
        response.write(text.charAt(sent++));
      }, 250);
      response.on('close', () => clearInterval(timer));
      return;
    }
  }
}
