import { type ChangeEvent, useId, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { parseRunFile, runToFile, trajectoryToDialogue, trajectoryToSamples } from '../state/run-export.ts';
import type { RunRecord } from '../state/run-record.ts';
import type { SessionState } from '../state/session-store.ts';
import { downloadJson } from './download.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

/** A file name from a run's title: lower case words joined by dashes, at most 40 characters. */
function fileStem(run: RunRecord): string {
  const words = run.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return (words || 'run').slice(0, 40);
}

/** Runs listed before "Show all": a long history costs neither nodes nor listeners. */
const SHOWN_RUNS = 20;

/** Past runs, newest first: pick one to view it, export it three ways, delete it, or import a run file. */
export function RunList({ sessions }: { sessions: StoreApi<SessionState> }) {
  const headingId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const [importProblem, setImportProblem] = useState('');
  const [showAll, setShowAll] = useState(false);
  const runs = useStore(sessions, (state) => state.runs);
  const activeId = useStore(sessions, (state) => state.activeId);
  const problem = useStore(sessions, (state) => state.storageProblem);
  const active = runs.find((run) => run.id === activeId);
  const download = (suffix: string, data: unknown) => {
    if (active !== undefined && rootRef.current !== null) {
      downloadJson(`${fileStem(active)}${suffix}.json`, data, rootRef.current);
    }
  };
  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    const parsed = parseRunFile(await file.text());
    if ('problem' in parsed) {
      setImportProblem(`${file.name}: ${parsed.problem}`);
      return;
    }
    setImportProblem('');
    sessions.getState().importRun(parsed.run);
  };
  return (
    <section ref={rootRef} className="umi-app__panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="umi-app__subtitle">
        Runs
      </h2>
      <ProblemText text={problem} />
      <ul className="umi-app__run-list">
        {(showAll ? runs : runs.slice(0, SHOWN_RUNS)).map((run) => (
          <li key={run.id}>
            <button
              type="button"
              className="umi-app__run-button"
              aria-current={run.id === activeId ? 'true' : undefined}
              onClick={() => sessions.getState().select(run.id)}
            >
              {run.title} <span className="umi-app__tag">{run.trajectory.status}</span>
            </button>
          </li>
        ))}
      </ul>
      {runs.length > SHOWN_RUNS && (
        <button
          type="button"
          className="umi-app__button umi-app__button--small"
          onClick={() => setShowAll(!showAll)}
        >
          {showAll ? `Show the ${SHOWN_RUNS} newest runs` : `Show all ${runs.length} runs`}
        </button>
      )}
      {active !== undefined && (
        <fieldset
          className="umi-app__actions umi-app__fieldset"
          aria-label="Selected run"
          // A run read back from storage is exported once whole.
          disabled={active.partial === true}
        >
          <button type="button" className="umi-app__button" onClick={() => download('', runToFile(active))}>
            Export JSON
          </button>
          <button
            type="button"
            className="umi-app__button"
            onClick={() => download('.toolbench', [trajectoryToDialogue(active.trajectory)])}
          >
            Export ToolBench dialogue
          </button>
          <button
            type="button"
            className="umi-app__button"
            onClick={() => download('.alpha-umi-samples', trajectoryToSamples(active.trajectory))}
          >
            Export α-UMi samples
          </button>
          <button
            type="button"
            className="umi-app__button"
            onClick={() => sessions.getState().remove(active.id)}
          >
            Delete
          </button>
        </fieldset>
      )}
      <label className="umi-app__label">
        Import a run (JSON from Export JSON)
        <input type="file" accept="application/json,.json" onChange={(event) => void importFile(event)} />
      </label>
      <ProblemText text={importProblem} />
    </section>
  );
}
