import type { Page } from '@playwright/test';
import { fromErrorData } from '../../../agent/errors.ts';
import type {
  ChatRequest,
  CompletionRequest,
  Engine,
  EngineCapabilities,
  GenerationEvent,
  LoadProgress,
  WarmRequest,
  WarmUsage,
} from '../../engine.ts';
import { ChunkQueue } from '../chunk-queue.ts';
import type {
  HostedEngineOptions,
  HostedRequest,
  HostedState,
  HostMessage,
  Outcome,
} from './harness-protocol.ts';

/** Routes the page's messages to the PageEngines waiting for them. */
export class HostRouter {
  readonly progress = new Map<number, (progress: LoadProgress) => void>();
  readonly generations = new Map<number, ChunkQueue<GenerationEvent>>();

  /** Handles one message from the page. */
  receive(message: HostMessage): void {
    switch (message.type) {
      case 'progress':
        this.progress.get(message.engine)?.(message.progress);
        return;
      case 'event': {
        const queue = this.generations.get(message.generation);
        queue?.push(message.event);
        if (message.event.type === 'finish') queue?.close();
        return;
      }
      case 'error':
        this.generations.get(message.generation)?.fail(fromErrorData(message.error));
        return;
      default: {
        const unknown: never = message;
        throw new Error(`Unknown harness message ${JSON.stringify(unknown)}`);
      }
    }
  }
}

let nextGeneration = 1;

/** Unwraps a page outcome, rebuilding a failure as the typed error it was in the page. */
function unwrap<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw fromErrorData(outcome.error);
  return outcome.value;
}

/**
 * A Node-side Engine that drives a WllamaEngine living in a Chromium page, so that Node test
 * suites (the shared engine contract) run against wllama in a real browser. Every call crosses
 * the page boundary as plain data.
 */
export class PageEngine implements Engine {
  readonly kind = 'wllama';
  readonly modelId: string;
  readonly #page: Page;
  readonly #router: HostRouter;
  readonly #id: number;
  #state: HostedState;

  private constructor(page: Page, router: HostRouter, id: number, modelId: string, state: HostedState) {
    this.#page = page;
    this.#router = router;
    this.#id = id;
    this.modelId = modelId;
    this.#state = state;
  }

  /** Creates the engine in the page (unloaded). */
  static async create(page: Page, router: HostRouter, options: HostedEngineOptions): Promise<PageEngine> {
    const created = unwrap(await page.evaluate((opts) => window.umiEngineHost.create(opts), options));
    return new PageEngine(page, router, created.id, options.modelId, created);
  }

  get capabilities(): EngineCapabilities {
    return this.#state.capabilities;
  }

  get loaded(): boolean {
    return this.#state.loaded;
  }

  get device(): string | undefined {
    return this.#state.device;
  }

  async load(options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {}) {
    if (options.onProgress) this.#router.progress.set(this.#id, options.onProgress);
    try {
      const id = this.#id;
      this.#state = unwrap(await this.#page.evaluate((engine) => window.umiEngineHost.load(engine), id));
    } finally {
      this.#router.progress.delete(this.#id);
    }
  }

  async unload(): Promise<void> {
    const id = this.#id;
    this.#state = unwrap(await this.#page.evaluate((engine) => window.umiEngineHost.unload(engine), id));
  }

  complete(request: CompletionRequest): AsyncIterable<GenerationEvent> {
    const { signal, prompt, stop, ...options } = request;
    return this.#generate(
      { ...options, ...(stop ? { stop: [...stop] } : {}), kind: 'complete', prompt, aborted: false },
      signal,
    );
  }

  chat(request: ChatRequest): AsyncIterable<GenerationEvent> {
    const { signal, messages, stop, ...options } = request;
    const hosted = {
      ...options,
      ...(stop ? { stop: [...stop] } : {}),
      kind: 'chat' as const,
      aborted: false,
    };
    return this.#generate({ ...hosted, messages: messages.map((message) => ({ ...message })) }, signal);
  }

  /** Warms the page engine's cache; an aborted warm-up is not sent (a warm-up is short once started). */
  async warm({ prompt, signal }: WarmRequest): Promise<WarmUsage> {
    if (signal?.aborted) return { promptTokens: 0, reusedPromptTokens: 0 };
    const args = { id: this.#id, prompt };
    return unwrap(await this.#page.evaluate((a) => window.umiEngineHost.warm(a.id, a.prompt), args));
  }

  async *#generate(request: HostedRequest, signal: AbortSignal | undefined): AsyncGenerator<GenerationEvent> {
    const generation = nextGeneration++;
    const queue = new ChunkQueue<GenerationEvent>();
    this.#router.generations.set(generation, queue);
    const abort = () => void this.#page.evaluate((id) => window.umiEngineHost.abort(id), generation);
    signal?.addEventListener('abort', abort, { once: true });
    let finished = false;
    try {
      const args = { id: this.#id, generation, request: { ...request, aborted: signal?.aborted === true } };
      // As JSON: Playwright's serializable-argument type is too deep for a request carrying a JSON Schema.
      await this.#page.evaluate((json) => {
        const { id, generation: g, request: r } = JSON.parse(json) as typeof args;
        window.umiEngineHost.generate(id, g, r);
      }, JSON.stringify(args));
      for await (const event of queue) {
        if (event.type === 'finish') finished = true;
        yield event;
      }
    } finally {
      signal?.removeEventListener('abort', abort);
      if (!finished) abort(); // the consumer left early: stop the page's generation too
      this.#router.generations.delete(generation);
    }
  }
}
