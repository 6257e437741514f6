import { describe, expect, it } from 'vitest';
import { type AdapterLike, chooseGpuLayers } from './gpu-policy.ts';

const gpu = (adapter: AdapterLike | null) => ({ requestAdapter: async () => adapter });
const features = (...names: string[]) => new Set(names);

describe('chooseGpuLayers', () => {
  it('offloads every layer only to a hardware adapter with shader-f16', async () => {
    const choice = await chooseGpuLayers(
      gpu({ features: features('shader-f16'), info: { isFallbackAdapter: false } }),
    );
    expect(choice.gpuLayers).toBeUndefined();
  });

  it('keeps the model on the CPU without WebGPU, without an adapter, or when requesting one fails', async () => {
    expect((await chooseGpuLayers(undefined)).gpuLayers).toBe(0);
    expect((await chooseGpuLayers(gpu(null))).gpuLayers).toBe(0);
    const failing = { requestAdapter: () => Promise.reject(new Error('GPU process crashed')) };
    expect(await chooseGpuLayers(failing)).toMatchObject({
      gpuLayers: 0,
      reason: 'no WebGPU adapter is available',
    });
  });

  it('keeps it on the CPU on a software fallback adapter such as SwiftShader, new or old style', async () => {
    const fallback = await chooseGpuLayers(
      gpu({ features: features('shader-f16'), info: { isFallbackAdapter: true } }),
    );
    expect(fallback).toMatchObject({ gpuLayers: 0, reason: 'the WebGPU adapter is a software fallback' });
    const old = await chooseGpuLayers(gpu({ features: features('shader-f16'), isFallbackAdapter: true }));
    expect(old.gpuLayers).toBe(0);
  });

  it('keeps it on the CPU on a hardware adapter without shader-f16', async () => {
    const choice = await chooseGpuLayers(gpu({ features: features(), info: {} }));
    expect(choice).toMatchObject({ gpuLayers: 0, reason: 'the WebGPU adapter lacks shader-f16' });
  });

  it('describes the adapter it decided on: vendor, architecture and the largest buffer', async () => {
    const choice = await chooseGpuLayers(
      gpu({
        features: features(),
        info: { isFallbackAdapter: true, vendor: 'google', architecture: 'swiftshader' },
        limits: { maxBufferSize: 268_435_456 },
      }),
    );
    expect(choice.adapter).toBe('google swiftshader, buffers up to 256 MB');
    expect((await chooseGpuLayers(gpu({ features: features(), info: {} }))).adapter).toBe('unnamed adapter');
  });
});
