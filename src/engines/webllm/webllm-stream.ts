import type { ChatCompletionFinishReason, CompletionUsage } from '@mlc-ai/web-llm';
import type { EngineError } from '../../agent/errors.ts';
import type { FinishReason, GenerationEvent, Usage } from '../engine.ts';

/** What every streamed chunk of WebLLM has, chat or text completion. */
export interface StreamChunk {
  choices: ReadonlyArray<{ finish_reason: ChatCompletionFinishReason | null }>;
  usage?: CompletionUsage;
}

/** One streamed generation on WebLLM. */
export interface StreamJob<C extends StreamChunk> {
  /** Sends the request; its chunks follow. */
  open: () => Promise<AsyncIterable<C>>;
  /** The text a chunk adds. */
  textOf: (chunk: C) => string;
  /** Ends the generation (the caller's signal, or the engine unloading). */
  signal: AbortSignal;
  /** Stops WebLLM's decoding loop. */
  interrupt: () => void;
  fail: (error: unknown) => EngineError;
}

/**
 * Streams one WebLLM generation: a chunk per decoded token, a chunk with the finish reason, then
 * (with `include_usage`) a chunk with usage and speeds. Yields text deltas and exactly one finish.
 * An abort interrupts WebLLM and leaves at the next chunk, which closes WebLLM's stream; usage then
 * counts the chunks seen (WebLLM's own counts come only at the end).
 */
export async function* streamGeneration<C extends StreamChunk>(
  job: StreamJob<C>,
): AsyncGenerator<GenerationEvent> {
  const { signal } = job;
  const interrupt = () => job.interrupt();
  signal.addEventListener('abort', interrupt, { once: true });
  const started = performance.now();
  let text = '';
  let tokens = 0;
  let reason: FinishReason | undefined;
  let usage: CompletionUsage | undefined;
  try {
    for await (const chunk of await job.open()) {
      if (signal.aborted) break;
      const delta = chunk.choices.length > 0 ? job.textOf(chunk) : '';
      const finish = chunk.choices[0]?.finish_reason;
      if (finish) reason = finishReason(finish);
      if (chunk.usage) usage = chunk.usage;
      if (delta === '') continue;
      tokens++;
      text += delta;
      yield { type: 'token-delta', text: delta };
    }
  } catch (error) {
    if (!signal.aborted) throw job.fail(error);
  } finally {
    signal.removeEventListener('abort', interrupt);
  }
  if (signal.aborted) return yield finish(text, 'abort', countedUsage(tokens, started));
  yield finish(text, reason ?? 'stop', usage ? reportedUsage(usage) : countedUsage(tokens, started));
}

/** The finish of a generation that ended before it started (already aborted, or no tokens allowed). */
export function emptyFinish(reason: FinishReason): GenerationEvent {
  return finish('', reason, countedUsage(0, performance.now()));
}

function finishReason(reason: ChatCompletionFinishReason): FinishReason {
  return reason === 'length' || reason === 'abort' ? reason : 'stop';
}

/**
 * Usage from WebLLM's final chunk. Its `prompt_tokens` are the tokens it prefilled (in a chat
 * that continues the model's last turn, only the new ones); it reports no count of reused tokens.
 */
function reportedUsage(usage: CompletionUsage): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    reusedPromptTokens: 0,
    completionTokens: usage.completion_tokens,
    prefillTokensPerSecond: finite(usage.extra?.prefill_tokens_per_s),
    decodeTokensPerSecond: finite(usage.extra?.decode_tokens_per_s),
  };
}

function countedUsage(tokens: number, started: number): Usage {
  const seconds = (performance.now() - started) / 1000;
  return {
    promptTokens: 0,
    reusedPromptTokens: 0,
    completionTokens: tokens,
    prefillTokensPerSecond: 0,
    decodeTokensPerSecond: tokens > 0 && seconds > 0 ? finite(tokens / seconds) : 0,
  };
}

function finish(text: string, reason: FinishReason, usage: Usage): GenerationEvent {
  return { type: 'finish', text, reason, usage };
}

function finite(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : 0;
}
