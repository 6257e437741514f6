import { useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { type AgentState, activeSlots } from '../state/agent-state.ts';
import type { CacheState } from '../state/cache-store.ts';
import { summarizeLoading } from './load-summary.ts';
import { ModelCacheList } from './model-cache-list.tsx';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

/** Megabytes with one decimal. */
function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The models: a preset, a model per role, loading with progress, where they run, and what they can do. */
export function ModelPanel({ agent, cache }: { agent: StoreApi<AgentState>; cache: StoreApi<CacheState> }) {
  const id = useId();
  const models = useStore(agent, (state) => state.models);
  const manifest = useStore(agent, (state) => state.manifest);
  const presets = useStore(agent, (state) => state.presets);
  const presetId = useStore(agent, (state) => state.presetId);
  const preparing = useStore(agent, (state) => state.preparing);
  const running = useStore(agent, (state) => state.running);
  const loadStartedAt = useStore(agent, (state) => state.loadStartedAt);
  const external = useStore(agent, (state) => state.external);
  const slots = activeSlots({ presets, presetId });
  const ready = slots.every((slot) => models[slot].status === 'ready');
  const summary = summarizeLoading(
    slots.map((slot) => models[slot]),
    loadStartedAt,
    Date.now(),
  );
  const devices = [...new Set(slots.map((slot) => models[slot].device).filter((device) => device !== ''))];
  const preset = presets.find((item) => item.id === presetId);
  const locked = preparing || running;
  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="umi-app__subtitle">
        Models
      </h2>
      <p className="umi-app__hint">
        {manifest?.notice ??
          'The embedded umi-tiny models (about 4 MB each) run in this page on llama.cpp in WebAssembly. They were trained only on the demo API.'}{' '}
        How: README, “Models for your own APIs” (larger models, the released α-UMi ones included, run on the
        GPU through WebLLM: the GPU presets; other GGUFs go in models/).
      </p>
      {presets.length > 1 && (
        <div className="umi-app__row">
          <label className="umi-app__label" htmlFor={`${id}-preset`}>
            Preset
          </label>
          <select
            id={`${id}-preset`}
            className="umi-app__select"
            value={presetId}
            disabled={locked}
            onChange={(event) => void agent.getState().choosePreset(event.target.value)}
          >
            {presets.map((item) => (
              <option key={item.id} value={item.id}>
                {item.label}
              </option>
            ))}
          </select>
          {preset?.description && <p className="umi-app__hint">{preset.description}</p>}
        </div>
      )}
      <ul className="umi-app__model-list">
        {slots.map((slot) => {
          const model = models[slot];
          const progress = model.progress;
          return (
            <li key={slot} className="umi-app__model">
              <span className="umi-app__model-role">{slot}</span>
              {manifest === undefined ? (
                <span className="umi-app__model-id">{model.id || '—'}</span>
              ) : (
                <select
                  className="umi-app__select umi-app__model-id"
                  aria-label={`${slot} model`}
                  value={model.id}
                  disabled={locked}
                  onChange={(event) => void agent.getState().setSlotModel(slot, event.target.value)}
                >
                  {manifest.models.map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {entry.id} ({megabytes(entry.bytes)})
                    </option>
                  ))}
                </select>
              )}
              <progress
                className="umi-app__progress"
                aria-label={`${slot} model loading`}
                max={1}
                value={model.status === 'ready' ? 1 : (progress?.fraction ?? 0)}
              />
              <span className="umi-app__model-status" data-status={model.status}>
                {model.status === 'loading' && progress?.totalBytes !== undefined
                  ? `${megabytes(progress.loadedBytes ?? 0)} of ${megabytes(progress.totalBytes)}`
                  : model.status}
              </span>
              <ProblemText text={model.error} />
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
      {devices.length > 0 && <p className="umi-app__hint">Runs on: {devices.join('; ')}</p>}
      {external !== undefined && (
        <p className="umi-app__hint">
          Runs now use the GPU preset “{external.label}” (see GPU presets); unload it there to use these
          models again.
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
      <ModelCacheList cache={cache} loading={preparing} />
    </section>
  );
}
