import { describe, expect, it, vi } from 'vitest';
import { EngineError } from '../agent/errors.ts';
import { webLlmCatalog } from '../catalog/webllm-catalog.ts';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { GPU_WITH_F16, SWIFTSHADER } from '../testing/gpu-adapters.ts';
import { createAgentStore } from './agent-store.ts';
import { createGpuStore, type GpuModelCache } from './gpu-store.ts';
import { memorySessionStorage } from './session-storage.ts';
import { createSessionStore } from './session-store.ts';

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
        detect: async () => ({ adapter: GPU_WITH_F16 }),
        catalog: webLlmCatalog,
        deviceMemoryMB: 8192,
        checkStorage,
        createEngines: createEngine,
        agent,
      });
    const small = store();
    await small.getState().detect();
    await small.getState().load('alpha-umi-7b');
    expect(small.getState().problem).toMatch(/needs about 19\.8 GB of GPU memory/);
    expect(small.getState().active).toBeUndefined();

    const big = createGpuStore({
      detect: async () => ({ adapter: GPU_WITH_F16 }),
      catalog: webLlmCatalog,
      deviceMemoryMB: 24576,
      createEngines: createEngine,
      agent,
    });
    await big.getState().detect();
    await big.getState().load('alpha-umi-7b');
    expect(big.getState().problem).toMatch(/^Enter the weights URL of α-UMi 7B planner/);
    big.getState().setWeightsUrl('alpha-umi-7b-planner-q4f16_1', 'huggingface.co/me/planner');
    await big.getState().load('alpha-umi-7b');
    expect(big.getState().problem).toMatch(/is not a URL; give the address/);

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

describe('GPU store after a lost device', () => {
  it('shows the preset as failed after a run during which its models were unloaded, and hands runs back to the page’s models', async () => {
    const agent = createAgentStore({
      sessions: createSessionStore(memorySessionStorage()),
      createEngine: (entry) => new ScriptedEngine({ modelId: entry.id, responses: [] }),
      openApiUrl: null,
    });
    agent.getState().registerPageTool({
      name: 'lookup',
      description: 'Look something up.',
      parameters: { type: 'object', properties: {} },
      execute: () => ({}),
    });
    const made: ScriptedEngine[] = [];
    // The device goes at the first generation: WebLLM unloads every model and the request fails.
    const lose = () => {
      for (const engine of made) void engine.unload();
      throw new EngineError('generation-failed', 'The GPU device was lost.');
    };
    const gpu = createGpuStore({
      detect: async () => ({ adapter: GPU_WITH_F16 }),
      catalog: webLlmCatalog,
      deviceMemoryMB: 8192,
      createEngines: (models) =>
        models.map(({ model }) => {
          const engine = new ScriptedEngine({ modelId: model.id, responses: lose });
          made.push(engine);
          return engine;
        }),
      agent,
    });
    await gpu.getState().detect();
    await gpu.getState().load('low-memory');
    expect(gpu.getState().active?.ready).toBe(true);
    expect(agent.getState().external).toBeDefined();

    await agent.getState().run('Look it up.');
    expect(gpu.getState().active?.ready).toBe(false);
    expect(gpu.getState().active?.models.every((item) => item.status === 'error')).toBe(true);
    expect(gpu.getState().problem).toMatch(/GPU device was lost or reset\): load the preset again/);
    expect(agent.getState().external).toBeUndefined();
  });
});

describe('GPU store cache', () => {
  const QWEN_1_7B = 'Qwen3-1.7B-q4f16_1-MLC';

  /** WebLLM's cache in memory; `asked` lists every model looked up. */
  function memoryCache(ids: string[]) {
    const stored = new Set(ids);
    const asked: string[] = [];
    const cache: GpuModelCache = {
      has: async (id) => {
        asked.push(id);
        return stored.has(id);
      },
      delete: async (id) => {
        stored.delete(id);
      },
    };
    return { cache, stored, asked };
  }

  /** A store whose engines "download" their model into the cache on load, or fail as told. */
  function gpuWith(cache: GpuModelCache, stored: Set<string>, load?: (id: string) => Promise<void>) {
    const agent = createAgentStore({
      sessions: createSessionStore(memorySessionStorage()),
      createEngine: () => {
        throw new Error('no embedded model should be made');
      },
    });
    return createGpuStore({
      detect: async () => ({ adapter: GPU_WITH_F16 }),
      catalog: webLlmCatalog,
      deviceMemoryMB: 8192,
      createEngines: (models) =>
        models.map(({ model }) => {
          const engine = new ScriptedEngine({ modelId: model.id, responses: [] });
          engine.load = async () => {
            await load?.(model.id);
            stored.add(model.id);
          };
          return engine;
        }),
      agent,
      cache,
    });
  }

  it('lists the downloadable catalog models found in the cache after detection, with label and size', async () => {
    const { cache, stored, asked } = memoryCache([QWEN_1_7B, 'alpha-umi-7b-planner-q4f16_1']);
    const gpu = gpuWith(cache, stored);
    await gpu.getState().detect();
    expect(gpu.getState().cached).toEqual([{ id: QWEN_1_7B, label: 'Qwen3 1.7B', downloadMB: 920 }]);
    const chat = webLlmCatalog.models.filter((model) => model.profile === 'chat').map((model) => model.id);
    expect(asked).toEqual(chat);
    expect(asked.some((id) => id.startsWith('alpha-umi'))).toBe(false);
  });

  it('lists a model once its load finished, and deletes it once it is unloaded', async () => {
    const { cache, stored } = memoryCache([]);
    const gpu = gpuWith(cache, stored);
    await gpu.getState().detect();
    expect(gpu.getState().cached).toEqual([]);
    await gpu.getState().load('low-memory');
    expect(gpu.getState().cached.map((model) => model.id)).toEqual([QWEN_1_7B]);

    await gpu.getState().deleteCached(QWEN_1_7B);
    expect(gpu.getState().problem).toBe(
      'Qwen3 1.7B is in use on the GPU; unload the GPU models, then delete it.',
    );
    expect(stored.has(QWEN_1_7B)).toBe(true);

    await gpu.getState().unload();
    await gpu.getState().deleteCached(QWEN_1_7B);
    expect([gpu.getState().problem, gpu.getState().cached, stored.size]).toEqual(['', [], 0]);
  });

  it('refuses to delete a model while it loads, and re-reads the cache after a failed load', async () => {
    const { cache, stored } = memoryCache([]);
    let fail: (error: Error) => void = () => undefined;
    const gpu = gpuWith(cache, stored, async (id) => {
      stored.add(id); // some shards were stored before the disk filled up
      await new Promise<void>((_, reject) => {
        fail = reject;
      });
    });
    await gpu.getState().detect();
    const loading = gpu.getState().load('low-memory');
    await vi.waitFor(() => expect(gpu.getState().active?.models[0]?.status).toBe('loading'));
    await gpu.getState().deleteCached(QWEN_1_7B);
    expect(gpu.getState().problem).toMatch(/in use on the GPU/);
    fail(new Error('The browser has no room left for Qwen3-1.7B-q4f16_1-MLC (QuotaExceededError).'));
    await loading;
    expect(gpu.getState().problem).toMatch(/no room left/);
    expect(gpu.getState().cached.map((model) => model.id)).toEqual([QWEN_1_7B]);
    await gpu.getState().deleteCached(QWEN_1_7B);
    expect([gpu.getState().problem, gpu.getState().cached]).toEqual(['', []]);
  });

  it('says what went wrong when the cache cannot be read or a model cannot be deleted', async () => {
    const broken: GpuModelCache = {
      has: async () => {
        throw new Error('The browser blocks site storage; allow it for this site.');
      },
      delete: async () => {
        throw new Error('Deleting failed; try again.');
      },
    };
    const gpu = gpuWith(broken, new Set());
    await gpu.getState().detect();
    expect([gpu.getState().problem, gpu.getState().cached]).toEqual([
      'The browser blocks site storage; allow it for this site.',
      [],
    ]);
    await gpu.getState().deleteCached(QWEN_1_7B);
    expect(gpu.getState().problem).toBe('Deleting failed; try again.');
  });
});

describe('GPU store with weights the user hosts', () => {
  it('passes each α-UMi role its weights URL and hands the agent the α-UMi profile', async () => {
    const agent = createAgentStore({
      sessions: createSessionStore(memorySessionStorage()),
      createEngine: () => {
        throw new Error('no embedded model should be made');
      },
    });
    const asked: { id: string; weightsUrl: string | undefined }[] = [];
    const store = createGpuStore({
      detect: async () => ({ adapter: GPU_WITH_F16 }),
      catalog: webLlmCatalog,
      deviceMemoryMB: 24576,
      createEngines: (models) =>
        models.map(({ model, weightsUrl }) => {
          asked.push({ id: model.id, weightsUrl });
          return new ScriptedEngine({ modelId: model.id, responses: [] });
        }),
      agent,
    });
    await store.getState().detect();
    for (const role of ['planner', 'caller', 'summarizer'])
      store
        .getState()
        .setWeightsUrl(
          `alpha-umi-7b-${role}-q4f16_1`,
          ` https://huggingface.co/me/alpha-umi-${role}-7b-MLC `,
        );
    await store.getState().load('alpha-umi-7b');
    expect(store.getState().problem).toBe('');
    expect(asked).toEqual(
      ['planner', 'caller', 'summarizer'].map((role) => ({
        id: `alpha-umi-7b-${role}-q4f16_1`,
        weightsUrl: `https://huggingface.co/me/alpha-umi-${role}-7b-MLC`,
      })),
    );
    expect(agent.getState().external?.profile).toEqual({ kind: 'alpha-umi', systemPrefix: true });
  });
});
