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
import { type WireModel, wireContextLength, wireErrorMessage } from './openai-wire.ts';
import { readGeneration } from './read-generation.ts';

/** Which request fields carry constraints: llama.cpp's server (and `umi serve`), vLLM, or neither. */
export type ServerKind = 'llama.cpp' | 'vllm' | 'generic';

/** One model on an OpenAI-compatible server. */
export interface OpenAiEngineOptions {
  /** The API root, e.g. `http://gpu-box:8000/v1`. */
  baseUrl: string;
  /** The model name the server knows (vLLM's `--served-model-name`, Ollama's tag…). */
  model: string;
  /** Sent as `Authorization: Bearer …`; never logged or put in errors. */
  apiKey?: string;
  server?: ServerKind;
  /** What the model can do, where the server cannot say (e.g. `chat: false` for a model without a chat template). */
  capabilities?: Partial<EngineCapabilities>;
  fetch?: typeof fetch;
}

const DEFAULT_CONTEXT = 4096;

/**
 * A model served over the OpenAI-compatible API: raw completions (`/completions`) and chats
 * (`/chat/completions`), streamed over server-sent events, aborted by closing the request, with
 * usage from the server's last chunk. Constraints go in the fields the server kind reads.
 */
export class OpenAiEngine implements Engine {
  readonly kind = 'openai';
  readonly modelId: string;
  readonly #options: OpenAiEngineOptions;
  readonly #base: string;
  #contextLength: number | undefined;
  #loaded = false;

  constructor(options: OpenAiEngineOptions) {
    this.#options = options;
    this.modelId = options.model;
    this.#base = options.baseUrl.replace(/\/+$/, '');
  }

  get capabilities(): EngineCapabilities {
    const server = this.#options.server ?? 'llama.cpp';
    return {
      rawCompletion: true,
      chat: true,
      grammar: server !== 'generic',
      jsonSchema: true,
      prefixReuse: server !== 'generic',
      contextLength: this.#contextLength ?? DEFAULT_CONTEXT,
      ...this.#options.capabilities,
    };
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get device(): string | undefined {
    return this.#loaded ? `${this.#options.server ?? 'llama.cpp'} server at ${this.#base}` : undefined;
  }

  /** Checks that the server answers and serves the model; reads its context size when it says. */
  async load(options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {}) {
    options.onProgress?.({ fraction: 0, text: `Connecting to ${this.#base}` });
    const url = `${this.#base}/models`;
    let response: Response;
    try {
      response = await this.#fetch(url, { headers: this.#headers(), signal: options.signal ?? null });
    } catch (error) {
      if (options.signal?.aborted)
        throw new EngineError('aborted', `Connecting to ${this.#base} was stopped.`);
      throw new EngineError(
        'load-failed',
        `Could not reach ${url} (${reasonOf(error)}). Is the server running there, and does it allow this page's origin (CORS)?`,
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw new EngineError('load-failed', this.#httpMessage(url, response.status, body));
    const models = Array.isArray((body as { data?: unknown })?.data)
      ? (body as { data: WireModel[] }).data
      : [];
    const model = models.find((item) => item.id === this.modelId);
    // Some servers list nothing useful (or load models on demand); only a list without the model is refused.
    if (models.length > 0 && model === undefined)
      throw new EngineError(
        'load-failed',
        `${this.#base} does not serve "${this.modelId}"; it serves ${models.map((item) => `"${item.id}"`).join(', ')}.`,
      );
    this.#contextLength = model === undefined ? undefined : wireContextLength(model);
    this.#loaded = true;
    options.onProgress?.({ fraction: 1, text: `${this.modelId} on ${this.#base}` });
  }

  async unload(): Promise<void> {
    this.#loaded = false;
  }

  complete(request: CompletionRequest): AsyncIterable<GenerationEvent> {
    return this.#generate('completions', { prompt: request.prompt }, request, 'rawCompletion');
  }

  chat(request: ChatRequest): AsyncIterable<GenerationEvent> {
    return this.#generate('chat/completions', { messages: request.messages }, request, 'chat');
  }

  async *#generate(
    path: string,
    input: Record<string, unknown>,
    options: GenerationOptions,
    capability: 'rawCompletion' | 'chat',
  ): AsyncGenerator<GenerationEvent> {
    if (!this.#loaded)
      throw new EngineError('not-loaded', `${this.modelId} is not loaded; call load() first.`);
    if (!this.capabilities[capability])
      throw new EngineError(
        'unsupported',
        `${this.modelId} on ${this.#base} does not take ${capability === 'chat' ? 'chats' : 'raw completions'}.`,
      );
    const body = { model: this.modelId, ...input, ...this.#requestFields(options) };
    if (options.signal?.aborted) {
      yield { type: 'finish', text: '', reason: 'abort', usage: emptyUsage() };
      return;
    }
    const url = `${this.#base}/${path}`;
    const started = performance.now();
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: 'POST',
        headers: { ...this.#headers(), 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(body),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (options.signal?.aborted) {
        yield { type: 'finish', text: '', reason: 'abort', usage: emptyUsage() };
        return;
      }
      throw new EngineError(
        'generation-failed',
        `Could not reach ${url} (${reasonOf(error)}); is the server still running?`,
      );
    }
    if (!response.ok || response.body === null) {
      const answer: unknown = await response.json().catch(() => undefined);
      const message = this.#httpMessage(url, response.status, answer);
      const overflow = response.status === 400 && /context|too long|exceed/i.test(message);
      throw new EngineError(overflow ? 'context-overflow' : 'generation-failed', message, {
        status: response.status,
      });
    }
    yield* readGeneration(response.body, { url, started, signal: options.signal });
  }

  /** Sampling, limits and constraints as the server kind names them; prompt caching asked for where it is a request field. */
  #requestFields(options: GenerationOptions): Record<string, unknown> {
    const server = this.#options.server ?? 'llama.cpp';
    const fields: Record<string, unknown> = { stream: true, stream_options: { include_usage: true } };
    const sampling = options.sampling;
    if (sampling !== undefined) {
      fields.temperature = sampling.temperature;
      if (sampling.topP !== undefined) fields.top_p = sampling.topP;
      if (sampling.seed !== undefined) fields.seed = sampling.seed;
    }
    if (options.maxTokens !== undefined) fields.max_tokens = options.maxTokens;
    if (options.stop !== undefined && options.stop.length > 0) fields.stop = [...options.stop];
    if (server === 'llama.cpp') fields.cache_prompt = true;
    const constraint = options.constraint;
    if (constraint === undefined) return fields;
    const declared = constraint.type === 'grammar' ? this.capabilities.grammar : this.capabilities.jsonSchema;
    if (!declared)
      throw new EngineError(
        'unsupported',
        `${this.modelId} on ${this.#base} does not take a ${constraint.type} constraint.`,
      );
    if (constraint.type === 'grammar')
      fields[server === 'vllm' ? 'guided_grammar' : 'grammar'] = constraint.grammar;
    else if (server === 'llama.cpp') fields.json_schema = constraint.schema;
    else if (server === 'vllm') fields.guided_json = constraint.schema;
    else
      fields.response_format = {
        type: 'json_schema',
        json_schema: { name: 'reply', schema: constraint.schema },
      };
    return fields;
  }

  #headers(): Record<string, string> {
    return this.#options.apiKey ? { authorization: `Bearer ${this.#options.apiKey}` } : {};
  }

  #fetch(url: string, init: RequestInit): Promise<Response> {
    return (this.#options.fetch ?? globalThis.fetch)(url, init);
  }

  #httpMessage(url: string, status: number, body: unknown): string {
    const said = wireErrorMessage(body);
    const hint =
      status === 401 || status === 403
        ? ' Check the API key for this server.'
        : status === 404
          ? ' Check the base URL (it usually ends in /v1) and the model name.'
          : '';
    return `${url} answered HTTP ${status}${said ? `: ${said}` : ''}.${hint}`;
  }
}

/** Usage of a generation that produced nothing. */
export function emptyUsage() {
  return {
    promptTokens: 0,
    reusedPromptTokens: 0,
    completionTokens: 0,
    prefillTokensPerSecond: 0,
    decodeTokensPerSecond: 0,
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
