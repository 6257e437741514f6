import type { JsonObject } from '../agent/json.ts';
import type { PlanDecision } from '../agent/trajectory.ts';
import { type MetricCounts, type Metrics, scoreStepsWithCounts } from './metrics.ts';
import type { StepOutcome } from './step-runner.ts';
import type { EvalStep, Prediction } from './steps.ts';

/** A predictions.jsonl line: the step's place, its prediction (`umi score` reads these fields) and raw data. */
export function stepRecord(index: number, step: EvalStep, outcome: StepOutcome): JsonObject {
  const pick = (field: 'output' | 'promptTokens' | 'completionTokens' | 'latencyMs') =>
    Object.fromEntries(Object.entries(outcome.generations).map(([role, made]) => [role, made[field]]));
  const record: JsonObject = {
    step: index,
    dialogue: step.dialogueIndex,
    turn: step.turnIndex,
    ...outcome.prediction,
    raw: pick('output'),
    prompt_tokens: pick('promptTokens'),
    completion_tokens: pick('completionTokens'),
    latency_ms: pick('latencyMs'),
  };
  if (outcome.plannerAttempts !== undefined) record.planner_attempts = outcome.plannerAttempts;
  if (outcome.plannerFallback === true) record.planner_fallback = true;
  if (outcome.error !== undefined) record.error = outcome.error;
  return record;
}

/** The prediction fields of a record. */
export function recordPrediction(record: JsonObject): Prediction {
  const prediction: Prediction = { plan: record.plan as PlanDecision };
  for (const field of ['action', 'action_input', 'answer'] as const) {
    const value = record[field];
    if (typeof value === 'string') prediction[field] = value;
  }
  return prediction;
}

/** Milliseconds the models took on a record's step, all roles together. */
export function recordLatency(record: JsonObject): number {
  const latency = record.latency_ms;
  if (typeof latency !== 'object' || latency === null || Array.isArray(latency)) return 0;
  return Object.values(latency).reduce<number>((sum, ms) => sum + (typeof ms === 'number' ? ms : 0), 0);
}

/** What the step pass measured. */
export interface StepResults {
  metrics: Metrics;
  counts: MetricCounts;
  secondsPerStep: number;
  /** Steps that could not run (prompt longer than the context), scored as wrong. */
  failedSteps: number;
}

/** Scores the step records against their steps (SPEC §6) and averages the models' time per step. */
export function stepResults(steps: readonly EvalStep[], records: readonly JsonObject[]): StepResults {
  const { metrics, counts } = scoreStepsWithCounts(steps, records.map(recordPrediction));
  const ms = records.reduce((sum, record) => sum + recordLatency(record), 0);
  const failedSteps = records.filter((record) => typeof record.error === 'string').length;
  return {
    metrics,
    counts,
    secondsPerStep: records.length === 0 ? 0 : ms / 1000 / records.length,
    failedSteps,
  };
}
