import type { LlamaContextSequence, SequenceEvaluateOptions, Token } from 'node-llama-cpp';
import { EngineError } from '../../agent/errors.ts';
import type { FinishReason, GenerationEvent, Sampling, Usage, WarmUsage } from '../engine.ts';
import { GREEDY } from '../engine.ts';
import { sharedPrefix } from '../shared-prefix.ts';
import { StopText } from './stop-text.ts';
import type { TokenTextDecoder } from './token-text.ts';

/** One generation on a loaded sequence; the caller holds the sequence for its whole duration. */
export interface GenerationJob {
  sequence: LlamaContextSequence;
  /** The whole prompt as tokens, BOS included. */
  tokens: Token[];
  decoder: TokenTextDecoder;
  sampling?: Sampling;
  stop: readonly string[];
  trimEnd: boolean;
  /** Most tokens to generate (already bounded by the room left in the context). */
  maxTokens: number;
  grammarEvaluationState?: SequenceEvaluateOptions['grammarEvaluationState'];
  aborted: () => boolean;
  /** Told about every pending evaluation step, so that unloading can wait for it to settle. */
  onStep: (step: Promise<unknown>) => void;
}

/**
 * Runs one completion like llama.cpp's `cache_prompt`: keeps the longest prefix the sequence
 * already evaluated (at least one prompt token is evaluated again, for fresh logits), erases the
 * rest and evaluates only the new suffix, then streams text until EOS, a stop string, maxTokens or
 * an abort.
 */
export async function* runGeneration(job: GenerationJob): AsyncGenerator<GenerationEvent> {
  const { sequence, tokens, decoder } = job;
  const reused = Math.min(sharedPrefix(sequence.contextTokens, tokens), tokens.length - 1);
  const text = new StopText(job.stop, job.trimEnd);
  const timing = { prefill: 0, decode: 0, decodeSteps: 0 };
  let completion = 0;
  let steps = 0;
  const usage = (): Usage => ({
    promptTokens: tokens.length,
    reusedPromptTokens: reused,
    completionTokens: completion,
    prefillTokensPerSecond: rate(tokens.length - reused, timing.prefill),
    decodeTokensPerSecond: rate(timing.decodeSteps, timing.decode),
  });
  const finish = (reason: FinishReason): GenerationEvent => ({
    type: 'finish',
    text: text.text,
    reason,
    usage: usage(),
  });
  if (job.aborted()) return yield finish('abort');
  if (reused < sequence.nextTokenIndex) {
    const erase = sequence.eraseContextTokenRanges([{ start: reused, end: sequence.nextTokenIndex }]);
    job.onStep(erase);
    await erase;
  }
  if (job.maxTokens <= 0) return yield finish('length');

  const iterator = sequence.evaluate(tokens.slice(reused), evaluateOptions(job));
  let reason: FinishReason | undefined;
  try {
    while (reason === undefined) {
      if (job.aborted()) {
        reason = 'abort';
        break;
      }
      const started = performance.now();
      const step = iterator.next();
      job.onStep(step);
      const result = await step.catch((error: unknown) => {
        if (job.aborted()) return undefined;
        const message = error instanceof Error ? error.message : String(error);
        throw new EngineError('generation-failed', `llama.cpp failed while generating: ${message}`);
      });
      const seconds = (performance.now() - started) / 1000;
      if (steps++ === 0) timing.prefill = seconds;
      else {
        timing.decode += seconds;
        timing.decodeSteps++;
      }
      if (result === undefined || job.aborted()) reason = 'abort';
      else if (result.done) reason = 'stop';
      else {
        completion++;
        const { emit, stopped } = text.push(decoder.push(result.value));
        if (emit) yield { type: 'token-delta', text: emit };
        if (stopped) reason = 'stop';
        else if (completion >= job.maxTokens) reason = 'length';
      }
    }
  } finally {
    await iterator.return().catch(() => undefined);
  }
  const rest = text.push(decoder.flush()).emit + text.finish();
  if (rest) yield { type: 'token-delta', text: rest };
  yield finish(reason);
}

/**
 * Evaluates a prompt into the sequence without generating: keeps the prefix it already holds, erases
 * the rest and evaluates only the new tokens, so that the next completion starting with the same
 * tokens reuses them all.
 */
export async function warmSequence(
  job: Pick<GenerationJob, 'sequence' | 'tokens' | 'aborted' | 'onStep'>,
): Promise<WarmUsage> {
  const { sequence, tokens } = job;
  const reused = sharedPrefix(sequence.contextTokens, tokens);
  const usage = { promptTokens: tokens.length, reusedPromptTokens: reused };
  if (job.aborted()) return { ...usage, reusedPromptTokens: 0 };
  if (reused < sequence.nextTokenIndex) {
    const erase = sequence.eraseContextTokenRanges([{ start: reused, end: sequence.nextTokenIndex }]);
    job.onStep(erase);
    await erase;
  }
  if (reused < tokens.length && !job.aborted()) {
    const evaluation = sequence.evaluateWithoutGeneratingNewTokens(tokens.slice(reused));
    job.onStep(evaluation);
    await evaluation.catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      throw new EngineError('generation-failed', `llama.cpp failed while warming a prompt: ${message}`);
    });
  }
  return usage;
}

function evaluateOptions(job: GenerationJob): SequenceEvaluateOptions {
  const { temperature, topP, seed } = job.sampling ?? GREEDY;
  return {
    temperature: Math.max(0, temperature),
    ...(topP === undefined ? {} : { topP }),
    ...(seed === undefined ? {} : { seed }),
    ...(job.grammarEvaluationState ? { grammarEvaluationState: job.grammarEvaluationState } : {}),
  };
}

function rate(count: number, seconds: number): number {
  return count > 0 && seconds > 0 ? count / seconds : 0;
}
