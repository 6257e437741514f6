import { describe, expect, it } from 'vitest';
import { type AdapterInfo, describeAdapter, type PresetPlan, planPreset } from './memory-planner.ts';
import { webLlmCatalog } from './webllm-catalog.ts';

const MiB = 2 ** 20;

function gpu(vendor: string, architecture: string, features: string[], fallback = false): AdapterInfo {
  const maxBufferSize = fallback ? 256 * MiB : 2048 * MiB;
  return {
    features,
    limits: { maxBufferSize, maxStorageBufferBindingSize: maxBufferSize },
    isFallbackAdapter: fallback,
    vendor,
    architecture,
  };
}

const ADAPTERS: Record<string, { adapter: AdapterInfo | undefined; deviceMemoryMB?: number }> = {
  none: { adapter: undefined },
  swiftshader: { adapter: gpu('google', 'swiftshader', [], true) },
  'integrated 4 GB': { adapter: gpu('intel', 'gen-12lp', []), deviceMemoryMB: 4096 },
  '8 GB f16': { adapter: gpu('nvidia', 'turing', ['shader-f16']), deviceMemoryMB: 8192 },
  '24 GB f16': { adapter: gpu('nvidia', 'ada', ['shader-f16']), deviceMemoryMB: 24576 },
};

const QWEN_4B = 'Qwen3-4B-q4f16_1-MLC';
const QWEN_17B = 'Qwen3-1.7B-q4f16_1-MLC';
const QWEN_17B_F32 = 'Qwen3-1.7B-q4f32_1-MLC';
const ALPHA_UMI = ['planner', 'caller', 'summarizer'].map((role) => `alpha-umi-7b-${role}-q4f16_1`);
const NO_GPU = [
  /This browser has no WebGPU adapter/,
  /Chose the "CPU: the embedded umi-tiny models" preset instead\./,
];
const SOFTWARE = [/software fallback \(Google SwiftShader\)/, /hardware acceleration/, /Chose the "CPU/];
const TO_LOW_MEMORY = /Chose the "Low memory: one Qwen3 1\.7B for every role" preset instead\./;

/** adapter, preset, expected status, fallback, the ids that will load, and phrases of the reasons. */
const TABLE: [string, string, PresetPlan['status'], string | undefined, string[], RegExp[]][] = [
  ['none', 'alpha-umi-7b', 'does-not-fit', 'cpu', [], NO_GPU],
  ['none', 'balanced', 'does-not-fit', 'cpu', [], NO_GPU],
  ['none', 'low-memory', 'does-not-fit', 'cpu', [], NO_GPU],
  ['swiftshader', 'alpha-umi-7b', 'does-not-fit', 'cpu', [], SOFTWARE],
  ['swiftshader', 'balanced', 'does-not-fit', 'cpu', [], SOFTWARE],
  ['swiftshader', 'low-memory', 'does-not-fit', 'cpu', [], SOFTWARE],
  [
    'integrated 4 GB',
    'alpha-umi-7b',
    'does-not-fit',
    'low-memory',
    [QWEN_17B_F32],
    [
      /α-UMi 7B planner, α-UMi 7B caller and α-UMi 7B summarizer need shader-f16/,
      /no q4f32 build/,
      TO_LOW_MEMORY,
    ],
  ],
  [
    'integrated 4 GB',
    'balanced',
    'does-not-fit',
    'low-memory',
    [QWEN_17B_F32],
    [/needs about 6\.8 GB of GPU memory with the q4f32 builds, more than the 4\.0 GB/, TO_LOW_MEMORY],
  ],
  [
    'integrated 4 GB',
    'low-memory',
    'substituted',
    undefined,
    [QWEN_17B_F32],
    [/lacks shader-f16/, /Qwen3-1\.7B-q4f32_1-MLC for the planner, caller and summarizer/, /about 2\.6 GB/],
  ],
  [
    '8 GB f16',
    'alpha-umi-7b',
    'does-not-fit',
    'low-memory',
    [QWEN_17B],
    [/needs about 19\.8 GB of GPU memory, more than the 8\.0 GB/, /more GPU memory/, TO_LOW_MEMORY],
  ],
  ['8 GB f16', 'balanced', 'fits', undefined, [QWEN_4B, QWEN_17B], [/about 5\.3 GB of GPU memory, within/]],
  ['8 GB f16', 'low-memory', 'fits', undefined, [QWEN_17B], [/about 2\.0 GB/]],
  [
    '24 GB f16',
    'alpha-umi-7b',
    'fits',
    undefined,
    ALPHA_UMI,
    [/about 19\.8 GB .*within the 24\.0 GB budget/],
  ],
  ['24 GB f16', 'balanced', 'fits', undefined, [QWEN_4B, QWEN_17B], [/within the 24\.0 GB budget/]],
  ['24 GB f16', 'low-memory', 'fits', undefined, [QWEN_17B], [/within the 24\.0 GB budget/]],
];

function preset(id: string) {
  const found = webLlmCatalog.presets.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no preset ${id}`);
  return found;
}

function plan(adapterName: string, presetId: string): PresetPlan {
  const setting = ADAPTERS[adapterName];
  if (!setting) throw new Error(`no adapter ${adapterName}`);
  const options = setting.deviceMemoryMB === undefined ? {} : { deviceMemoryMB: setting.deviceMemoryMB };
  return planPreset(preset(presetId), webLlmCatalog, setting.adapter, options);
}

describe('memory planner', () => {
  it.each(TABLE)(
    'on %s, plans %s as %s (fallback %s)',
    (adapter, presetId, status, fallback, ids, phrases) => {
      const decision = plan(adapter, presetId);
      expect(decision.status).toBe(status);
      const runnable = decision.status === 'does-not-fit' ? decision.fallbackPlan : decision;
      expect(decision.status === 'does-not-fit' ? decision.fallback : undefined).toBe(fallback);
      expect(runnable.models.map((model) => model.id)).toEqual(ids);
      const text = decision.reasons.join(' ');
      for (const phrase of phrases) expect(text).toMatch(phrase);
    },
  );

  it('counts a model shared by two roles once', () => {
    const decision = plan('8 GB f16', 'balanced');
    expect(decision.status === 'fits' && decision.totalVramMB).toBe(3431.59 + 2036.66);
    expect(decision.status === 'fits' && decision.models[1]?.roles).toEqual(['caller', 'summarizer']);
  });

  it('lists each q4f16 → q4f32 swap with the roles it serves', () => {
    const decision = plan('integrated 4 GB', 'low-memory');
    expect(decision.status === 'substituted' && decision.substitutions).toEqual([
      { roles: ['planner', 'caller', 'summarizer'], from: QWEN_17B, to: QWEN_17B_F32 },
    ]);
  });

  it('falls back to the CPU when even the low-memory preset does not fit', () => {
    const adapter = gpu('intel', 'gen-9', []);
    const decision = planPreset(preset('balanced'), webLlmCatalog, adapter, { deviceMemoryMB: 2048 });
    expect(decision.status === 'does-not-fit' && decision.fallback).toBe('cpu');
    expect(decision.reasons.join(' ')).toMatch(/Balanced.*more than.*Low memory.*more than.*Chose the "CPU/);
  });

  it('assumes 4 GB of GPU memory when the caller gives no budget', () => {
    const decision = planPreset(preset('balanced'), webLlmCatalog, gpu('apple', 'metal-3', ['shader-f16']));
    expect(decision.status === 'does-not-fit' && decision.fallback).toBe('low-memory');
    expect(decision.reasons[0]).toMatch(/more than the 4\.0 GB/);
  });

  it('runs the CPU preset without any WebGPU adapter', () => {
    const decision = planPreset(preset('cpu'), webLlmCatalog, undefined);
    expect(decision).toMatchObject({ status: 'fits', models: [], totalVramMB: 0 });
    expect(decision.reasons[0]).toMatch(/needs no WebGPU/);
  });

  it('describes an adapter in one line', () => {
    expect(describeAdapter(ADAPTERS.swiftshader?.adapter)).toBe(
      'WebGPU: Google SwiftShader (fallback), shader-f16: no, largest buffer 256 MB',
    );
    expect(describeAdapter(ADAPTERS['8 GB f16']?.adapter)).toBe(
      'WebGPU: NVIDIA Turing, shader-f16: yes, largest buffer 2048 MB',
    );
    expect(describeAdapter(undefined)).toBe('WebGPU: no adapter');
  });
});
