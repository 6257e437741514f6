import type { MlcEngineLike } from './mlc-runtime.ts';

/** What a WebGPU adapter says about itself (the DOM's GPUAdapterInfo has these). */
export interface AdapterFacts {
  vendor?: string;
  architecture?: string;
  description?: string;
}

/** Reads the adapter the page would get; undefined without WebGPU. */
export type AdapterInfoSource = () => Promise<AdapterFacts | undefined>;

interface GpuEntry {
  requestAdapter(options?: { powerPreference?: 'high-performance' }): Promise<{ info?: AdapterFacts } | null>;
}

/**
 * The page's adapter as WebLLM asks for it (high performance). The worker requests its own
 * device; browsers hand both the same adapter.
 */
export const browserAdapterInfo: AdapterInfoSource = async () => {
  if (typeof navigator === 'undefined') return undefined;
  const gpu = (navigator as Navigator & { gpu?: GpuEntry }).gpu;
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
  return adapter?.info;
};

/**
 * "WebLLM on WebGPU: <vendor> <architecture> (<description>)", from the adapter's info, else from
 * the vendor WebLLM's own device reports.
 */
export async function describeDevice(source: AdapterInfoSource, engine: MlcEngineLike): Promise<string> {
  const info = await source().catch(() => undefined);
  const { vendor = '', architecture = '', description = '' } = info ?? {};
  const named = [vendor, architecture].filter((part) => part !== '').join(' ');
  const name = named || (await engine.getGPUVendor().catch(() => '')) || 'unnamed adapter';
  return `WebLLM on WebGPU: ${name}${description === '' ? '' : ` (${description})`}`;
}
