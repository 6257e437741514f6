import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { type AgentState, APP_ROLES } from '../state/agent-store.ts';
import { summarizeLoading } from './load-summary.ts';
import { useStore } from './use-store.ts';

/** Megabytes with one decimal. */
function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The role models: load button, per-role progress and status, and what the models can do. */
export function ModelPanel({ agent }: { agent: StoreApi<AgentState> }) {
  const headingId = useId();
  const models = useStore(agent, (state) => state.models);
  const manifest = useStore(agent, (state) => state.manifest);
  const preparing = useStore(agent, (state) => state.preparing);
  const loadStartedAt = useStore(agent, (state) => state.loadStartedAt);
  const ready = APP_ROLES.every((role) => models[role].status === 'ready');
  const summary = summarizeLoading(
    APP_ROLES.map((role) => models[role]),
    loadStartedAt,
    Date.now(),
  );
  const devices = [
    ...new Set(APP_ROLES.map((role) => models[role].device).filter((device) => device !== '')),
  ];
  return (
    <section className="umi-app__panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="umi-app__subtitle">
        Models
      </h2>
      <p className="umi-app__hint">
        {manifest?.notice ??
          'The embedded umi-tiny models (about 4 MB each) run in this page on llama.cpp in WebAssembly. They were trained only on the demo API.'}
      </p>
      <ul className="umi-app__model-list">
        {APP_ROLES.map((role) => {
          const model = models[role];
          const progress = model.progress;
          return (
            <li key={role} className="umi-app__model">
              <span className="umi-app__model-role">{role}</span>
              <span className="umi-app__model-id">{model.id || '—'}</span>
              <progress
                className="umi-app__progress"
                aria-label={`${role} model loading`}
                max={1}
                value={model.status === 'ready' ? 1 : (progress?.fraction ?? 0)}
              />
              <span className="umi-app__model-status" data-status={model.status}>
                {model.status === 'loading' && progress?.totalBytes !== undefined
                  ? `${megabytes(progress.loadedBytes ?? 0)} of ${megabytes(progress.totalBytes)}`
                  : model.status}
              </span>
              {model.error !== '' && (
                <p className="umi-app__error" role="alert">
                  {model.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {preparing && (
        <div className="umi-app__model-total">
          <progress
            className="umi-app__progress"
            aria-label="All models loading"
            max={1}
            value={summary.fraction}
          />
          <span className="umi-app__hint">
            {megabytes(summary.loadedBytes)} of {megabytes(summary.totalBytes)}
            {summary.secondsLeft === undefined ? '' : ` · about ${summary.secondsLeft} s left`}
          </span>
        </div>
      )}
      {devices.length > 0 && (
        <p className="umi-app__hint" aria-label="Engine and device">
          Runs on: {devices.join('; ')}
        </p>
      )}
      {!ready && (
        <button
          type="button"
          className="umi-app__button"
          disabled={preparing}
          onClick={() => void agent.getState().prepare()}
        >
          {preparing ? 'Loading models…' : 'Load models'}
        </button>
      )}
    </section>
  );
}
