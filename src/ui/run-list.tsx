import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { SessionState } from '../state/session-store.ts';
import { useStore } from './use-store.ts';

/** Past runs, newest first; picking one shows it in the trajectory viewer. */
export function RunList({ sessions }: { sessions: StoreApi<SessionState> }) {
  const headingId = useId();
  const runs = useStore(sessions, (state) => state.runs);
  const activeId = useStore(sessions, (state) => state.activeId);
  const problem = useStore(sessions, (state) => state.storageProblem);
  if (runs.length === 0 && problem === '') return null;
  return (
    <section className="umi-app__panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="umi-app__subtitle">
        Runs
      </h2>
      {problem !== '' && (
        <p className="umi-app__error" role="alert">
          {problem}
        </p>
      )}
      <ul className="umi-app__run-list">
        {runs.map((run) => (
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
    </section>
  );
}
