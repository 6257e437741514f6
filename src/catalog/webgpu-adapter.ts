import type { AdapterInfo } from './memory-planner.ts';

/** The part of a WebGPU adapter the planner reads (GPUAdapter, typed here so no WebGPU typings are needed). */
export interface GpuAdapterLike {
  features: { has(name: string): boolean } & Iterable<string>;
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number };
  /** Older Chromium puts it on the adapter, newer on `info`. */
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; isFallbackAdapter?: boolean };
}

/** `navigator.gpu`, as far as detection needs it. */
export interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
  }): Promise<GpuAdapterLike | null>;
}

/** What detection found: an adapter, or why there is none in words. */
export type AdapterDetection = { adapter: AdapterInfo } | { adapter: undefined; reason: string };

/**
 * Asks the browser for its high-performance WebGPU adapter and reads what the memory planner needs.
 * Never throws: no `navigator.gpu`, no adapter and a failing request each come back with a reason.
 */
export async function detectAdapter(gpu: GpuLike | undefined): Promise<AdapterDetection> {
  if (gpu === undefined)
    return { adapter: undefined, reason: 'This browser does not offer WebGPU (navigator.gpu is missing).' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { adapter: undefined, reason: `The browser refused a WebGPU adapter: ${message}` };
  }
  if (adapter === null)
    return {
      adapter: undefined,
      reason: 'WebGPU is present but gave no adapter (blocked GPU, or hardware acceleration off).',
    };
  const info = adapter.info ?? {};
  return {
    adapter: {
      features: [...adapter.features].sort(),
      limits: {
        maxBufferSize: adapter.limits.maxBufferSize,
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      },
      isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter ?? false,
      ...(info.vendor ? { vendor: info.vendor } : {}),
      ...(info.architecture ? { architecture: info.architecture } : {}),
    },
  };
}
