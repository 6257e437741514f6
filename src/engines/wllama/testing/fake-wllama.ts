import type { LoadedContextInfo, LoadModelParams, RawCompletionChunk } from '@wllama/wllama/esm/index.js';
import type { LogTail } from '../log-tail.ts';
import type { CompletionParams, WllamaFactory, WllamaLike } from '../wllama-runtime.ts';

/** What a fake wllama does: its loaded model's facts, its replies as token texts, its failures. */
export interface FakeScript {
  info?: Partial<LoadedContextInfo> & { success?: boolean };
  /** Token texts of every reply (one chunk per token), then a finish with this reason. */
  tokens?: string[];
  finishReason?: 'stop' | 'length';
  promptTokens?: number;
  cachedTokens?: number;
  /** Thrown by createCompletion before any chunk. */
  completionError?: Error;
  /** Logged (as llama.cpp would) when loading. */
  loadLog?: string[];
  /** Delay between tokens, so that aborts and unloads can land mid-stream. */
  tokenDelayMs?: number;
  /** Never answers a completion, even when it is aborted: a worker that is gone. */
  silent?: boolean;
}

const INFO: LoadedContextInfo & { success: boolean } = {
  success: true,
  n_vocab: 300,
  n_ctx: 512,
  n_batch: 512,
  n_ubatch: 512,
  n_ctx_train: 512,
  n_embd: 32,
  n_layer: 2,
  metadata: {},
  token_bos: 0,
  token_eos: 1,
  token_eot: -1,
  list_tokens_eog: [1],
  has_encoder: false,
  token_decoder_start: -1,
  add_bos_token: true,
  add_eos_token: false,
  has_image_input: false,
  has_audio_input: false,
};

const chunk = (text: string, extra: Partial<RawCompletionChunk> = {}): RawCompletionChunk => ({
  id: '',
  object: 'text_completion',
  created: 0,
  model: '',
  choices: [{ text, index: 0, finish_reason: null, logprobs: null }],
  ...extra,
});

/** A stand-in for wllama in Node tests: records what the engine asks and answers from a script. */
export class FakeWllama implements WllamaLike {
  readonly loads: LoadModelParams[] = [];
  readonly requests: CompletionParams[] = [];
  exited = false;
  /** Requests whose promise has not settled yet. */
  pending = 0;
  readonly #script: FakeScript;
  readonly #log: LogTail;

  constructor(script: FakeScript, log: LogTail) {
    this.#script = script;
    this.#log = log;
  }

  async loadModel(_blobs: Blob[], params: LoadModelParams): Promise<void> {
    this.loads.push(params);
    for (const line of this.#script.loadLog ?? []) this.#log.record(line);
  }

  getLoadedContextInfo(): LoadedContextInfo {
    return { ...INFO, ...this.#script.info };
  }

  async createCompletion(params: CompletionParams): Promise<void> {
    this.requests.push(params);
    this.pending++;
    try {
      await this.#stream(params);
    } finally {
      this.pending--;
    }
  }

  async #stream(params: CompletionParams): Promise<void> {
    const { tokens = [' Paris'], promptTokens = 12, cachedTokens = 0 } = this.#script;
    if (this.#script.silent) return new Promise<void>(() => undefined);
    if (this.#script.completionError) throw this.#script.completionError;
    const progress = {
      total: promptTokens,
      cache: cachedTokens,
      processed: promptTokens - cachedTokens,
      time_ms: 4,
    };
    params.onData(chunk('', { prompt_progress: progress }));
    for (const token of tokens) {
      await new Promise((resolve) => setTimeout(resolve, this.#script.tokenDelayMs ?? 0));
      if (params.abortSignal?.aborted)
        throw Object.assign(new Error('Operation aborted'), { name: 'AbortError' });
      params.onData(chunk(token));
    }
    const usage = { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: 0 };
    const timings = {
      cache_n: cachedTokens,
      prompt_n: promptTokens - cachedTokens,
      prompt_ms: 4,
      prompt_per_token_ms: 0,
      prompt_per_second: 2500,
      predicted_n: tokens.length,
      predicted_ms: 10,
      predicted_per_token_ms: 0,
      predicted_per_second: 300,
    };
    const final = chunk('', { usage, timings });
    if (final.choices[0]) final.choices[0].finish_reason = this.#script.finishReason ?? 'stop';
    params.onData(final);
  }

  async exit(): Promise<void> {
    this.exited = true;
  }
}

/** A factory handing out FakeWllamas for a script; `made` lists every instance it created. */
export function fakeWllamaFactory(script: FakeScript = {}): WllamaFactory & { made: FakeWllama[] } {
  const made: FakeWllama[] = [];
  const factory = async (_assets: unknown, log: LogTail) => {
    const fake = new FakeWllama(script, log);
    made.push(fake);
    return fake;
  };
  return Object.assign(factory, { made });
}
