import type { RawCompletionChunk } from '@wllama/wllama/esm/index.js';
import type { FinishReason, GenerationEvent, Usage } from '../engine.ts';
import { ChunkQueue } from './chunk-queue.ts';
import type { LogTail } from './log-tail.ts';
import { type FailureContext, generationError, isAbortError, isCrashError } from './wllama-errors.ts';
import type { CompletionParams, WllamaLike } from './wllama-runtime.ts';

/** One generation on a loaded instance. */
export interface CompletionJob {
  wllama: WllamaLike;
  params: Omit<CompletionParams, 'onData' | 'stream' | 'abortSignal'>;
  /** Ends the generation (the caller's signal, or the engine unloading). */
  signal: AbortSignal;
  log: LogTail;
  failure: Omit<FailureContext, 'log'>;
  /** Told about the wllama request, which settles once wllama has released it (unloading waits for that). */
  track?: (settled: Promise<void>) => void;
  /**
   * Called when the instance is unusable: wllama crashed, or it did not release a cancelled request
   * within `releaseMs` (its worker is gone: nothing would ever answer).
   */
  lost?: () => void;
  /** How long a cancelled request may take to be released; default RELEASE_MS. */
  releaseMs?: number;
}

/** A cancelled request is released within one llama.cpp step; far longer means the worker is gone. */
export const RELEASE_MS = 10_000;

/** What the stream learnt so far, to build usage even when the generation is aborted. */
interface Tally {
  promptTokens: number;
  reused: number;
  prefillPerSecond: number;
  tokens: number;
  firstTokenAt: number;
}

/**
 * Streams one raw completion from wllama's llama-server: a prompt-progress chunk first (prompt and
 * cached token counts), then one chunk per generated token, then a final chunk with usage and
 * timings. Yields text deltas and exactly one finish; an abort (or the consumer leaving early)
 * cancels the request and waits until wllama has released it. Completion tokens include the
 * end-of-sequence token, as llama-server counts them (node-llama-cpp does not: one fewer).
 */
export async function* streamCompletion(job: CompletionJob): AsyncGenerator<GenerationEvent> {
  const queue = new ChunkQueue<RawCompletionChunk>();
  const cancel = new AbortController();
  // Ends the iteration at once too: a worker that is gone would never send the chunk that ends it.
  const stop = () => {
    cancel.abort();
    queue.close();
  };
  job.signal.addEventListener('abort', stop, { once: true });
  job.log.clear();
  const settled = job.wllama
    .createCompletion({
      ...job.params,
      stream: true,
      return_progress: true,
      abortSignal: cancel.signal,
      onData: (chunk) => queue.push(chunk),
    })
    .then(
      () => queue.close(),
      (error: unknown) => queue.fail(error),
    );
  job.track?.(settled);
  const tally: Tally = { promptTokens: 0, reused: 0, prefillPerSecond: 0, tokens: 0, firstTokenAt: 0 };
  let text = '';
  let final: RawCompletionChunk | undefined;
  let reason: FinishReason | undefined;
  try {
    for await (const chunk of queue) {
      if (job.signal.aborted) break;
      const choice = chunk.choices[0];
      if (chunk.prompt_progress) notePrompt(tally, chunk.prompt_progress);
      else if (choice?.finish_reason) {
        final = chunk;
        reason = choice.finish_reason === 'length' ? 'length' : 'stop';
      } else if (tally.tokens++ === 0) tally.firstTokenAt = performance.now();
      if (choice?.text) {
        text += choice.text;
        yield { type: 'token-delta', text: choice.text };
      }
    }
  } catch (error) {
    if (!isAbortError(error) || !job.signal.aborted) {
      const failure = generationError(error, { ...job.failure, log: job.log.errors() });
      if (isCrashError(failure)) job.lost?.();
      throw failure;
    }
  } finally {
    job.signal.removeEventListener('abort', stop);
    cancel.abort();
    if (!(await settlesWithin(settled, job.releaseMs ?? RELEASE_MS))) job.lost?.();
  }
  if (job.signal.aborted) return yield finish(text, 'abort', countedUsage(tally));
  // A request that ended without its final chunk still ended by itself: report what was counted.
  yield finish(text, reason ?? 'stop', final ? finalUsage(final, tally) : countedUsage(tally));
}

/** True when the promise settles within `ms`. */
export async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

function notePrompt(tally: Tally, progress: NonNullable<RawCompletionChunk['prompt_progress']>): void {
  tally.promptTokens = progress.total;
  tally.reused = progress.cache;
  if (progress.time_ms > 0) tally.prefillPerSecond = (progress.processed * 1000) / progress.time_ms;
}

function finalUsage(chunk: RawCompletionChunk, tally: Tally): Usage {
  const { usage, timings } = chunk;
  return {
    promptTokens: usage?.prompt_tokens ?? tally.promptTokens,
    reusedPromptTokens: timings?.cache_n ?? usage?.prompt_tokens_details?.cached_tokens ?? tally.reused,
    completionTokens: usage?.completion_tokens ?? tally.tokens,
    prefillTokensPerSecond: finite(timings?.prompt_per_second ?? tally.prefillPerSecond),
    decodeTokensPerSecond: finite(timings?.predicted_per_second ?? 0),
  };
}

function countedUsage(tally: Tally): Usage {
  const seconds = tally.tokens > 1 ? (performance.now() - tally.firstTokenAt) / 1000 : 0;
  return {
    promptTokens: tally.promptTokens,
    reusedPromptTokens: tally.reused,
    completionTokens: tally.tokens,
    prefillTokensPerSecond: finite(tally.prefillPerSecond),
    decodeTokensPerSecond: seconds > 0 ? finite((tally.tokens - 1) / seconds) : 0,
  };
}

function finish(text: string, reason: FinishReason, usage: Usage): GenerationEvent {
  return { type: 'finish', text, reason, usage };
}

function finite(value: number): number {
  return Number.isFinite(value) && value >= 0 ? value : 0;
}
