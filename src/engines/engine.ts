import type { JsonObject } from '../agent/json.ts';

/** Sampling settings; temperature 0 means greedy decoding. */
export interface Sampling {
  temperature: number;
  topP?: number;
  seed?: number;
}

/** Greedy decoding: what tests and evaluation use by default. */
export const GREEDY: Sampling = { temperature: 0, topP: 1, seed: 0 };

/** A constraint on the generated text: a GBNF grammar or a JSON Schema. */
export type OutputConstraint =
  | { type: 'grammar'; grammar: string }
  | { type: 'json-schema'; schema: JsonObject };

/** What every generation request can carry besides its input. */
export interface GenerationOptions {
  sampling?: Sampling;
  /** Generation ends before any of these strings; the stop string is not part of the text. */
  stop?: readonly string[];
  maxTokens?: number;
  constraint?: OutputConstraint;
  signal?: AbortSignal;
}

/**
 * A raw-text completion. Special-token literals in the prompt (such as `</s>`) are parsed as the
 * model's special tokens, and a BOS token is prepended, as α-UMi's weights saw in training.
 */
export interface CompletionRequest extends GenerationOptions {
  prompt: string;
}

/** One chat message for chat-tuned models. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat completion through the model's own chat template. */
export interface ChatRequest extends GenerationOptions {
  messages: readonly ChatMessage[];
}

/** Token counts and speeds of one generation. */
export interface Usage {
  promptTokens: number;
  /** Prompt tokens served from the KV cache instead of being prefilled again. */
  reusedPromptTokens: number;
  completionTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
}

/** A prompt to evaluate into the model's cache ahead of a completion that will start with it. */
export interface WarmRequest {
  prompt: string;
  signal?: AbortSignal;
}

/** What a warm-up evaluated: the prompt's tokens and how many of them the cache already held. */
export interface WarmUsage {
  promptTokens: number;
  reusedPromptTokens: number;
}

/** Why a generation ended. */
export type FinishReason = 'stop' | 'length' | 'abort';

/** A streamed generation: deltas of text, then exactly one finish with the whole text and usage. */
export type GenerationEvent =
  | { type: 'token-delta'; text: string }
  | { type: 'finish'; text: string; reason: FinishReason; usage: Usage };

/** Progress of loading a model (downloads, compilation, warm-up). */
export interface LoadProgress {
  /** 0..1 overall. */
  fraction: number;
  loadedBytes?: number;
  totalBytes?: number;
  file?: string;
  text?: string;
}

/** What an engine can do; requests for anything it cannot do are refused with an EngineError. */
export interface EngineCapabilities {
  rawCompletion: boolean;
  chat: boolean;
  grammar: boolean;
  jsonSchema: boolean;
  prefixReuse: boolean;
  /** Context window in tokens. */
  contextLength: number;
}

/** One loaded model behind one inference library. Each engine folder is the only importer of its library. */
export interface Engine {
  /** The engine kind, e.g. `wllama`, `webllm`, `scripted`. */
  readonly kind: string;
  /** The model this engine instance serves. */
  readonly modelId: string;
  readonly capabilities: EngineCapabilities;
  readonly loaded: boolean;
  /** Where the loaded model runs, in words (library, device, threads, and why); undefined before load. */
  readonly device: string | undefined;
  load(options?: { onProgress?: (progress: LoadProgress) => void; signal?: AbortSignal }): Promise<void>;
  unload(): Promise<void>;
  /**
   * Streams a raw completion. An abort is not an error: the stream ends with one `finish` whose
   * reason is `abort` and whose text is what was generated so far (empty when already aborted).
   */
  complete(request: CompletionRequest): AsyncIterable<GenerationEvent>;
  /** Streams a chat completion; same streaming and abort rules as `complete`. */
  chat(request: ChatRequest): AsyncIterable<GenerationEvent>;
  /**
   * Evaluates a raw prompt into the cache without generating, so that a later completion sharing its
   * prefix prefills only the rest; queued like a completion. Engines without prefix reuse leave it out
   * (or do nothing). An aborted warm-up resolves with what it evaluated.
   */
  warm?(request: WarmRequest): Promise<WarmUsage>;
}

/** The final event of a generation stream, with every delta passed to `onDelta` on the way. */
export async function collectGeneration(
  stream: AsyncIterable<GenerationEvent>,
  onDelta?: (text: string) => void,
): Promise<Extract<GenerationEvent, { type: 'finish' }>> {
  for await (const event of stream) {
    if (event.type === 'token-delta') onDelta?.(event.text);
    else return event;
  }
  throw new Error('The engine ended a generation without a finish event.');
}
