import { describe, expect, it } from 'vitest';
import { webLlmCatalog } from '../catalog/webllm-catalog.ts';
import { createGpuStore } from './gpu-store.ts';

const SWIFTSHADER = {
  features: ['timestamp-query'],
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 },
  isFallbackAdapter: true,
  vendor: 'google',
  architecture: 'swiftshader',
};

describe('GPU store', () => {
  it('plans every WebLLM preset for the detected adapter and sends a software adapter to the CPU preset', async () => {
    const store = createGpuStore({ detect: async () => ({ adapter: SWIFTSHADER }), catalog: webLlmCatalog });
    await store.getState().detect();
    const { status, summary, plans } = store.getState();
    expect(status).toBe('ready');
    expect(summary).toContain('(fallback), shader-f16: no');
    expect(plans.map(({ preset }) => preset.id)).toEqual(
      webLlmCatalog.presets.filter((preset) => preset.mode !== 'cpu').map((preset) => preset.id),
    );
    for (const { plan } of plans) expect(plan).toMatchObject({ status: 'does-not-fit', fallback: 'cpu' });
    const balanced = plans.find(({ preset }) => preset.id === 'balanced')?.plan;
    expect(balanced?.reasons.join(' ')).toMatch(/software fallback.*shader-f16/s);
  });

  it('says why there is no GPU when detection finds none', async () => {
    const store = createGpuStore({
      detect: async () => ({ adapter: undefined, reason: 'This browser does not offer WebGPU.' }),
      catalog: webLlmCatalog,
    });
    await store.getState().detect();
    expect(store.getState().summary).toBe('WebGPU: none. This browser does not offer WebGPU.');
  });
});
