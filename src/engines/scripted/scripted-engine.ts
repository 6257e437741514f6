import { EngineError } from '../../agent/errors.ts';
import type {
  ChatRequest,
  CompletionRequest,
  Engine,
  EngineCapabilities,
  GenerationEvent,
  GenerationOptions,
  LoadProgress,
  Usage,
  WarmRequest,
  WarmUsage,
} from '../engine.ts';
import { sharedPrefix } from '../shared-prefix.ts';

/** What a scripted engine saw: the request kind, its prompt (chats rendered ChatML-style) and options. */
export interface ScriptedRequest {
  kind: 'complete' | 'chat';
  prompt: string;
  options: Omit<GenerationOptions, 'signal'>;
}

/** One scripted reply: fixed text, or text computed from the request. */
export type ScriptedResponse = string | ((request: ScriptedRequest) => string);

/** How to build a scripted engine. */
export interface ScriptedEngineOptions {
  modelId?: string;
  /** Replies in order (one per generation), or one function answering every generation. */
  responses: readonly ScriptedResponse[] | ((request: ScriptedRequest) => string);
  capabilities?: Partial<EngineCapabilities>;
  /** Pause between streamed pseudo-tokens (an abort cuts it short); 0 still yields to the event loop. */
  tokenDelayMs?: number;
  /** How many progress steps load() reports after 0 (default 4). */
  loadSteps?: number;
}

/** Splits text deterministically into pseudo-tokens: each word with its leading whitespace. */
export function pseudoTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}

const DEFAULT_CAPABILITIES: EngineCapabilities = {
  rawCompletion: true,
  chat: true,
  grammar: false,
  jsonSchema: false,
  prefixReuse: true,
  contextLength: 4096,
};

/**
 * An engine that replays scripted text, FOR TESTS ONLY: it is never offered as a model in the UI.
 * It honours stop strings, maxTokens, abort (a finish with reason 'abort' and the text so far; an
 * already-aborted signal yields an empty 'abort' finish without consuming a reply), refuses
 * constraints and chat it does not declare, and simulates prefix reuse against the previous prompt.
 */
export class ScriptedEngine implements Engine {
  readonly kind = 'scripted';
  readonly modelId: string;
  readonly capabilities: EngineCapabilities;
  /** Every generation request received, in order, including refused and aborted ones. */
  readonly requests: ScriptedRequest[] = [];
  /** Every prompt warmed ahead of a completion, in order. */
  readonly warmed: string[] = [];
  #loaded = false;
  #used = 0;
  #previousPrompt: string[] = [];
  readonly #options: ScriptedEngineOptions;

  constructor(options: ScriptedEngineOptions) {
    this.#options = options;
    this.modelId = options.modelId ?? 'scripted';
    this.capabilities = { ...DEFAULT_CAPABILITIES, ...options.capabilities };
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  get device(): string | undefined {
    return this.#loaded ? 'scripted responses, no model' : undefined;
  }

  /** Scripted replies not yet used (Infinity when replies come from a function). */
  get remaining(): number {
    const { responses } = this.#options;
    return typeof responses === 'function' ? Number.POSITIVE_INFINITY : responses.length - this.#used;
  }

  async load(options: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal } = {}) {
    const steps = Math.max(1, this.#options.loadSteps ?? 4);
    for (let step = 0; step <= steps; step++) {
      if (options.signal?.aborted) throw new EngineError('aborted', `Loading ${this.modelId} was aborted.`);
      options.onProgress?.({ fraction: step / steps, text: `Scripted load step ${step} of ${steps}` });
      if (step < steps) await pause(0, options.signal);
    }
    this.#loaded = true;
  }

  async unload(): Promise<void> {
    this.#loaded = false;
    this.#previousPrompt = [];
  }

  complete({ prompt, signal, ...options }: CompletionRequest): AsyncIterable<GenerationEvent> {
    return this.#generate({ kind: 'complete', prompt, options }, signal);
  }

  chat({ messages, signal, ...options }: ChatRequest): AsyncIterable<GenerationEvent> {
    const turns = messages.map(({ role, content }) => `<|im_start|>${role}\n${content}<|im_end|>\n`);
    return this.#generate(
      { kind: 'chat', prompt: `${turns.join('')}<|im_start|>assistant\n`, options },
      signal,
    );
  }

  /** Takes the prompt as the one its cache holds, as a real prefix-reusing engine would. */
  async warm({ prompt, signal }: WarmRequest): Promise<WarmUsage> {
    const tokens = pseudoTokens(prompt);
    if (!this.#loaded || signal?.aborted || !this.capabilities.prefixReuse)
      return { promptTokens: tokens.length, reusedPromptTokens: 0 };
    this.warmed.push(prompt);
    const shared = sharedPrefix(this.#previousPrompt, tokens);
    this.#previousPrompt = tokens;
    await pause(0, signal);
    return { promptTokens: tokens.length, reusedPromptTokens: shared };
  }

  async *#generate(request: ScriptedRequest, signal?: AbortSignal): AsyncGenerator<GenerationEvent> {
    this.requests.push(request);
    this.#check(request);
    const started = performance.now();
    const prompt = pseudoTokens(request.prompt);
    if (signal?.aborted) {
      yield { type: 'finish', text: '', reason: 'abort', usage: usage(prompt.length, 0, 0, started) };
      return;
    }
    const reused = this.#reuse(prompt);
    const { pieces, reason } = plan(this.#next(request), request.options);
    let text = '';
    for (const [index, piece] of pieces.entries()) {
      if (signal?.aborted) {
        yield { type: 'finish', text, reason: 'abort', usage: usage(prompt.length, reused, index, started) };
        return;
      }
      text += piece;
      yield { type: 'token-delta', text: piece };
      await pause(this.#options.tokenDelayMs ?? 0, signal);
    }
    yield { type: 'finish', text, reason, usage: usage(prompt.length, reused, pieces.length, started) };
  }

  /** Refuses requests the engine cannot honour, before anything is generated. */
  #check({ kind, prompt, options }: ScriptedRequest): void {
    const { capabilities: can, modelId } = this;
    if (!this.#loaded) throw new EngineError('not-loaded', `${modelId} is not loaded; call load() first.`);
    const lacking = [
      kind === 'chat' && !can.chat && 'chat',
      kind === 'complete' && !can.rawCompletion && 'raw completion',
      options.constraint?.type === 'grammar' && !can.grammar && 'grammar constraints',
      options.constraint?.type === 'json-schema' && !can.jsonSchema && 'JSON Schema constraints',
    ].find((what) => what !== false);
    if (lacking) throw new EngineError('unsupported', `The scripted engine ${modelId} has no ${lacking}.`);
    const length = pseudoTokens(prompt).length;
    const overflow = `The prompt has ${length} tokens; the context holds ${can.contextLength}.`;
    if (length > can.contextLength) throw new EngineError('context-overflow', overflow);
  }

  /** The reply to this request, or a generation-failed error when the script has run out. */
  #next(request: ScriptedRequest): string {
    const { responses } = this.#options;
    if (typeof responses === 'function') return responses(request);
    const response = responses[this.#used];
    const message = `The scripted engine ran out of responses: all ${responses.length} scripted were used.`;
    if (response === undefined) throw new EngineError('generation-failed', message);
    this.#used++;
    return typeof response === 'function' ? response(request) : response;
  }

  /** Pseudo-tokens shared with the previous prompt (at least one is always evaluated again). */
  #reuse(prompt: string[]): number {
    const shared = sharedPrefix(this.#previousPrompt, prompt);
    this.#previousPrompt = prompt;
    return this.capabilities.prefixReuse ? Math.min(shared, Math.max(0, prompt.length - 1)) : 0;
  }
}

/** The pseudo-tokens to stream: the reply cut before its earliest stop string, then at maxTokens. */
function plan(reply: string, { stop = [], maxTokens = Number.POSITIVE_INFINITY }: GenerationOptions) {
  const starts = stop.filter((text) => text !== '').map((text) => reply.indexOf(text));
  const tokens = pseudoTokens(reply.slice(0, Math.min(reply.length, ...starts.filter((at) => at >= 0))));
  const pieces = tokens.slice(0, Math.max(0, maxTokens));
  return { pieces, reason: pieces.length < tokens.length ? 'length' : 'stop' } as const;
}

/** Usage with a measured decode speed; the scripted engine has no prefill to time. */
function usage(prompt: number, reused: number, completion: number, t0: number): Usage {
  const speed = completion / Math.max(0.001, (performance.now() - t0) / 1000);
  const tokens = { promptTokens: prompt, reusedPromptTokens: reused, completionTokens: completion };
  return { ...tokens, prefillTokensPerSecond: 0, decodeTokensPerSecond: speed };
}

/** Waits this long, or less when the signal aborts meanwhile. */
function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
