/** The part of a WebGPU adapter the policy reads (the DOM's GPUAdapter has it). */
export interface AdapterLike {
  readonly features: { has(feature: string): boolean };
  readonly info?: {
    isFallbackAdapter?: boolean;
    vendor?: string;
    architecture?: string;
    description?: string;
  };
  readonly limits?: { maxBufferSize?: number; maxStorageBufferBindingSize?: number };
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
  /** The adapter in words (vendor, architecture, largest buffer), when there is one. */
  adapter?: string;
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
  const described = describeAdapter(adapter);
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter)
    return { gpuLayers: 0, reason: 'the WebGPU adapter is a software fallback', adapter: described };
  if (!adapter.features.has('shader-f16'))
    return { gpuLayers: 0, reason: 'the WebGPU adapter lacks shader-f16', adapter: described };
  return { gpuLayers: undefined, reason: 'a hardware WebGPU adapter with shader-f16', adapter: described };
}

/** "vendor architecture (description), buffers up to N MB", with what the adapter tells. */
export function describeAdapter(adapter: AdapterLike): string {
  const { vendor = '', architecture = '', description = '' } = adapter.info ?? {};
  const name = [vendor, architecture].filter((part) => part !== '').join(' ') || 'unnamed adapter';
  const detail = description === '' ? '' : ` (${description})`;
  const buffer = adapter.limits?.maxBufferSize;
  return `${name}${detail}${buffer === undefined ? '' : `, buffers up to ${Math.round(buffer / 2 ** 20)} MB`}`;
}

/** The browser's WebGPU entry point, if any. */
export function browserGpu(): GpuLike | undefined {
  if (typeof navigator === 'undefined') return undefined;
  return (navigator as Navigator & { gpu?: GpuLike }).gpu;
}
