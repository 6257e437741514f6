import { createStore, type StoreApi } from 'zustand/vanilla';
import { type AdapterInfo, describeAdapter, type PresetPlan, planPreset } from '../catalog/memory-planner.ts';
import type { AdapterDetection } from '../catalog/webgpu-adapter.ts';
import type { WebLlmCatalog, WebLlmPreset } from '../catalog/webllm-catalog.ts';

/** One GPU preset with the planner's decision for this device. */
export interface GpuPresetPlan {
  preset: WebLlmPreset;
  plan: PresetPlan;
}

/** What the page's GPU can run: the adapter, in words and as data, and a decision per WebLLM preset. */
export interface GpuState {
  status: 'idle' | 'detecting' | 'ready';
  adapter: AdapterInfo | undefined;
  /** One line about the adapter, or why there is none. */
  summary: string;
  plans: GpuPresetPlan[];
  detect(): Promise<void>;
}

/** The world the GPU store reads: adapter detection, the catalog, and the memory budget if known. */
export interface GpuWorld {
  detect: () => Promise<AdapterDetection>;
  catalog: WebLlmCatalog;
  /** GPU memory the models may use, in MiB (browsers do not tell it; undefined: the planner's default). */
  deviceMemoryMB?: number;
}

/** Creates the GPU store; `detect()` runs once per call and plans every WebLLM preset but the CPU one. */
export function createGpuStore(world: GpuWorld): StoreApi<GpuState> {
  return createStore<GpuState>()((set) => ({
    status: 'idle',
    adapter: undefined,
    summary: '',
    plans: [],
    async detect() {
      set({ status: 'detecting' });
      const found = await world.detect();
      const options = world.deviceMemoryMB === undefined ? {} : { deviceMemoryMB: world.deviceMemoryMB };
      const plans = world.catalog.presets
        .filter((preset) => preset.mode !== 'cpu')
        .map((preset) => ({ preset, plan: planPreset(preset, world.catalog, found.adapter, options) }));
      const summary =
        found.adapter === undefined ? `WebGPU: none. ${found.reason}` : describeAdapter(found.adapter);
      set({ status: 'ready', adapter: found.adapter, summary, plans });
    },
  }));
}
