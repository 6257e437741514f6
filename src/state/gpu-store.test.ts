import { describe, expect, it } from 'vitest';
import { webLlmCatalog } from '../catalog/webllm-catalog.ts';
import { createAgentStore } from './agent-store.ts';
import { createGpuStore } from './gpu-store.ts';
import { memorySessionStorage } from './session-storage.ts';
import { createSessionStore } from './session-store.ts';

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

describe('GPU store loading', () => {
  const GPU_8GB = {
    features: ['shader-f16'],
    limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31 },
    isFallbackAdapter: false,
    vendor: 'nvidia',
  };

  it('refuses a preset that does not fit, one whose weights the user must supply, and one without room to store', async () => {
    const agent = createAgentStore({
      sessions: createSessionStore(memorySessionStorage()),
      createEngine: () => {
        throw new Error('no embedded model should be made');
      },
    });
    let created = 0;
    const createEngine = () => {
      created++;
      throw new Error('no engine should be made');
    };
    const store = (checkStorage = async () => ({ ok: true, persisted: true })) =>
      createGpuStore({
        detect: async () => ({ adapter: GPU_8GB }),
        catalog: webLlmCatalog,
        deviceMemoryMB: 8192,
        checkStorage,
        createEngine,
        agent,
      });
    const small = store();
    await small.getState().detect();
    await small.getState().load('alpha-umi-7b');
    expect(small.getState().problem).toMatch(/needs about 13\.5 GB of GPU memory/);
    expect(small.getState().active).toBeUndefined();

    const big = createGpuStore({
      detect: async () => ({ adapter: GPU_8GB }),
      catalog: webLlmCatalog,
      deviceMemoryMB: 24576,
      createEngine,
      agent,
    });
    await big.getState().detect();
    await big.getState().load('alpha-umi-7b');
    expect(big.getState().problem).toMatch(/weights are yours to convert and host/);

    const full = store(async () => ({
      ok: false,
      persisted: false,
      message: 'Free 2 GB of disk space first.',
    }));
    await full.getState().detect();
    await full.getState().load('low-memory');
    expect(full.getState().problem).toBe('Free 2 GB of disk space first.');
    expect(created).toBe(0);
  });
});
