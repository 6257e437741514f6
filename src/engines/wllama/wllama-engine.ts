import { EngineError } from '../../agent/errors.ts';
import type { ModelCache } from '../../catalog/model-cache.ts';
import type { ModelEntry } from '../../catalog/model-manifest.ts';
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
import { collectGeneration, GREEDY } from '../engine.ts';
import { SequenceQueue } from '../sequence-queue.ts';
import { defaultWllamaAssets, type WllamaAssets } from './asset-paths.ts';
import { completionParams, emptyFinish } from './completion-params.ts';
import { RELEASE_MS, settlesWithin, streamCompletion } from './completion-stream.ts';
import { browserGpu, chooseGpuLayers, type GpuLike } from './gpu-policy.ts';
import { LogTail } from './log-tail.ts';
import { fetchModelBytes } from './model-bytes.ts';
import { createWllama, startWllama, type WllamaFactory, type WllamaLike } from './wllama-runtime.ts';

/** How to run one GGUF model in the page through wllama (llama.cpp in WebAssembly). */
export interface WllamaEngineOptions {
  modelId: string;
  /** The GGUF's URL (same origin: the app serves its models). */
  url: string;
  /** The manifest entry; when given, the file must match its size and sha256 before loading. */
  entry?: ModelEntry;
  /** Context in tokens; default: the model's training context, at most 2048. */
  contextSize?: number;
  /** `auto` (default): WebGPU only on a hardware adapter with shader-f16, else the CPU. */
  gpuLayers?: number | 'auto';
  /** CPU threads; default 1 (on 2 cores two threads were slower than one). */
  threads?: number;
  assets?: WllamaAssets;
  fetch?: typeof fetch;
  /** Keeps verified GGUFs between visits (the app passes the browser's Cache Storage). */
  cache?: ModelCache;
  gpu?: GpuLike | undefined;
  createWllama?: WllamaFactory;
  /** How long wllama may take to release a cancelled request before its worker counts as gone (default 10 s). */
  releaseMs?: number;
}

interface Loaded {
  wllama: WllamaLike;
  contextLength: number;
  /** Text that puts a BOS token first when the model does not add one itself ('' when it does). */
  bosPrefix: string;
  /** Aborted by unload(), ending any generation in flight. */
  stopAll: AbortController;
  /** wllama requests in flight, so that unloading waits until wllama has released them. */
  running: Set<Promise<void>>;
  device: string;
}

/** Largest default context: the embedded models are small and their prompts stay well under this. */
const MAX_DEFAULT_CONTEXT = 2048;
/** Tokens a warm-up generates: llama-server evaluates a prompt only as part of a completion. */
const WARM_TOKENS = 1;
/** llama.cpp rounds the context up to a multiple of this. */
const CONTEXT_PADDING = 256;

/**
 * A raw-completion engine on wllama, one instance (worker and wasm memory) per model. It prepends
 * BOS, parses special-token literals such as `</s>`, reuses the prompt prefix its one sequence
 * holds, and supports GBNF and JSON Schema constraints. No chat: the embedded models have no chat
 * template.
 */
export class WllamaEngine implements Engine {
  readonly kind = 'wllama';
  readonly modelId: string;
  readonly #options: WllamaEngineOptions;
  readonly #log = new LogTail();
  /** One generation at a time: a warm-up and the completion after it share the one slot's cache. */
  readonly #queue = new SequenceQueue();
  #state: Loaded | undefined;
  #loading: Promise<void> | undefined;

  constructor(options: WllamaEngineOptions) {
    this.#options = options;
    this.modelId = options.modelId;
  }

  /** What the engine can do; `contextLength` is the requested size until load() knows the real one. */
  get capabilities(): EngineCapabilities {
    const contextLength =
      this.#state?.contextLength ??
      this.#options.contextSize ??
      this.#options.entry?.context ??
      MAX_DEFAULT_CONTEXT;
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
    return this.#state?.device;
  }

  async load(options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {}) {
    if (this.#state) return options.onProgress?.({ fraction: 1, file: this.#options.url });
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
    const { modelId, url, entry } = this.#options;
    const report = (fraction: number, text: string) => onProgress?.({ fraction, file: url, text });
    report(0, `Downloading ${modelId}`);
    const { bytes, header, cacheProblem } = await fetchModelBytes({
      modelId,
      url,
      ...(entry ? { entry } : {}),
      ...(this.#options.cache ? { cache: this.#options.cache } : {}),
      fetch: this.#options.fetch ?? globalThis.fetch.bind(globalThis),
      ...(signal ? { signal } : {}),
      ...(onProgress ? { onProgress } : {}),
      share: 0.5,
    });
    const { gpuLayers, where } = await this.#placement();
    report(0.6, `Starting llama.cpp for ${modelId}`);
    const trained = header.contextLength ?? entry?.context ?? MAX_DEFAULT_CONTEXT;
    const requested = this.#options.contextSize ?? Math.min(trained, MAX_DEFAULT_CONTEXT);
    const contextSize = Math.ceil(requested / CONTEXT_PADDING) * CONTEXT_PADDING;
    const { wllama, info } = await startWllama({
      modelId,
      url,
      bytes,
      contextSize,
      gpuLayers,
      threads: this.#options.threads ?? 1,
      assets: this.#options.assets ?? defaultWllamaAssets(),
      factory: this.#options.createWllama ?? createWllama,
      log: this.#log,
    });
    if (signal?.aborted) {
      await wllama.exit().catch(() => undefined);
      throw new EngineError('aborted', `Loading ${modelId} was aborted.`, { model: modelId });
    }
    const bosPrefix = info.add_bos_token ? '' : (header.bosText ?? '');
    this.#state = {
      wllama,
      contextLength: contextSize,
      bosPrefix,
      stopAll: new AbortController(),
      running: new Set(),
      device: `llama.cpp in WebAssembly (wllama), ${where}${
        cacheProblem === undefined
          ? ''
          : `; not kept in this browser's cache (${cacheProblem}), so the next visit downloads it again`
      }`,
    };
    report(1, `${modelId} is ready`);
  }

  /** Layers to offload, and where the model runs in words. */
  async #placement(): Promise<{ gpuLayers: number | undefined; where: string }> {
    const { gpuLayers = 'auto', threads = 1 } = this.#options;
    const cpu = `CPU, ${threads} thread${threads === 1 ? '' : 's'}`;
    if (gpuLayers !== 'auto')
      return { gpuLayers, where: gpuLayers === 0 ? `${cpu} (as configured)` : `WebGPU, ${gpuLayers} layers` };
    const gpu = 'gpu' in this.#options ? this.#options.gpu : browserGpu();
    const choice = await chooseGpuLayers(gpu);
    const adapter = choice.adapter === undefined ? '' : `; adapter: ${choice.adapter}`;
    return {
      gpuLayers: choice.gpuLayers,
      where: `${choice.gpuLayers === 0 ? cpu : 'WebGPU'}, because ${choice.reason}${adapter}`,
    };
  }

  async unload(): Promise<void> {
    await this.#loading?.catch(() => undefined);
    const state = this.#state;
    if (!state) return;
    this.#state = undefined;
    state.stopAll.abort();
    // A worker that is gone never releases its requests: end it anyway.
    const releaseMs = this.#options.releaseMs ?? RELEASE_MS;
    await settlesWithin(
      Promise.allSettled(state.running).then(() => undefined),
      releaseMs,
    );
    await state.wllama.exit().catch(() => undefined);
  }

  /** Ends an instance that crashed or stopped answering; the next load() starts a fresh one. */
  #drop(state: Loaded): void {
    if (this.#state !== state) return;
    this.#state = undefined;
    state.stopAll.abort();
    void state.wllama.exit().catch(() => undefined);
  }

  async *complete(request: CompletionRequest): AsyncGenerator<GenerationEvent> {
    const state = this.#require();
    const signal = AbortSignal.any([state.stopAll.signal, ...(request.signal ? [request.signal] : [])]);
    if (signal.aborted) return yield emptyFinish('abort');
    if (request.maxTokens !== undefined && request.maxTokens <= 0) return yield emptyFinish('length');
    const release = await this.#queue.acquire(signal);
    if (!release || signal.aborted) {
      release?.();
      return yield emptyFinish('abort');
    }
    try {
      yield* this.#stream(state, request, signal);
    } finally {
      release();
    }
  }

  #stream(state: Loaded, request: CompletionRequest, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
    return streamCompletion({
      wllama: state.wllama,
      params: completionParams(request, state.bosPrefix),
      signal,
      log: this.#log,
      failure: { modelId: this.modelId, constraint: request.constraint },
      track: (settled) => {
        state.running.add(settled);
        settled.then(() => state.running.delete(settled));
      },
      lost: () => this.#drop(state),
      ...(this.#options.releaseMs === undefined ? {} : { releaseMs: this.#options.releaseMs }),
    });
  }

  /**
   * Evaluates the prompt into the cache: a completion of at most one token, whose token the next
   * completion's prefix match drops again (llama-server has no prompt-only request).
   */
  async warm({ prompt, signal }: WarmRequest): Promise<WarmUsage> {
    const stream = this.complete({
      prompt,
      maxTokens: WARM_TOKENS,
      sampling: GREEDY,
      ...(signal ? { signal } : {}),
    });
    const { usage } = await collectGeneration(stream);
    return { promptTokens: usage.promptTokens, reusedPromptTokens: usage.reusedPromptTokens };
  }

  // biome-ignore lint/correctness/useYield: refuses before streaming anything
  async *chat(_request: ChatRequest): AsyncGenerator<GenerationEvent> {
    throw new EngineError('unsupported', `${this.modelId} has no chat template; use raw completions.`);
  }

  #require(): Loaded {
    if (!this.#state)
      throw new EngineError('not-loaded', `${this.modelId} is not loaded; call load() first.`);
    return this.#state;
  }
}
