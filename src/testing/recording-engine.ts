import type {
  ChatRequest,
  CompletionRequest,
  Engine,
  GenerationEvent,
  LoadProgress,
  WarmRequest,
  WarmUsage,
} from '../engines/engine.ts';
import { sharedPrefix } from '../engines/shared-prefix.ts';

/** One prompt an engine was asked to evaluate, as tokens. */
export interface RecordedPrompt {
  kind: 'complete' | 'warm';
  tokens: number[];
}

/**
 * An engine that records, in order, every raw prompt it is asked to evaluate (completions and
 * warm-ups alike) as tokens, then passes the request on: the model's cache holds the last one. For
 * the prefix-reuse tests, which compute the ideal prefill count from these.
 */
export class RecordingEngine implements Engine {
  readonly prompts: RecordedPrompt[] = [];
  readonly kind: string;
  readonly modelId: string;
  readonly #engine: Engine;
  readonly #tokenize: (prompt: string) => number[];

  constructor(engine: Engine, tokenize: (prompt: string) => number[]) {
    this.#engine = engine;
    this.#tokenize = tokenize;
    this.kind = engine.kind;
    this.modelId = engine.modelId;
  }
  get capabilities() {
    return this.#engine.capabilities;
  }
  get loaded() {
    return this.#engine.loaded;
  }
  get device() {
    return this.#engine.device;
  }
  load(options?: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal }) {
    return this.#engine.load(options);
  }
  unload() {
    return this.#engine.unload();
  }
  complete(request: CompletionRequest): AsyncIterable<GenerationEvent> {
    this.prompts.push({ kind: 'complete', tokens: this.#tokenize(request.prompt) });
    return this.#engine.complete(request);
  }
  chat(request: ChatRequest): AsyncIterable<GenerationEvent> {
    return this.#engine.chat(request);
  }
  warm(request: WarmRequest): Promise<WarmUsage> {
    const warm = this.#engine.warm;
    if (warm === undefined) throw new Error(`${this.modelId} has no warm-ups.`);
    this.prompts.push({ kind: 'warm', tokens: this.#tokenize(request.prompt) });
    return warm.call(this.#engine, request);
  }
}

/**
 * The ideal prefill of an engine over its prompts from `from` on: each prompt's tokens less what
 * the previous prompt to the same model shared with it as a prefix.
 */
export function idealPrefill(engine: RecordingEngine, from = 0): number {
  let previous = engine.prompts[from - 1]?.tokens ?? [];
  let ideal = 0;
  for (const { tokens } of engine.prompts.slice(from)) {
    ideal += tokens.length - sharedPrefix(previous, tokens);
    previous = tokens;
  }
  return ideal;
}
