import { EngineError } from '../../agent/errors.ts';
import type {
  ChatRequest,
  CompletionRequest,
  Engine,
  EngineCapabilities,
  GenerationEvent,
  GenerationOptions,
  LoadProgress,
} from '../engine.ts';
import type { MlcEngineLike } from './mlc-runtime.ts';
import type { WebLlmHost } from './webllm-host.ts';
import { chatParams, completionParams } from './webllm-request.ts';
import { emptyFinish, type StreamChunk, streamGeneration } from './webllm-stream.ts';

/**
 * How the agent prompts the model: `chat` (instruction-tuned models, through their chat template)
 * or `alpha-umi` (α-UMi's raw prompts), as in the model catalog.
 */
export type WebLlmProfile = 'chat' | 'alpha-umi';

/** How to serve one model of a WebLLM host. */
export interface WebLlmEngineOptions {
  /** The page's host; every WebLlmEngine of the page shares it. */
  host: WebLlmHost;
  /** WebLLM's `model_id` of the model (a record of the host's app config, or a prebuilt one). */
  modelId: string;
  /** Context in tokens; default: the record's `overrides.context_window_size`, else 2048. */
  contextLength?: number;
  /** Default `chat`; decides which of raw completions or constraints the engine declares. */
  profile?: WebLlmProfile;
}

/** Used when neither the options nor the model record say: WebLLM's real size is in the model's own config. */
const DEFAULT_CONTEXT = 2048;

/**
 * One model on WebLLM (WebGPU, in a worker), routed through the page's WebLlmHost, which loads
 * every model into one MLC engine; requests name their model. Raw completions and chats stream
 * with WebLLM's usage and speeds; stop strings, max tokens and greedy or seeded sampling are
 * WebLLM's. An abort calls `interruptGenerate()`, which stops whatever WebLLM is decoding (the
 * α-UMi roles never generate at once).
 */
export class WebLlmEngine implements Engine {
  readonly kind = 'webllm';
  readonly modelId: string;
  readonly #host: WebLlmHost;
  readonly #contextLength: number | undefined;
  readonly #profile: WebLlmProfile;
  /** Aborted by unload(), ending this model's generations in flight. */
  #stopAll = new AbortController();

  constructor(options: WebLlmEngineOptions) {
    this.#host = options.host;
    this.modelId = options.modelId;
    this.#contextLength = options.contextLength;
    this.#profile = options.profile ?? 'chat';
  }

  /**
   * WebLLM 0.2.86 applies `response_format` to chats only, and capabilities are per engine, so a
   * `chat` engine declares constraints and no raw completions, an `alpha-umi` engine raw
   * completions and no constraints (its chats still honour them). No prefix reuse: raw completions
   * reset the KV cache, and chats that continue the model's last turn reuse it, but WebLLM reports
   * no reused token count.
   */
  get capabilities(): EngineCapabilities {
    const record = this.#host.modelRecord(this.modelId);
    const chatProfile = this.#profile === 'chat';
    return {
      rawCompletion: !chatProfile,
      chat: true,
      grammar: chatProfile,
      jsonSchema: chatProfile,
      prefixReuse: false,
      contextLength: this.#contextLength ?? record?.overrides?.context_window_size ?? DEFAULT_CONTEXT,
    };
  }

  get loaded(): boolean {
    return this.#host.isLoaded(this.modelId);
  }

  get device(): string | undefined {
    return this.loaded ? this.#host.device : undefined;
  }

  async load(options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {}) {
    await this.#host.load(this.modelId, options);
  }

  async unload(): Promise<void> {
    this.#stopAll.abort();
    this.#stopAll = new AbortController();
    await this.#host.release(this.modelId);
  }

  async *complete(request: CompletionRequest): AsyncGenerator<GenerationEvent> {
    const data = { model: this.modelId };
    if (this.#profile === 'chat')
      throw new EngineError(
        'unsupported',
        `${this.modelId} runs with the chat profile, which has no raw completions (WebLLM constrains chats only). Use chat(), or the alpha-umi profile.`,
        data,
      );
    if (request.constraint)
      throw new EngineError(
        'unsupported',
        `${this.modelId}: WebLLM constrains chat completions only, not raw completions.`,
        { ...data, constraint: request.constraint.type },
      );
    yield* this.#generate(
      request,
      (engine) => engine.completions.create(completionParams(this.modelId, request)),
      (chunk) => chunk.choices[0]?.text ?? '',
    );
  }

  async *chat(request: ChatRequest): AsyncGenerator<GenerationEvent> {
    yield* this.#generate(
      request,
      (engine) => engine.chat.completions.create(chatParams(this.modelId, request)),
      (chunk) => chunk.choices[0]?.delta.content ?? '',
    );
  }

  async *#generate<C extends StreamChunk>(
    request: GenerationOptions,
    open: (engine: MlcEngineLike) => Promise<AsyncIterable<C>>,
    textOf: (chunk: C) => string,
  ): AsyncGenerator<GenerationEvent> {
    const stopAll = this.#stopAll.signal;
    const lease = await this.#host.acquire(this.modelId);
    try {
      const signal = AbortSignal.any([stopAll, ...(request.signal ? [request.signal] : [])]);
      if (signal.aborted) return yield emptyFinish('abort');
      if (request.maxTokens !== undefined && request.maxTokens <= 0) return yield emptyFinish('length');
      yield* streamGeneration({
        open: () => open(lease.engine),
        textOf,
        signal,
        interrupt: () => lease.engine.interruptGenerate(),
        fail: (error) => lease.fail(error, request.constraint),
      });
    } finally {
      lease.release();
    }
  }
}
