import { argumentScore } from './metrics.ts';
import { rougeLF } from './rouge.ts';
import type { EvalStep, Prediction } from './steps.ts';

/** How one predicted step compares with its reference, worst first. */
export type StepVerdict =
  | { kind: 'failed'; reason: string }
  | { kind: 'wrong-plan' }
  | { kind: 'hallucinated' }
  | { kind: 'wrong-action' }
  | { kind: 'arguments'; f1: number }
  | { kind: 'answer'; rougeL: number }
  | { kind: 'right' };

/** Words for each verdict, as the eval page shows them. */
export const VERDICT_TEXT: Record<StepVerdict['kind'], string> = {
  failed: 'could not run',
  'wrong-plan': 'wrong plan',
  hallucinated: 'unknown API',
  'wrong-action': 'wrong API',
  arguments: 'arguments differ',
  answer: 'answer',
  right: 'right',
};

/**
 * The verdict on one step, by the rules of the metrics (SPEC §6): the plan first, then the action
 * (an unknown name is a hallucination), then the arguments' F1; a finish step is judged by R-L.
 */
export function stepVerdict(step: EvalStep, prediction: Prediction, error?: string): StepVerdict {
  if (error !== undefined) return { kind: 'failed', reason: error };
  const reference = step.reference;
  const action = prediction.plan === 'call' ? (prediction.action ?? 'none') : 'none';
  if (prediction.plan === 'call' && action !== 'none' && !step.toolNames.includes(action))
    return { kind: 'hallucinated' };
  if (prediction.plan !== reference.plan) return { kind: 'wrong-plan' };
  if (reference.plan === 'finish')
    return { kind: 'answer', rougeL: rougeLF(prediction.answer || 'none', reference.answer ?? '') };
  if (reference.plan === 'give up') return { kind: 'right' };
  if (action !== reference.action) return { kind: 'wrong-action' };
  const score = argumentScore(reference.action_input ?? '{}', prediction.action_input ?? '{}');
  if (score === 'skip' || score.score === 1) return { kind: 'right' };
  return { kind: 'arguments', f1: score.score };
}
