import { expect, type Page, type Worker } from '@playwright/test';

/** A role model of the α-UMi preset; each runs in a wllama worker of its own. */
export type ModelRole = 'planner' | 'caller' | 'summarizer';

/** What the worker does with the request it intercepts. */
export type WorkerFault =
  /** Never answers it: the run waits there. */
  | 'hold'
  /** Ends itself without a word, as a worker that is gone. */
  | 'die'
  /** Reports what wllama's worker reports when llama.cpp aborts (out of memory), then ends itself. */
  | 'crash';

/** The steps of the chained demo task below, in order: two API calls, then the answer. */
export const CHAINED_TASK = "What's the weather in Lausanne?";
export const CHAINED_STEPS = [
  'planner',
  'caller',
  'tool',
  'planner',
  'caller',
  'tool',
  'planner',
  'summarizer',
];

/**
 * The wllama worker of a role model. The app loads the role models one after the other (planner,
 * caller, summarizer), each starting its worker, so the page's workers come in that order.
 */
export function roleWorker(page: Page, role: ModelRole): Worker {
  const workers = page.workers();
  expect(workers, 'one wllama worker per role model').toHaveLength(3);
  return workers[['planner', 'caller', 'summarizer'].indexOf(role)] as Worker;
}

/**
 * Makes a role model's worker fail at its `nth` completion request from now on: the request reaches
 * the worker's message handler (wllama's protocol) and is held, dropped by a worker that ends, or
 * answered with llama.cpp's abort report.
 */
export async function failCompletion(page: Page, role: ModelRole, nth: number, fault: WorkerFault) {
  await roleWorker(page, role).evaluate(
    ({ nth, fault }) => {
      const scope = self as unknown as {
        onmessage: ((event: MessageEvent) => unknown) | null;
        postMessage(message: unknown): void;
        close(): void;
      };
      const handle = scope.onmessage;
      let seen = 0;
      scope.onmessage = (event) => {
        const { verb, args } = (event.data ?? {}) as { verb?: string; args?: unknown[] };
        if (verb !== 'wllama.action' || args?.[0] !== 'completion' || ++seen !== nth)
          return handle?.call(self, event);
        if (fault === 'crash')
          scope.postMessage({ verb: 'signal.abort', args: ['abort', 'Aborted(OOM)', '', null] });
        if (fault !== 'hold') scope.close();
        return undefined;
      };
    },
    { nth, fault },
  );
}

/** Makes the `nth` call to the demo API from now on wait for ever (the page's request is never answered). */
export async function holdApiCall(page: Page, nth: number): Promise<void> {
  let seen = 0;
  await page.route(
    (url) => url.pathname.startsWith('/demo-api/') && !url.pathname.endsWith('/openapi.json'),
    async (route) => {
      if (++seen !== nth) return route.continue();
      // Never answered: the call stays pending until the page goes.
    },
  );
}

/** Steps of the run still marked running in the app's IndexedDB (undefined when there is none). */
export function storedRunningSteps(page: Page): Promise<number | undefined> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('umi');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const request = database.transaction('sessions').objectStore('sessions').getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      type Stored = { trajectory?: { status?: string; steps?: unknown[] } };
      const running = (values as Stored[]).find((value) => value?.trajectory?.status === 'running');
      return running?.trajectory?.steps?.length;
    } finally {
      database.close();
    }
  });
}
