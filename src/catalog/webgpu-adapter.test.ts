import { describe, expect, it } from 'vitest';
import { detectAdapter, type GpuAdapterLike } from './webgpu-adapter.ts';

function adapter(overrides: Partial<GpuAdapterLike> = {}): GpuAdapterLike {
  return {
    features: new Set(['timestamp-query', 'shader-f16']),
    limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
    info: { vendor: 'nvidia', architecture: 'ampere' },
    ...overrides,
  };
}

describe('WebGPU adapter detection', () => {
  it('reads features, limits, vendor and whether the adapter is a software fallback', async () => {
    const found = await detectAdapter({ requestAdapter: async () => adapter() });
    expect(found).toEqual({
      adapter: {
        features: ['shader-f16', 'timestamp-query'],
        limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 30 },
        isFallbackAdapter: false,
        vendor: 'nvidia',
        architecture: 'ampere',
      },
    });
    const software = await detectAdapter({
      requestAdapter: async () => adapter({ info: { vendor: 'google', isFallbackAdapter: true } }),
    });
    expect(software.adapter?.isFallbackAdapter).toBe(true);
  });

  it('says why there is no adapter instead of throwing', async () => {
    expect(await detectAdapter(undefined)).toMatchObject({
      reason: expect.stringContaining('navigator.gpu'),
    });
    expect(await detectAdapter({ requestAdapter: async () => null })).toMatchObject({
      reason: expect.stringContaining('no adapter'),
    });
    const refused = await detectAdapter({
      requestAdapter: async () => {
        throw new Error('GPU process crashed');
      },
    });
    expect(refused).toMatchObject({ reason: expect.stringContaining('GPU process crashed') });
  });
});
