import { type ChangeEvent, useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { formatDuration } from '../../eval/format-duration.ts';
import type { AgentState } from '../../state/agent-state.ts';
import type { Decoding } from '../../state/eval-run.ts';
import type { EvalState } from '../../state/eval-store.ts';
import { ProblemText } from '../problem-text.tsx';
import { useStore } from '../use-store.ts';

const DECODINGS: ReadonlyArray<readonly [Decoding, string]> = [
  [
    'grounded',
    'Grounded: the caller grammar, values copied from the task and observations (the app’s default)',
  ],
  ['constrained', 'Constrained: the caller writes only offered names and schema-valid arguments'],
  ['free', 'Free: the models write whatever they like (as in the paper)'],
];

/** The test set (a listed one or an uploaded file), how many dialogues, the decoding, and start/stop. */
export function EvalSetup({
  evaluation,
  agent,
}: {
  evaluation: StoreApi<EvalState>;
  agent: StoreApi<AgentState>;
}) {
  const id = useId();
  const datasets = useStore(evaluation, (state) => state.datasets);
  const dataset = useStore(evaluation, (state) => state.dataset);
  const loading = useStore(evaluation, (state) => state.loadingDataset);
  const limit = useStore(evaluation, (state) => state.limit);
  const decoding = useStore(evaluation, (state) => state.decoding);
  const runningId = useStore(evaluation, (state) => state.runningId);
  const problem = useStore(evaluation, (state) => state.problem);
  const preparing = useStore(agent, (state) => state.preparing);
  const running = runningId !== undefined;
  const chosen = datasets.find((entry) => entry.id === dataset?.id);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file !== undefined)
      await evaluation.getState().uploadDataset(file.name, new Uint8Array(await file.arrayBuffer()));
  };

  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="umi-app__subtitle">
        Evaluate the models
      </h2>
      <p className="umi-app__hint">
        Each step of the test set is run teacher-forced on its reference history, greedily, and scored with
        the paper’s step metrics (Plan ACC, Act. EM, Hallu., Arg F1, R-L), exactly as{' '}
        <code>npm run --silent umi -- eval</code> and <code>umi score</code> do. The models are the ones
        chosen in the model panels.
      </p>
      <div className="umi-app__row">
        <label className="umi-app__label" htmlFor={`${id}-dataset`}>
          Test set
        </label>
        <select
          id={`${id}-dataset`}
          className="umi-app__select"
          value={chosen?.id ?? ''}
          disabled={running || loading}
          onChange={(event) => void evaluation.getState().chooseDataset(event.target.value)}
        >
          <option value="" disabled>
            {dataset !== undefined && chosen === undefined ? dataset.label : 'Choose a test set…'}
          </option>
          {datasets.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      {chosen !== undefined && (
        <p className="umi-app__hint">
          {chosen.description} Source: {chosen.source}.
        </p>
      )}
      <div className="umi-app__row">
        <label className="umi-app__label" htmlFor={`${id}-upload`}>
          Or upload a ToolBench-format file (.json or .json.gz)
        </label>
        <input
          id={`${id}-upload`}
          type="file"
          accept=".json,.gz,application/json,application/gzip"
          disabled={running || loading}
          onChange={(event) => void upload(event)}
        />
      </div>
      {loading && (
        <p className="umi-app__status" role="status">
          Reading the test set…
        </p>
      )}
      {dataset !== undefined && !loading && (
        <p className="umi-app__status" role="status">
          Loaded: {dataset.label} · {dataset.dialogues.length} dialogues
        </p>
      )}
      <div className="umi-app__row">
        <label className="umi-app__label" htmlFor={`${id}-limit`}>
          Dialogues to evaluate (0: all)
        </label>
        <input
          id={`${id}-limit`}
          className="umi-app__input umi-eval__limit"
          type="number"
          min={0}
          step={1}
          value={limit}
          disabled={running}
          onChange={(event) => evaluation.getState().setLimit(Number(event.target.value))}
        />
      </div>
      <div className="umi-app__row">
        <label className="umi-app__label" htmlFor={`${id}-decoding`}>
          Decoding
        </label>
        <select
          id={`${id}-decoding`}
          className="umi-app__select"
          value={decoding}
          disabled={running}
          onChange={(event) => evaluation.getState().setDecoding(event.target.value as Decoding)}
        >
          {DECODINGS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="umi-app__actions">
        <button
          type="button"
          className="umi-app__button"
          disabled={running || loading || dataset === undefined}
          onClick={() => void evaluation.getState().start()}
        >
          Start evaluation
        </button>
        <button
          type="button"
          className="umi-app__button"
          disabled={!running}
          onClick={() => evaluation.getState().stop()}
        >
          Stop
        </button>
      </div>
      {running && preparing && (
        <p className="umi-app__status" role="status">
          Loading the models first (see the model panel)…
        </p>
      )}
      <EvalProgress evaluation={evaluation} />
      <ProblemText text={problem} />
    </section>
  );
}

/** The run in progress: steps done of all, the pace and the time left. */
function EvalProgress({ evaluation }: { evaluation: StoreApi<EvalState> }) {
  const run = useStore(evaluation, (state) => state.runs.find((item) => item.id === state.runningId));
  if (run === undefined) return null;
  const done = run.records.length;
  const total = run.steps.length;
  const perStep = done === 0 ? undefined : run.elapsedMs / 1000 / done;
  return (
    <div className="umi-eval__progress">
      <progress className="umi-app__progress" aria-label="Evaluation progress" max={total} value={done} />
      <p className="umi-app__status" role="status" aria-label="Evaluation status">
        {done} of {total} steps
        {perStep === undefined
          ? ' · measuring the pace…'
          : ` · ${perStep.toFixed(2)} s per step · about ${formatDuration(perStep * (total - done))} left`}
      </p>
    </div>
  );
}
