import { useId, useMemo, useRef } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { type EvalRun, predictionsJsonl, runLabel, runToJson, runVerdicts } from '../../state/eval-run.ts';
import type { EvalState } from '../../state/eval-store.ts';
import { downloadJson, downloadText } from '../download.ts';
import { ProblemText } from '../problem-text.tsx';
import { useStore } from '../use-store.ts';
import { MetricBars } from './metric-bars.tsx';
import { StepOutcomes } from './step-outcomes.tsx';
import { StepTable } from './step-table.tsx';
import { StepViewer } from './step-viewer.tsx';

const STATUS_TEXT: Record<EvalRun['status'], string> = {
  running: 'running',
  done: 'done',
  stopped: 'stopped (the metrics cover the steps finished)',
  failed: 'failed',
};

/** The stored runs: the one shown (metrics, outcomes, steps), another beside it, exports, and deleting a run. */
export function EvalResults({ evaluation }: { evaluation: StoreApi<EvalState> }) {
  const id = useId();
  const runs = useStore(evaluation, (state) => state.runs);
  const runningId = useStore(evaluation, (state) => state.runningId);
  const activeRunId = useStore(evaluation, (state) => state.activeRunId);
  const compareRunId = useStore(evaluation, (state) => state.compareRunId);
  const run = runs.find((item) => item.id === activeRunId);
  const other = runs.find((item) => item.id === compareRunId);
  if (runs.length === 0) return null;

  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="umi-app__subtitle">
        Results
      </h2>
      <div className="umi-app__row">
        <label className="umi-app__label" htmlFor={`${id}-run`}>
          Run shown
        </label>
        <select
          id={`${id}-run`}
          className="umi-app__select"
          value={run?.id ?? ''}
          onChange={(event) => evaluation.getState().selectRun(event.target.value)}
        >
          {run === undefined && (
            <option value="" disabled>
              Choose a run…
            </option>
          )}
          {runs.map((item) => (
            <option key={item.id} value={item.id}>
              {runLabel(item)} · {item.dataset.label}
            </option>
          ))}
        </select>
        {run !== undefined && (
          <button
            type="button"
            className="umi-app__button"
            disabled={run.id === runningId}
            title={run.id === runningId ? 'Stop the evaluation first' : undefined}
            onClick={() => evaluation.getState().deleteRun(run.id)}
          >
            Delete this run
          </button>
        )}
      </div>
      {run !== undefined && <RunShown evaluation={evaluation} run={run} other={other} />}
    </section>
  );
}

/** The run shown: beside which other run, its settings and status, metrics, outcomes, exports and steps. */
function RunShown({
  evaluation,
  run,
  other,
}: {
  evaluation: StoreApi<EvalState>;
  run: EvalRun;
  other: EvalRun | undefined;
}) {
  const id = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const runs = useStore(evaluation, (state) => state.runs);
  const openStep = useStore(evaluation, (state) => state.openStep);
  const verdicts = useMemo(() => runVerdicts(run), [run]);
  const stem = `umi-eval-${run.dataset.id.replace(/[^a-z0-9-]+/gi, '-')}-${run.id.slice(0, 8)}`;
  const open = (index: number) => evaluation.getState().openStepAt(index);
  const openVerdict = openStep === undefined ? undefined : verdicts[openStep];

  return (
    <div ref={rootRef}>
      <div className="umi-app__row">
        <label className="umi-app__label" htmlFor={`${id}-compare`}>
          Beside it
        </label>
        <select
          id={`${id}-compare`}
          className="umi-app__select"
          value={other?.id ?? ''}
          onChange={(event) => evaluation.getState().compareWith(event.target.value || undefined)}
        >
          <option value="">No other run</option>
          {runs
            .filter((item) => item.id !== run.id)
            .map((item) => (
              <option key={item.id} value={item.id}>
                {runLabel(item)} · {item.dataset.label}
              </option>
            ))}
        </select>
      </div>
      <p className="umi-app__run-status" data-status={run.status}>
        {run.dataset.label}, first {run.dataset.dialogues} of {run.dataset.totalDialogues} dialogues ·{' '}
        {run.mode} · decoding {run.decoding}
        {run.decoding !== 'free' && !run.callerConstrained
          ? ' (the caller’s engine has no grammars: free)'
          : ''}{' '}
        · greedy · {STATUS_TEXT[run.status]}
        {run.results.failedSteps > 0
          ? ` · ${run.results.failedSteps} steps too long for the context, scored wrong`
          : ''}
      </p>
      <ProblemText text={run.error} />
      <MetricBars run={run} other={other} />
      <StepOutcomes verdicts={verdicts} total={run.steps.length} onOpen={open} />
      <div className="umi-app__actions">
        <button
          type="button"
          className="umi-app__button"
          disabled={run.records.length === 0}
          onClick={() => rootRef.current && downloadJson(`${stem}.json`, runToJson(run), rootRef.current)}
        >
          Export results (JSON)
        </button>
        <button
          type="button"
          className="umi-app__button"
          disabled={run.records.length === 0}
          onClick={() =>
            rootRef.current &&
            downloadText(
              `${stem}.predictions.jsonl`,
              predictionsJsonl(run),
              'application/x-ndjson',
              rootRef.current,
            )
          }
        >
          Export predictions (for umi score)
        </button>
      </div>
      {openStep !== undefined && openVerdict !== undefined && (
        <StepViewer
          run={run}
          index={openStep}
          verdict={openVerdict}
          onClose={() => evaluation.getState().openStepAt(undefined)}
        />
      )}
      <StepTable run={run} verdicts={verdicts} onOpen={open} />
    </div>
  );
}
