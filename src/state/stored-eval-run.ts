import type { EvalStep } from '../eval/steps.ts';
import { type EvalRun, scoreRun } from './eval-run.ts';

const STATUSES: ReadonlySet<unknown> = new Set(['running', 'done', 'stopped', 'failed']);
const MODES: ReadonlySet<unknown> = new Set(['alpha-umi', 'backbone']);
const DECODINGS: ReadonlySet<unknown> = new Set(['free', 'constrained', 'grounded']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isDataset(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string' &&
    typeof value.sha256 === 'string' &&
    isNumber(value.dialogues) &&
    isNumber(value.totalDialogues)
  );
}

function isStep(value: unknown): value is EvalStep {
  return (
    isObject(value) &&
    isNumber(value.dialogueIndex) &&
    isNumber(value.turnIndex) &&
    typeof value.instruction === 'string' &&
    typeof value.thought === 'string' &&
    Array.isArray(value.tools) &&
    Array.isArray(value.toolNames) &&
    Array.isArray(value.history) &&
    isObject(value.reference) &&
    typeof value.reference.plan === 'string'
  );
}

function isResults(value: unknown): boolean {
  return (
    isObject(value) &&
    isObject(value.metrics) &&
    isObject(value.counts) &&
    isNumber(value.secondsPerStep) &&
    isNumber(value.failedSteps)
  );
}

/** True for a value shaped like a whole eval run (settings, steps, one record per finished step, metrics). */
export function isEvalRun(value: unknown): value is EvalRun {
  if (!isObject(value)) return false;
  const { steps, records } = value;
  return (
    typeof value.id === 'string' &&
    isDataset(value.dataset) &&
    MODES.has(value.mode) &&
    isObject(value.models) &&
    DECODINGS.has(value.decoding) &&
    typeof value.systemPrefix === 'boolean' &&
    typeof value.callerConstrained === 'boolean' &&
    STATUSES.has(value.status) &&
    (value.error === undefined || typeof value.error === 'string') &&
    isNumber(value.startedAt) &&
    (value.finishedAt === undefined || isNumber(value.finishedAt)) &&
    isNumber(value.elapsedMs) &&
    Array.isArray(steps) &&
    steps.every(isStep) &&
    Array.isArray(records) &&
    records.length <= steps.length &&
    records.every(isObject) &&
    isResults(value.results)
  );
}

/**
 * A run stored while it was `running` (the page closed or reloaded meanwhile) as `stopped`, with its
 * finished steps, their metrics scored again (a run's stored metrics may lag its records) and why.
 */
export function stopIfInterrupted(run: EvalRun): EvalRun {
  if (run.status !== 'running') return run;
  return {
    ...run,
    status: 'stopped',
    error: `Interrupted by a page reload after ${run.records.length} of ${run.steps.length} steps; the finished steps and their metrics are kept. Start the evaluation again to cover every step.`,
    results: scoreRun(run.steps, run.records),
  };
}
