import { basename } from 'node:path';
import type { Token } from 'node-llama-cpp';
import { EngineError } from '../../agent/errors.ts';
import type {
  ChatRequest,
  CompletionRequest,
  Engine,
  EngineCapabilities,
  GenerationEvent,
  LoadProgress,
  WarmRequest,
  WarmUsage,
} from '../engine.ts';
import { SequenceQueue } from '../sequence-queue.ts';
import { grammarState, prepareConstraint } from './constraints.ts';
import { runGeneration, warmSequence } from './generation.ts';
import { acquireRuntime, type RuntimeLease } from './llama-runtime.ts';
import { type LoadedModel, loadModel, MAX_DEFAULT_CONTEXT } from './load-model.ts';
import { createTokenTextDecoder } from './token-text.ts';

/** How to run one GGUF model in native llama.cpp through node-llama-cpp. */
export interface NodeLlamaEngineOptions {
  modelPath: string;
  /** Default: the file name without `.gguf`. */
  modelId?: string;
  /** Context in tokens; default: the model's training context, at most 2048. */
  contextSize?: number;
  /** CPU threads; default 1 (measured on 2 cores: 2 threads were 10–20× slower). */
  threads?: number;
}

interface Loaded extends LoadedModel {
  runtime: RuntimeLease;
  /** Aborted by unload(), ending any generation in flight. */
  stopAll: AbortController;
}

/**
 * A raw-completion engine on native llama.cpp (CPU only, for Node: CLI, tests, evaluation). It
 * prepends BOS, parses special-token literals such as `</s>`, reuses the prompt prefix the
 * sequence already holds, and supports GBNF and JSON Schema constraints. No chat: the embedded
 * models have no chat template.
 */
export class NodeLlamaEngine implements Engine {
  readonly kind = 'node-llama-cpp';
  readonly modelId: string;
  readonly #options: NodeLlamaEngineOptions;
  readonly #queue = new SequenceQueue();
  #state: Loaded | undefined;
  #loading: Promise<void> | undefined;

  constructor(options: NodeLlamaEngineOptions) {
    this.#options = options;
    this.modelId = options.modelId ?? basename(options.modelPath).replace(/\.gguf$/i, '');
  }

  /** What the engine can do; `contextLength` is the requested size until load() knows the real one. */
  get capabilities(): EngineCapabilities {
    const contextLength =
      this.#state?.context.contextSize ?? this.#options.contextSize ?? MAX_DEFAULT_CONTEXT;
    return {
      rawCompletion: true,
      chat: false,
      grammar: true,
      jsonSchema: true,
      prefixReuse: true,
      contextLength,
    };
  }

  get loaded(): boolean {
    return this.#state !== undefined;
  }

  get device(): string | undefined {
    const threads = this.#options.threads ?? 1;
    return this.#state && `llama.cpp (node-llama-cpp), CPU, ${threads} thread${threads === 1 ? '' : 's'}`;
  }

  async load(options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {}) {
    if (this.#state) return options.onProgress?.({ fraction: 1, file: this.#options.modelPath });
    this.#loading ??= this.#load(options).finally(() => {
      this.#loading = undefined;
    });
    return this.#loading;
  }

  async #load({
    onProgress,
    signal,
  }: {
    onProgress?: (progress: LoadProgress) => void;
    signal?: AbortSignal;
  }) {
    const { modelPath, contextSize, threads = 1 } = this.#options;
    onProgress?.({ fraction: 0, file: modelPath, text: 'Starting llama.cpp' });
    const runtime = await acquireRuntime();
    try {
      const loaded = await loadModel(runtime, {
        modelPath,
        threads,
        ...(contextSize === undefined ? {} : { contextSize }),
        ...(onProgress ? { onProgress } : {}),
        ...(signal ? { signal } : {}),
      });
      this.#state = { ...loaded, runtime, stopAll: new AbortController() };
    } catch (error) {
      await runtime.release();
      throw error;
    }
  }

  async unload(): Promise<void> {
    await this.#loading?.catch(() => undefined);
    const state = this.#state;
    if (!state) return;
    this.#state = undefined;
    state.stopAll.abort();
    await this.#queue.idle();
    await state.context.dispose();
    await state.model.dispose();
    await state.runtime.release();
  }

  /** The prompt's tokens as `complete` evaluates them: BOS, then the text with special tokens parsed. */
  tokenize(prompt: string): Token[] {
    const { model } = this.#require();
    const bos = model.tokens.bos;
    return [...(bos === null ? [] : [bos]), ...model.tokenize(prompt, true)];
  }

  async *complete(request: CompletionRequest): AsyncGenerator<GenerationEvent> {
    const state = this.#require();
    const { prompt, signal, constraint, sampling, stop = [], maxTokens } = request;
    const tokens = this.tokenize(prompt);
    const room = state.context.contextSize - tokens.length;
    if (room < 1) {
      const message = `The prompt has ${tokens.length} tokens; ${this.modelId}'s context holds ${state.context.contextSize}, including at least one token to generate.`;
      throw new EngineError('context-overflow', message, {
        promptTokens: tokens.length,
        contextLength: state.context.contextSize,
      });
    }
    const aborted = () => signal?.aborted === true || state.stopAll.signal.aborted;
    const release = aborted() ? undefined : await this.#queue.acquire(signal);
    if (!release) return yield emptyAbort(tokens.length);
    try {
      if (aborted()) return yield emptyAbort(tokens.length); // unloaded while waiting its turn
      const prepared = constraint
        ? await prepareConstraint(state.runtime, constraint, this.modelId)
        : undefined;
      yield* runGeneration({
        sequence: state.sequence,
        tokens,
        decoder: createTokenTextDecoder(state.model),
        ...(sampling ? { sampling } : {}),
        stop: [...stop, ...(prepared?.stops ?? [])],
        trimEnd: prepared?.trimEnd ?? false,
        maxTokens: Math.min(maxTokens ?? room, room),
        ...(prepared ? { grammarEvaluationState: grammarState(state.runtime, state.model, prepared) } : {}),
        aborted,
        onStep: (step) => this.#queue.track(step),
      });
    } finally {
      release();
    }
  }

  /** Evaluates the prompt into the sequence without generating; a prompt the context cannot hold is left out. */
  async warm({ prompt, signal }: WarmRequest): Promise<WarmUsage> {
    const state = this.#require();
    const tokens = this.tokenize(prompt);
    const skipped = { promptTokens: tokens.length, reusedPromptTokens: 0 };
    if (tokens.length >= state.context.contextSize) return skipped;
    const aborted = () => signal?.aborted === true || state.stopAll.signal.aborted;
    const release = aborted() ? undefined : await this.#queue.acquire(signal);
    if (!release) return skipped;
    try {
      if (aborted()) return skipped;
      return await warmSequence({
        sequence: state.sequence,
        tokens,
        aborted,
        onStep: (step) => this.#queue.track(step),
      });
    } finally {
      release();
    }
  }

  // biome-ignore lint/correctness/useYield: refuses before streaming anything
  async *chat(_request: ChatRequest): AsyncGenerator<GenerationEvent> {
    throw new EngineError('unsupported', `${this.modelId} has no chat template; use raw completions.`);
  }

  #require(): Loaded {
    if (!this.#state) throw this.#notLoaded();
    return this.#state;
  }

  #notLoaded(): EngineError {
    return new EngineError('not-loaded', `${this.modelId} is not loaded; call load() first.`);
  }
}

function emptyAbort(promptTokens: number): GenerationEvent {
  const usage = { promptTokens, reusedPromptTokens: 0, completionTokens: 0 };
  return {
    type: 'finish',
    text: '',
    reason: 'abort',
    usage: { ...usage, prefillTokensPerSecond: 0, decodeTokensPerSecond: 0 },
  };
}
