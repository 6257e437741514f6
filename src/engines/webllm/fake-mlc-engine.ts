import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionFinishReason,
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
  Completion,
  CompletionCreateParamsStreaming,
  InitProgressCallback,
  ResponseFormat,
} from '@mlc-ai/web-llm';
import { type ChunkMaker, chatChunks, completionChunks, fakeUsage, planReply } from './fake-mlc-chunks.ts';
import type { MlcEngineLike, MlcInit } from './mlc-runtime.ts';

/** A request the fake received, FOR TESTS. */
export interface FakeMlcRequest {
  kind: 'completion' | 'chat';
  model: string;
  /** The raw prompt, or the chat's messages. */
  input: string | ChatCompletionMessageParam[];
  responseFormat: ResponseFormat | undefined;
  params: CompletionCreateParamsStreaming | ChatCompletionRequestStreaming;
}

/** Replies and timing of a fake MLC engine. */
export interface FakeMlcOptions {
  /** Replies per model id, in order; a model with none left fails its request. */
  replies?: Record<string, readonly string[]>;
  /** Progress reports per model during a reload, before its "Finish loading" report (default 3). */
  progressSteps?: number;
}

/** The worker's form of WebGPU failing mid-request on a lost device. */
export const FAKE_DEVICE_LOST = "OperationError: Failed to execute 'mapAsync' on 'GPUBuffer': Device is lost";

/**
 * A stand-in for WebLLM's WebWorkerMLCEngine in Node tests: it loads models (with progress),
 * answers each model with its scripted replies as OpenAI-style chunks split into words (honouring
 * stop strings, max_tokens and interruptGenerate), ends with a finish chunk and a usage chunk,
 * records every request, and fails as the worker does: with `ClassName: message` strings.
 */
export class FakeMlcEngine implements MlcEngineLike {
  readonly requests: FakeMlcRequest[] = [];
  readonly reloads: string[][] = [];
  unloads = 0;
  interrupts = 0;
  terminated = false;
  /** Models loaded now. */
  loaded: string[] = [];
  /** Switch: milliseconds per generated token (so that aborts land mid-stream). */
  tokenDelayMs = 0;
  /** Switch: milliseconds per progress report while reloading (so that aborts land mid-load). */
  reloadStepMs = 0;
  /** Switch: the next request fails at its first token with FAKE_DEVICE_LOST and unloads everything. */
  loseDeviceOnNextRequest = false;
  /** Switch: the next reload fails with this worker error string after its first progress report. */
  failNextReload: string | undefined;
  readonly #replies = new Map<string, string[]>();
  readonly #messages = new Map<string, string>();
  readonly #progress: InitProgressCallback;
  readonly #appConfig: AppConfig | undefined;
  readonly #steps: number;
  #epoch = 0;
  #interrupted = false;

  constructor(init: Pick<MlcInit, 'appConfig' | 'initProgressCallback'>, options: FakeMlcOptions = {}) {
    this.#progress = init.initProgressCallback;
    this.#appConfig = init.appConfig;
    this.#steps = options.progressSteps ?? 3;
    for (const [model, replies] of Object.entries(options.replies ?? {}))
      this.#replies.set(model, [...replies]);
  }

  readonly completions = {
    create: async (params: CompletionCreateParamsStreaming): Promise<AsyncIterable<Completion>> => {
      const model = this.#admit('completion', params, params.prompt, undefined);
      return this.#stream(model, params, params.prompt, completionChunks(model));
    },
  };

  readonly chat = {
    completions: {
      create: async (params: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>> => {
        const model = this.#admit('chat', params, params.messages, params.response_format);
        const said = params.messages.map((message) =>
          typeof message.content === 'string' ? message.content : '',
        );
        return this.#stream(model, params, said.join('\n'), chatChunks(model));
      },
    },
  };

  async reload(modelId: string | string[]): Promise<void> {
    const models = Array.isArray(modelId) ? modelId : [modelId];
    this.reloads.push([...models]);
    await this.unload();
    this.unloads--;
    const epoch = this.#epoch;
    for (const model of models) {
      if (this.#appConfig && !this.#appConfig.model_list.some((record) => record.model_id === model))
        throw `ModelNotFoundError: Cannot find model record in appConfig for ${model}.`;
      for (let step = 1; step <= this.#steps; step++) {
        await sleep(this.reloadStepMs);
        // WebLLM's reload returns quietly when unload() cancels it.
        if (epoch !== this.#epoch) return;
        this.#progress({
          progress: step / this.#steps,
          timeElapsed: 0,
          text: `Fetching param cache[${step}/${this.#steps}]`,
        });
        const failure = this.failNextReload;
        this.failNextReload = undefined;
        if (failure !== undefined) throw failure;
      }
      this.#progress({ progress: 1, timeElapsed: 0, text: 'Finish loading on WebGPU - fake adapter' });
    }
    this.loaded = [...models];
  }

  async unload(): Promise<void> {
    this.unloads++;
    this.#epoch++;
    this.loaded = [];
  }

  interruptGenerate(): void {
    this.interrupts++;
    this.#interrupted = true;
  }

  async getMessage(modelId?: string): Promise<string> {
    return this.#messages.get(modelId ?? this.loaded[0] ?? '') ?? '';
  }

  async getGPUVendor(): Promise<string> {
    return 'fake-vendor';
  }

  /** Records the request and checks that its model is loaded, as WebLLM does. */
  #admit(
    kind: FakeMlcRequest['kind'],
    params: FakeMlcRequest['params'],
    input: FakeMlcRequest['input'],
    responseFormat: ResponseFormat | undefined,
  ): string {
    const model = params.model ?? '';
    this.requests.push({ kind, model, input, responseFormat, params });
    if (this.loaded.length === 0)
      throw 'ModelNotLoadedError: Model not loaded before trying to complete the request.';
    if (!this.loaded.includes(model))
      throw `SpecifiedModelNotFoundError: Specified model ${model} is not found in loaded models.`;
    return model;
  }

  async *#stream<C>(
    model: string,
    params: FakeMlcRequest['params'],
    prompt: string,
    chunk: ChunkMaker<C>,
  ): AsyncGenerator<C> {
    const reply = this.#replies.get(model)?.shift();
    if (reply === undefined) throw `Error: the fake MLC engine has no reply left for ${model}.`;
    const { pieces, reason } = planReply(reply, params.stop, params.max_tokens);
    this.#interrupted = false;
    let message = '';
    let finish: ChatCompletionFinishReason = reason;
    for (const piece of pieces) {
      if (this.loseDeviceOnNextRequest) {
        this.loseDeviceOnNextRequest = false;
        this.loaded = [];
        throw FAKE_DEVICE_LOST;
      }
      await sleep(this.tokenDelayMs);
      if (this.#interrupted) {
        finish = 'abort';
        break;
      }
      message += piece;
      this.#messages.set(model, message);
      yield chunk(piece, null);
    }
    yield chunk('', finish);
    if (params.stream_options?.include_usage) yield chunk('', undefined, fakeUsage(prompt, message));
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
