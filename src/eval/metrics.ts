import { UserError } from '../agent/errors.ts';
import { isJsonObject } from '../agent/json.ts';
import { parsePythonJson } from '../agent/python-json-parse.ts';
import { pythonEquals } from './python-equality.ts';
import { rougeLF } from './rouge.ts';
import type { EvalStep, Prediction } from './steps.ts';

/** Step-level metrics of SPEC §6, each ×100 and unrounded; `steps` is the number of steps scored. */
export interface Metrics {
  plan_acc: number;
  action_em: number;
  hallu: number;
  arg_f1: number;
  arg_f1_easy: number;
  arg_f1_hard: number;
  rouge_l: number;
  steps: number;
}

/** How many steps each metric is a mean over (Hallu. and Plan ACC: all steps). */
export type MetricCounts = Record<Exclude<keyof Metrics, 'steps'>, number>;

/** One step's argument score and which lists it joins: easy (reference `{}`) or hard; `skip` joins none. */
export type ArgumentScore = { score: number; kind: 'easy' | 'hard' } | 'skip';

/** The reference adds 1e-30 to each Arg F1 mean (not to the others). */
const F1_EPSILON = 1e-30;

/** Arg F1 of one reference call step whose predicted action equals the reference action (SPEC §6). */
export function argumentScore(referenceInput: string, predictedInput: string): ArgumentScore {
  const reference = parsePythonJson(referenceInput);
  if (!reference.ok) return 'skip';
  const referenceValue = reference.value;
  const easy = isJsonObject(referenceValue) && Object.keys(referenceValue).length === 0;
  const kind = easy ? 'easy' : 'hard';
  const prediction = parsePythonJson(predictedInput);
  if (!prediction.ok || !isJsonObject(referenceValue)) return { score: 0, kind };
  const predicted = prediction.value;
  if (easy) return { score: isJsonObject(predicted) && Object.keys(predicted).length === 0 ? 1 : 0, kind };
  if (!isJsonObject(predicted)) return { score: 0, kind };
  let matched = 0;
  const referenceKeys = Object.keys(referenceValue);
  for (const key of referenceKeys) {
    if (!Object.hasOwn(predicted, key)) continue;
    matched += pythonEquals(predicted[key] ?? null, referenceValue[key] ?? null) ? 1 : 0.5;
  }
  const recall = matched / referenceKeys.length;
  const predictedKeys = Object.keys(predicted).length;
  // Python divides by len + 1e-30, so an empty prediction has precision 0, not 0/0.
  const precision = predictedKeys === 0 ? 0 : matched / predictedKeys;
  if (recall + precision === 0) return { score: 0, kind };
  return { score: (2 * recall * precision) / (recall + precision), kind };
}

/** Sum over count in file order (a plain left fold, as the reference's Python), 0 for an empty list. */
function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}

/** What one step adds to the metrics (SPEC §6); the eval page's per-step verdicts read it too. */
export interface StepScore {
  /** A call naming an API the step did not offer. */
  hallucinated: boolean;
  planHit: boolean;
  /** Reference call steps: whether the action matched, and then the arguments' score. */
  call?: { actionHit: boolean; argument?: ArgumentScore };
  /** Reference finish steps: ROUGE-L F of the answer ("none" when the prediction did not finish). */
  rougeL?: number;
}

/** Scores one prediction against its step, as the reference parses predictions. */
export function scoreStep(step: EvalStep, predicted: Prediction): StepScore {
  const reference = step.reference;
  const isCall = predicted.plan === 'call';
  // Only a call has an action ("none" if absent) and input ("{}").
  const action = isCall ? (predicted.action ?? 'none') : 'none';
  const score: StepScore = {
    hallucinated: isCall && action !== 'none' && !step.toolNames.includes(action),
    planHit: predicted.plan === reference.plan,
  };
  if (reference.plan === 'finish') {
    const answer = predicted.plan === 'finish' && predicted.answer ? predicted.answer : 'none';
    score.rougeL = rougeLF(answer, reference.answer ?? '');
  } else if (reference.plan === 'call') {
    score.call =
      action === reference.action
        ? {
            actionHit: true,
            argument: argumentScore(reference.action_input ?? '{}', predicted.action_input ?? '{}'),
          }
        : { actionHit: false };
  }
  return score;
}

/** Scores predictions against the steps they answer, in the same order (SPEC §6). */
export function scoreSteps(steps: readonly EvalStep[], predictions: readonly Prediction[]): Metrics {
  return scoreStepsWithCounts(steps, predictions).metrics;
}

/** scoreSteps, plus the number of steps behind each metric. */
export function scoreStepsWithCounts(
  steps: readonly EvalStep[],
  predictions: readonly Prediction[],
): { metrics: Metrics; counts: MetricCounts } {
  if (steps.length !== predictions.length) {
    throw new UserError(
      `${predictions.length} predictions for ${steps.length} steps: give exactly one per step.`,
    );
  }
  const planHits: number[] = [];
  const actionHits: number[] = [];
  const f1: number[] = [];
  const easy: number[] = [];
  const hard: number[] = [];
  const rouge: number[] = [];
  let hallucinated = 0;
  steps.forEach((step, index) => {
    const score = scoreStep(step, predictions[index] as Prediction);
    if (score.hallucinated) hallucinated++;
    planHits.push(score.planHit ? 1 : 0);
    if (score.rougeL !== undefined) rouge.push(score.rougeL);
    if (score.call === undefined) return;
    actionHits.push(score.call.actionHit ? 1 : 0);
    const argument = score.call.argument;
    if (argument === undefined) {
      // A wrong action counts 0 in Arg F1 and in both easy and hard, as the reference appends to all three.
      f1.push(0);
      easy.push(0);
      hard.push(0);
      return;
    }
    if (argument === 'skip') return;
    f1.push(argument.score);
    (argument.kind === 'easy' ? easy : hard).push(argument.score);
  });
  // An empty list gives a mean of 0 (Arg F1: 0 + 1e-30), where the reference script would divide by zero.
  const metrics: Metrics = {
    plan_acc: mean(planHits) * 100,
    action_em: mean(actionHits) * 100,
    hallu: steps.length === 0 ? 0 : (hallucinated / steps.length) * 100,
    arg_f1: (mean(f1) + F1_EPSILON) * 100,
    arg_f1_easy: (mean(easy) + F1_EPSILON) * 100,
    arg_f1_hard: (mean(hard) + F1_EPSILON) * 100,
    rouge_l: mean(rouge) * 100,
    steps: steps.length,
  };
  const counts: MetricCounts = {
    plan_acc: steps.length,
    action_em: actionHits.length,
    hallu: steps.length,
    arg_f1: f1.length,
    arg_f1_easy: easy.length,
    arg_f1_hard: hard.length,
    rouge_l: rouge.length,
  };
  return { metrics, counts };
}
