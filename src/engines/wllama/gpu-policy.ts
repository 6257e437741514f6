/** The part of a WebGPU adapter the policy reads (the DOM's GPUAdapter has it). */
export interface AdapterLike {
  readonly features: { has(feature: string): boolean };
  readonly info?: { isFallbackAdapter?: boolean };
  /** Older Chromium put the flag on the adapter itself. */
  readonly isFallbackAdapter?: boolean;
}

/** The part of `navigator.gpu` the policy uses. */
export interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

/** Where the model's layers run, and why. */
export interface GpuChoice {
  /** Layers to offload: 0 keeps everything on the CPU; undefined offloads all. */
  gpuLayers: number | undefined;
  reason: string;
}

/**
 * Offloads to WebGPU only on a hardware adapter with `shader-f16`. A fallback (software) adapter
 * such as SwiftShader, or one without f16 shaders, is far slower than wllama's CPU path (measured:
 * prompt processing fell from ~2,145 to ~154 tokens/s), so the CPU is used there.
 */
export async function chooseGpuLayers(gpu: GpuLike | undefined): Promise<GpuChoice> {
  if (!gpu) return { gpuLayers: 0, reason: 'this browser has no WebGPU' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { gpuLayers: 0, reason: 'no WebGPU adapter is available' };
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter)
    return { gpuLayers: 0, reason: 'the WebGPU adapter is a software fallback' };
  if (!adapter.features.has('shader-f16'))
    return { gpuLayers: 0, reason: 'the WebGPU adapter lacks shader-f16' };
  return { gpuLayers: undefined, reason: 'a hardware WebGPU adapter with shader-f16' };
}

/** The browser's WebGPU entry point, if any. */
export function browserGpu(): GpuLike | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { gpu?: GpuLike }).gpu;
}
