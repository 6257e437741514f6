import { EngineError } from '../../agent/errors.ts';
import type { FinishReason, GenerationEvent, Usage } from '../engine.ts';
import type { WireChunk, WireTimings, WireUsage } from './openai-wire.ts';
import { serverSentData } from './server-sent-events.ts';

/** Where a stream comes from and when its request started, for messages and measured speeds. */
export interface StreamContext {
  url: string;
  /** `performance.now()` when the request was sent. */
  started: number;
  signal: AbortSignal | undefined;
}

const perSecond = (count: number, ms: number) => (count > 0 && ms > 0 ? (count * 1000) / ms : 0);

/** Usage from the server's counts and timings where it gave them, measured here where not. */
function usageOf(
  usage: WireUsage | undefined,
  timings: WireTimings | undefined,
  deltas: number,
  times: { started: number; first: number | undefined; ended: number },
): Usage {
  const promptTokens =
    usage?.prompt_tokens ?? (timings ? (timings.prompt_n ?? 0) + (timings.cache_n ?? 0) : 0);
  const reused = usage?.prompt_tokens_details?.cached_tokens ?? timings?.cache_n ?? 0;
  const completionTokens = usage?.completion_tokens ?? deltas;
  const first = times.first ?? times.ended;
  return {
    promptTokens,
    reusedPromptTokens: Math.min(reused, promptTokens),
    completionTokens,
    prefillTokensPerSecond:
      timings?.prompt_per_second ?? perSecond(promptTokens - reused, first - times.started),
    decodeTokensPerSecond:
      timings?.predicted_per_second ?? perSecond(completionTokens - 1, times.ended - first),
  };
}

function finishReason(reason: string | null | undefined): FinishReason | undefined {
  if (reason === 'length') return 'length';
  if (reason === 'stop' || reason === 'eos' || reason === 'tool_calls') return 'stop';
  return undefined;
}

/**
 * Turns a streamed answer into token deltas and one finish. An abort ends it with reason `abort`
 * and the text so far; a stream that ends (or breaks) before the server said it finished is a
 * dropped connection, reported as such.
 */
export async function* readGeneration(
  body: ReadableStream<Uint8Array>,
  context: StreamContext,
): AsyncGenerator<GenerationEvent> {
  let text = '';
  let deltas = 0;
  let first: number | undefined;
  let reason: FinishReason | undefined;
  let done = false;
  let usage: WireUsage | undefined;
  let timings: WireTimings | undefined;
  const finish = (why: FinishReason): GenerationEvent => ({
    type: 'finish',
    text,
    reason: why,
    usage: usageOf(usage, timings, deltas, { started: context.started, first, ended: performance.now() }),
  });
  try {
    for await (const data of serverSentData(body)) {
      if (data === '[DONE]') {
        done = true;
        break;
      }
      let chunk: WireChunk;
      try {
        chunk = JSON.parse(data) as WireChunk;
      } catch {
        throw new EngineError(
          'generation-failed',
          `${context.url} sent a chunk that is not JSON: ${data.slice(0, 120)}`,
        );
      }
      if (chunk.error)
        throw new EngineError(
          'generation-failed',
          `${context.url} failed mid-stream: ${chunk.error.message ?? 'no reason given'}`,
        );
      for (const choice of chunk.choices ?? []) {
        const piece = choice.text ?? choice.delta?.content ?? '';
        if (piece !== '') {
          first ??= performance.now();
          deltas += 1;
          text += piece;
          yield { type: 'token-delta', text: piece };
        }
        reason = finishReason(choice.finish_reason) ?? reason;
      }
      if (chunk.usage) usage = chunk.usage;
      if (chunk.timings) timings = chunk.timings;
    }
  } catch (error) {
    if (context.signal?.aborted) {
      yield finish('abort');
      return;
    }
    if (error instanceof EngineError) throw error;
    throw dropped(context.url, deltas, error);
  }
  if (context.signal?.aborted && !done && reason === undefined) {
    yield finish('abort');
    return;
  }
  if (reason === undefined && !done) throw dropped(context.url, deltas);
  yield finish(reason ?? 'stop');
}

function dropped(url: string, deltas: number, cause?: unknown): EngineError {
  const why = cause instanceof Error ? ` (${cause.message})` : '';
  return new EngineError(
    'generation-failed',
    `The connection to ${url} dropped after ${deltas} token${deltas === 1 ? '' : 's'}, before the server finished${why}. Retry; if it keeps happening, check the server and any proxy in between.`,
    { deltas },
  );
}
