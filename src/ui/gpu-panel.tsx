import { useEffect, useId } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { PresetPlan } from '../catalog/memory-planner.ts';
import type { AgentState } from '../state/agent-state.ts';
import type { GpuState } from '../state/gpu-store.ts';
import { ProblemText } from './problem-text.tsx';
import { useStore } from './use-store.ts';

/** The embedded preset the CPU fallback stands for (models/presets.json). */
const EMBEDDED_PRESET = 'umi-tiny';

function megabytes(bytes: number): string {
  return `${Math.floor(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
}

/** "about 2,160 MB" for a catalog size in MB (approximate: catalog sizes are estimates). */
function about(mb: number): string {
  return `about ${Math.round(mb).toLocaleString('en-US')} MB`;
}

/** The GPU models WebLLM keeps in this browser, their sizes and total, each with a Delete button. */
function CachedGpuModels({ gpu }: { gpu: StoreApi<GpuState> }) {
  const cached = useStore(gpu, (state) => state.cached);
  const total = cached.reduce((sum, model) => sum + model.downloadMB, 0);
  return (
    <div className="umi-app__cache">
      <h3 className="umi-app__role-name">
        Cached GPU models: {cached.length} {cached.length === 1 ? 'model' : 'models'}, {about(total)}
      </h3>
      {cached.length > 0 && (
        <ul className="umi-app__cache-list" aria-label="Cached GPU models">
          {cached.map((model) => (
            <li key={model.id} className="umi-app__row" aria-label={model.label}>
              <span>{model.label}</span>
              <span className="umi-app__hint">{about(model.downloadMB)}</span>
              <button
                type="button"
                className="umi-app__button umi-app__button--small"
                onClick={() => void gpu.getState().deleteCached(model.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="umi-app__hint">
        An interrupted download resumes where it stopped: loaded parts stay in the cache.
      </p>
    </div>
  );
}

function verdict(plan: PresetPlan): string {
  if (plan.status === 'fits') return `Fits: about ${(plan.totalVramMB / 1024).toFixed(1)} GB of GPU memory`;
  if (plan.status === 'substituted')
    return `Fits with q4f32 builds: about ${(plan.totalVramMB / 1024).toFixed(1)} GB of GPU memory`;
  return 'Not on this device';
}

/**
 * What this browser's GPU can run with WebLLM: the adapter and its limits, and for each GPU preset
 * whether it fits, or why not and what runs instead, decided before anything downloads.
 */
export function GpuPanel({ gpu, agent }: { gpu: StoreApi<GpuState>; agent: StoreApi<AgentState> }) {
  const id = useId();
  const status = useStore(gpu, (state) => state.status);
  const summary = useStore(gpu, (state) => state.summary);
  const adapter = useStore(gpu, (state) => state.adapter);
  const plans = useStore(gpu, (state) => state.plans);
  const presetId = useStore(agent, (state) => state.presetId);
  const active = useStore(gpu, (state) => state.active);
  const weightsUrls = useStore(gpu, (state) => state.weightsUrls);
  const problem = useStore(gpu, (state) => state.problem);
  const running = useStore(agent, (state) => state.running);
  const loading =
    active !== undefined && !active.ready && !active.models.some((item) => item.status === 'error');
  const labels = new Map(plans.map(({ preset }) => [preset.id, preset.label]));

  useEffect(() => {
    if (gpu.getState().status === 'idle') void gpu.getState().detect();
  }, [gpu]);

  return (
    <section className="umi-app__panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="umi-app__subtitle">
        GPU presets (WebLLM)
      </h2>
      <p className="umi-app__hint" data-testid="gpu-summary">
        {status === 'ready' ? summary : 'Looking for a WebGPU adapter…'}
      </p>
      {adapter && (
        <dl className="umi-app__facts" aria-label="WebGPU adapter limits">
          <dt>Features</dt>
          <dd>{adapter.features.length > 0 ? adapter.features.join(', ') : 'none'}</dd>
          <dt>Largest buffer</dt>
          <dd>{megabytes(adapter.limits.maxBufferSize)}</dd>
          <dt>Largest storage binding</dt>
          <dd>{megabytes(adapter.limits.maxStorageBufferBindingSize)}</dd>
        </dl>
      )}
      <ul className="umi-app__role-list" aria-label="GPU presets on this device">
        {plans.map(({ preset, plan, userWeights }) => (
          <li key={preset.id} className="umi-app__role" aria-label={preset.label}>
            <h3 className="umi-app__role-name">{preset.label}</h3>
            <p className="umi-app__role-text">
              <strong>{verdict(plan)}</strong>
            </p>
            {plan.reasons.map((reason) => (
              <p key={reason} className="umi-app__role-text">
                {reason}
              </p>
            ))}
            {plan.status !== 'does-not-fit' &&
              userWeights.map((model) => (
                <div key={model.id} className="umi-app__row">
                  <label className="umi-app__label" htmlFor={`${id}-${model.id}-url`}>
                    Weights URL of {model.label}
                  </label>
                  <input
                    id={`${id}-${model.id}-url`}
                    className="umi-app__input"
                    type="url"
                    placeholder="https://huggingface.co/you/alpha-umi-…-q4f16_1-MLC"
                    value={weightsUrls[model.id] ?? ''}
                    onChange={(event) => gpu.getState().setWeightsUrl(model.id, event.target.value)}
                  />
                </div>
              ))}
            {plan.status !== 'does-not-fit' && active?.presetId !== preset.id && (
              <button
                type="button"
                className="umi-app__button umi-app__button--small"
                disabled={loading || running}
                onClick={() => void gpu.getState().load(preset.id)}
              >
                Load on the GPU
              </button>
            )}
            {active?.presetId === preset.id &&
              active.models.map((item) => (
                <div key={item.id} className="umi-app__row">
                  <label className="umi-app__label" htmlFor={`${id}-${item.id}`}>
                    {item.id} ({item.roles.join(', ')})
                  </label>
                  <progress
                    id={`${id}-${item.id}`}
                    max={1}
                    value={item.progress?.fraction ?? 0}
                    aria-label={`${item.id} loading`}
                  />
                  <span className="umi-app__hint">{item.progress?.text ?? item.status}</span>
                </div>
              ))}
            {active?.presetId === preset.id && (
              <button
                type="button"
                className="umi-app__button umi-app__button--small"
                disabled={running}
                onClick={() => void gpu.getState().unload()}
              >
                {active.ready ? 'Unload the GPU models' : 'Cancel'}
              </button>
            )}
            {plan.status === 'does-not-fit' && (
              <p className="umi-app__role-text">
                Offered instead:{' '}
                {plan.fallback === 'cpu' ? 'the embedded models on the CPU' : labels.get(plan.fallback)}
                {plan.fallback === 'cpu' && presetId !== EMBEDDED_PRESET && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="umi-app__button umi-app__button--small"
                      onClick={() => void agent.getState().choosePreset(EMBEDDED_PRESET)}
                    >
                      Use the embedded models
                    </button>
                  </>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
      <CachedGpuModels gpu={gpu} />
      <ProblemText text={problem} />
      <p className="umi-app__hint">
        GPU models download from Hugging Face once and stay in this browser (IndexedDB); docs/webllm.md says
        what each preset needs and how to run the α-UMi 7B roles.
      </p>
    </section>
  );
}
