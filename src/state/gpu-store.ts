import { createStore, type StoreApi } from 'zustand/vanilla';
import { toErrorData } from '../agent/errors.ts';
import type { AlphaUmiRoles } from '../agent/run-options.ts';
import {
  type AdapterInfo,
  describeAdapter,
  type PresetPlan,
  planPreset,
  type RunnablePlan,
} from '../catalog/memory-planner.ts';
import type { StorageCheck } from '../catalog/storage-check.ts';
import type { AdapterDetection } from '../catalog/webgpu-adapter.ts';
import {
  presetAssignments,
  type WebLlmCatalog,
  type WebLlmModelRecord,
  type WebLlmPreset,
} from '../catalog/webllm-catalog.ts';
import { weightsUrlProblem } from '../catalog/weights-url.ts';
import type { Engine, LoadProgress } from '../engines/engine.ts';
import type { AgentState } from './agent-state.ts';

/** One GPU preset with the planner's decision for this device. */
export interface GpuPresetPlan {
  preset: WebLlmPreset;
  plan: PresetPlan;
  /** The preset's models whose weights the user hosts (a URL is needed before loading). */
  userWeights: { id: string; label: string }[];
}

/** One model of the loaded (or loading) GPU preset. */
export interface GpuModelState {
  id: string;
  roles: string[];
  status: 'loading' | 'ready' | 'error';
  progress: LoadProgress | undefined;
}

/** A catalog model whose weights are all in WebLLM's cache, with its approximate download size. */
export type CachedGpuModel = Pick<WebLlmModelRecord, 'id' | 'label' | 'downloadMB'>;

/** WebLLM's model cache as the store uses it (createWebLlmCache in the app, memory in tests). */
export interface GpuModelCache {
  has(modelId: string): Promise<boolean>;
  delete(modelId: string): Promise<void>;
}

/** What the page's GPU can run, and the GPU preset in use. */
export interface GpuState {
  status: 'idle' | 'detecting' | 'ready';
  adapter: AdapterInfo | undefined;
  /** One line about the adapter, or why there is none. */
  summary: string;
  plans: GpuPresetPlan[];
  /** The preset loading or loaded on the GPU, and its models. */
  active: { presetId: string; models: GpuModelState[]; ready: boolean } | undefined;
  /** What went wrong, in words the user can act on ('' when nothing). */
  problem: string;
  /** Where the user hosts the weights of catalog models marked `userSuppliedWeights`, by model id. */
  weightsUrls: Record<string, string>;
  setWeightsUrl(modelId: string, url: string): void;
  /** The catalog's downloadable models fully in WebLLM's cache, in catalog order. */
  cached: CachedGpuModel[];
  detect(): Promise<void>;
  /** Checks which downloadable catalog models are in the cache (after detection and each load). */
  refreshCache(): Promise<void>;
  /** Deletes a model from the cache; refused while it is loaded or loading. */
  deleteCached(id: string): Promise<void>;
  /** Loads a preset that fits (as planned, q4f32 swaps included) and hands its roles to the agent. */
  load(presetId: string): Promise<void>;
  /** Unloads the GPU models; runs use the embedded models again. */
  unload(): Promise<void>;
}

/** The world the GPU store reads: detection, the catalog, storage, engines and the agent to hand roles to. */
export interface GpuWorld {
  detect: () => Promise<AdapterDetection>;
  catalog: WebLlmCatalog;
  /** GPU memory the models may use, in MiB (browsers do not tell it; undefined: the planner's default). */
  deviceMemoryMB?: number;
  /** Asks for persistent storage and checks free space for a download of this many bytes. */
  checkStorage?: (bytes: number) => Promise<StorageCheck>;
  /** Makes the engine of one catalog model (WebLLM in the app, scripted engines in tests). */
  /**
   * Makes the engines of one preset's models at once (they share one WebLLM engine, which must know
   * every record before it loads), with the weights URL of each model whose weights the user hosts.
   */
  createEngines?: (models: readonly { model: WebLlmModelRecord; weightsUrl?: string }[]) => Engine[];
  agent?: StoreApi<AgentState>;
  cache?: GpuModelCache;
}

/** Creates the GPU store; `detect()` plans every WebLLM preset but the CPU one for the adapter found. */
export function createGpuStore(world: GpuWorld): StoreApi<GpuState> {
  const engines: Engine[] = [];
  const options = world.deviceMemoryMB === undefined ? {} : { deviceMemoryMB: world.deviceMemoryMB };
  const model = (id: string) => world.catalog.models.find((record) => record.id === id) as WebLlmModelRecord;
  // Only models whose weights URL WebLLM knows (its prebuilt chat models) can be in its cache.
  const downloadable: CachedGpuModel[] = world.catalog.models
    .filter((record) => record.profile === 'chat' && !record.userSuppliedWeights)
    .map(({ id, label, downloadMB }) => ({ id, label, downloadMB }));
  let refreshes = 0;

  const store = createStore<GpuState>()((set, get) => {
    const setModel = (id: string, change: Partial<GpuModelState>) =>
      set((state) =>
        state.active === undefined
          ? {}
          : {
              active: {
                ...state.active,
                models: state.active.models.map((item) => (item.id === id ? { ...item, ...change } : item)),
              },
            },
      );

    /** Why the plan cannot be loaded from the page, if it cannot. */
    const refusal = (plan: PresetPlan): string | undefined => {
      if (plan.status === 'does-not-fit') return plan.reasons.join(' ');
      if (world.createEngines === undefined || world.agent === undefined)
        return 'This page cannot load GPU models (no WebLLM engine is configured).';
      for (const record of plan.models
        .map(({ id }) => model(id))
        .filter((item) => item.userSuppliedWeights)) {
        const url = get().weightsUrls[record.id] ?? '';
        if (url === '')
          return `Enter the weights URL of ${record.label}: where you host its MLC conversion (docs/webllm.md, section 3).`;
        const problem = weightsUrlProblem(url);
        if (problem !== undefined) return `${record.label}: ${problem}`;
      }
      return undefined;
    };

    const loadPlan = async (preset: WebLlmPreset, plan: RunnablePlan) => {
      const bytes = plan.models.reduce((sum, { id }) => sum + model(id).downloadMB * 2 ** 20, 0);
      const storage = await world.checkStorage?.(bytes);
      if (storage !== undefined && !storage.ok) throw new Error(storage.message ?? 'Not enough storage.');
      const create = world.createEngines as NonNullable<GpuWorld['createEngines']>;
      const made = create(
        plan.models.map(({ id }) => {
          const url = get().weightsUrls[id];
          return { model: model(id), ...(url ? { weightsUrl: url } : {}) };
        }),
      );
      const byId = new Map<string, Engine>();
      for (const [index, planned] of plan.models.entries()) {
        const engine = made[index] as Engine;
        byId.set(planned.id, engine);
        engines.push(engine);
      }
      for (const planned of plan.models) {
        const engine = byId.get(planned.id) as Engine;
        await engine.load({ onProgress: (progress) => setModel(planned.id, { progress }) });
        setModel(planned.id, { status: 'ready', progress: { fraction: 1 } });
      }
      const engineFor = (role: 'planner' | 'caller' | 'summarizer') => {
        const planned = plan.models.find((item) => item.roles.includes(role)) ?? plan.models[0];
        return byId.get(planned?.id ?? '') as Engine;
      };
      const roles: AlphaUmiRoles = {
        planner: engineFor('planner'),
        caller: engineFor('caller'),
        summarizer: engineFor('summarizer'),
      };
      const alphaUmi = plan.models.every(({ id }) => model(id).profile === 'alpha-umi');
      world.agent?.getState().useExternalRoles({
        label: preset.label,
        roles,
        profile: alphaUmi ? { kind: 'alpha-umi', systemPrefix: true } : { kind: 'chat' },
      });
    };

    return {
      status: 'idle',
      adapter: undefined,
      summary: '',
      plans: [],
      active: undefined,
      problem: '',
      weightsUrls: {},
      setWeightsUrl(modelId, url) {
        set((state) => ({ weightsUrls: { ...state.weightsUrls, [modelId]: url.trim() } }));
      },
      cached: [],
      async detect() {
        set({ status: 'detecting' });
        const found = await world.detect();
        const plans = world.catalog.presets
          .filter((preset) => preset.mode !== 'cpu')
          .map((preset) => ({
            preset,
            plan: planPreset(preset, world.catalog, found.adapter, options),
            userWeights: presetAssignments(preset)
              .map(({ id }) => model(id))
              .filter((record) => record.userSuppliedWeights)
              .map(({ id, label }) => ({ id, label })),
          }));
        const summary =
          found.adapter === undefined ? `WebGPU: none. ${found.reason}` : describeAdapter(found.adapter);
        set({ status: 'ready', adapter: found.adapter, summary, plans });
        await get().refreshCache();
      },
      async refreshCache() {
        const cache = world.cache;
        if (cache === undefined) return;
        const turn = ++refreshes;
        try {
          const found = await Promise.all(downloadable.map((record) => cache.has(record.id)));
          if (turn === refreshes) set({ cached: downloadable.filter((_, index) => found[index]) });
        } catch (error) {
          if (turn === refreshes) set({ problem: toErrorData(error).message });
        }
      },
      async deleteCached(id) {
        const label = downloadable.find((record) => record.id === id)?.label ?? id;
        const models = get().active?.models ?? [];
        // A failed load has unloaded its models already.
        if (models.some((item) => item.id === id) && !models.some((item) => item.status === 'error'))
          return set({ problem: `${label} is in use on the GPU; unload the GPU models, then delete it.` });
        try {
          await world.cache?.delete(id);
          set({ problem: '' });
          await get().refreshCache();
        } catch (error) {
          await get().refreshCache(); // a failed delete may have removed some files
          set({ problem: toErrorData(error).message });
        }
      },
      async load(presetId) {
        if (get().active !== undefined) await get().unload();
        const entry = get().plans.find(({ preset }) => preset.id === presetId);
        if (entry === undefined) return set({ problem: `No GPU preset "${presetId}" was planned.` });
        const why = refusal(entry.plan);
        if (why !== undefined) return set({ problem: why });
        const plan = entry.plan as RunnablePlan;
        const models = plan.models.map(({ id, roles }) => ({
          id,
          roles,
          status: 'loading' as const,
          progress: { fraction: 0 },
        }));
        set({ active: { presetId, models, ready: false }, problem: '' });
        try {
          await loadPlan(entry.preset, plan);
          set((state) => (state.active ? { active: { ...state.active, ready: true } } : {}));
        } catch (error) {
          const message = toErrorData(error).message;
          set((state) => ({
            problem: message,
            active: state.active && {
              ...state.active,
              models: state.active.models.map((item) =>
                item.status === 'ready' ? item : { ...item, status: 'error' as const },
              ),
            },
          }));
          await Promise.all(engines.splice(0).map((engine) => engine.unload()));
        }
        await get().refreshCache();
      },
      async unload() {
        world.agent?.getState().useExternalRoles(undefined);
        const loaded = engines.splice(0);
        set({ active: undefined, problem: '' });
        await Promise.all(loaded.map((engine) => engine.unload()));
      },
    };
  });
  // A run that ends with the GPU models unloaded under it (a lost or reset device) leaves the preset to load again.
  world.agent?.subscribe((state, previous) => {
    const active = store.getState().active;
    if (!previous.running || state.running || !active?.ready || engines.every((engine) => engine.loaded))
      return;
    store.setState({
      problem: 'The GPU models were unloaded (the GPU device was lost or reset): load the preset again.',
      active: {
        ...active,
        ready: false,
        models: active.models.map((item) => ({ ...item, status: 'error' as const })),
      },
    });
    engines.splice(0);
    world.agent?.getState().useExternalRoles(undefined);
  });
  return store;
}
