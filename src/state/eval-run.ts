import type { JsonObject } from '../agent/json.ts';
import type { ModelRole } from '../agent/trajectory.ts';
import { recordPrediction, type StepResults, stepResults } from '../eval/step-record.ts';
import { type StepVerdict, stepVerdict } from '../eval/step-verdict.ts';
import type { EvalStep } from '../eval/steps.ts';

/**
 * How the models decode: `free`; `constrained` (the caller's grammar of names and schemas); or
 * `grounded` (that grammar with free values copied from the task and observations, and the
 * summarizer's numbers too: the app's default).
 */
export type Decoding = 'free' | 'constrained' | 'grounded';

/** The test set a run was made on. */
export interface EvalRunDataset {
  id: string;
  label: string;
  /** sha256 of the test file's text (uncompressed). */
  sha256: string;
  /** Dialogues evaluated (the first ones of the file) and the file's total. */
  dialogues: number;
  totalDialogues: number;
}

/** One evaluation in the page: its settings, the steps it covers and a record per step made so far. */
export interface EvalRun {
  id: string;
  dataset: EvalRunDataset;
  mode: 'alpha-umi' | 'backbone';
  /** The model of each role, as its engine names it. */
  models: Partial<Record<ModelRole, string>>;
  decoding: Decoding;
  /** Whether the prompts began with `system: ` (the α-UMi profile's setting). */
  systemPrefix: boolean;
  /** What applied: the caller's grammar needs an engine that compiles grammars. */
  callerConstrained: boolean;
  status: 'running' | 'done' | 'stopped' | 'failed';
  error?: string;
  startedAt: number;
  finishedAt?: number;
  /** Milliseconds the run has spent making steps (for the pace and ETA). */
  elapsedMs: number;
  steps: EvalStep[];
  /** `umi eval`'s predictions.jsonl lines, one per finished step, in step order. */
  records: JsonObject[];
  /** The metrics of the finished steps. */
  results: StepResults;
}

/** A short name for a run: its models and decoding. */
export function runLabel(run: Pick<EvalRun, 'models' | 'decoding' | 'startedAt'>): string {
  const models = [...new Set(Object.values(run.models))].join(' + ');
  const time = new Date(run.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${models} · ${run.decoding} · ${time}`;
}

/** The verdict on each finished step of a run. */
export function runVerdicts(run: Pick<EvalRun, 'steps' | 'records'>): StepVerdict[] {
  return run.records.map((record, index) => {
    const step = run.steps[index] as EvalStep;
    const error = typeof record.error === 'string' ? record.error : undefined;
    return stepVerdict(step, recordPrediction(record), error);
  });
}

/** Scores the finished steps of a run. */
export function scoreRun(steps: readonly EvalStep[], records: readonly JsonObject[]): StepResults {
  return stepResults(steps.slice(0, records.length), records);
}

/** The predictions as `umi score --predictions` reads them: one JSON line per step. */
export function predictionsJsonl(run: Pick<EvalRun, 'records'>): string {
  return run.records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/** The whole run as one JSON document: settings, metrics, and every step with its reference. */
export function runToJson(run: EvalRun): JsonObject {
  const { metrics, counts, secondsPerStep, failedSteps } = run.results;
  return {
    format: 'umi-eval-run',
    version: 1,
    id: run.id,
    dataset: { ...run.dataset },
    mode: run.mode,
    models: { ...run.models },
    decoding: run.decoding,
    caller_constrained: run.callerConstrained,
    sampling: 'greedy',
    status: run.status,
    ...(run.error === undefined ? {} : { error: run.error }),
    started_at: new Date(run.startedAt).toISOString(),
    ...(run.finishedAt === undefined ? {} : { finished_at: new Date(run.finishedAt).toISOString() }),
    steps_planned: run.steps.length,
    metrics: { ...metrics },
    counts: { ...counts },
    seconds_per_step: secondsPerStep,
    failed_steps: failedSteps,
    predictions: run.records.map((record, index) => ({
      ...record,
      reference: { ...(run.steps[index] as EvalStep).reference },
    })),
  };
}
