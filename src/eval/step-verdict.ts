import { scoreStep } from './metrics.ts';
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
 * The verdict on one step, from its contribution to the metrics (SPEC §6): an unknown API first, then
 * the plan, then the action, then the arguments' F1; a finish step is judged by R-L.
 */
export function stepVerdict(step: EvalStep, prediction: Prediction, error?: string): StepVerdict {
  if (error !== undefined) return { kind: 'failed', reason: error };
  const score = scoreStep(step, prediction);
  if (score.hallucinated) return { kind: 'hallucinated' };
  if (!score.planHit) return { kind: 'wrong-plan' };
  if (score.rougeL !== undefined) return { kind: 'answer', rougeL: score.rougeL };
  if (score.call === undefined) return { kind: 'right' };
  const argument = score.call.argument;
  if (argument === undefined) return { kind: 'wrong-action' };
  if (argument === 'skip' || argument.score === 1) return { kind: 'right' };
  return { kind: 'arguments', f1: argument.score };
}
