import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS_DIR } from './node-model-files.ts';
import {
  parseWebLlmCatalog,
  presetAssignments,
  type WebLlmCatalog,
  webLlmCatalog,
} from './webllm-catalog.ts';

const shipped = JSON.parse(
  await readFile(`${EMBEDDED_MODELS_DIR}/webllm-catalog.json`, 'utf8'),
) as WebLlmCatalog;

/** A copy of the shipped catalog, changed by `edit`. */
function broken(edit: (catalog: WebLlmCatalog) => void): WebLlmCatalog {
  const copy = structuredClone(shipped);
  edit(copy);
  return copy;
}

const indexOf = (catalog: WebLlmCatalog, id: string) => catalog.models.findIndex((model) => model.id === id);

describe('WebLLM catalog', () => {
  it('ships a catalog that matches its schema and whose ids all resolve', () => {
    expect(parseWebLlmCatalog(shipped)).toEqual(shipped);
    expect(webLlmCatalog.presets.map((preset) => [preset.id, preset.mode])).toEqual([
      ['alpha-umi-7b', 'alpha-umi'],
      ['balanced', 'alpha-umi'],
      ['low-memory', 'shared'],
      ['cpu', 'cpu'],
    ]);
  });

  it('records the vram_required_MB of WebLLM 0.2.86 and the shader-f16 need of every q4f16 build', () => {
    const vram = Object.fromEntries(webLlmCatalog.models.map((model) => [model.id, model.vramRequiredMB]));
    expect(vram).toMatchObject({
      'Qwen3-4B-q4f16_1-MLC': 3431.59,
      'Qwen3-1.7B-q4f32_1-MLC': 2635.44,
      'Llama-3.2-1B-Instruct-q4f16_1-MLC': 879.04,
      'alpha-umi-7b-planner-q4f16_1': 6749.02,
    });
    for (const model of webLlmCatalog.models)
      expect(model.requiredFeatures.includes('shader-f16')).toBe(model.quantization === 'q4f16_1');
  });

  it('points the CPU preset at an embedded preset of models/presets.json', async () => {
    const embedded = JSON.parse(await readFile(`${EMBEDDED_MODELS_DIR}/presets.json`, 'utf8')) as {
      presets: { id: string }[];
    };
    const cpu = webLlmCatalog.presets.find((preset) => preset.mode === 'cpu');
    expect(embedded.presets.map((preset) => preset.id)).toContain(cpu?.models.embedded);
  });

  it('loads a model shared by two roles once', () => {
    const balanced = webLlmCatalog.presets.find((preset) => preset.id === 'balanced');
    expect(balanced && presetAssignments(balanced)).toEqual([
      { roles: ['planner'], id: 'Qwen3-4B-q4f16_1-MLC' },
      { roles: ['caller', 'summarizer'], id: 'Qwen3-1.7B-q4f16_1-MLC' },
    ]);
  });

  it('names the preset and role whose model id the catalog does not list', () => {
    const catalog = broken((copy) => {
      const balanced = copy.presets[1];
      if (balanced?.mode === 'alpha-umi') balanced.models.caller = 'Qwen3-2B-q4f16_1-MLC';
    });
    expect(() => parseWebLlmCatalog(catalog)).toThrow(
      /presets\[1\] \(balanced\)\.models\.caller names Qwen3-2B-q4f16_1-MLC, which the catalog's models do not list\. Use an id from "models"/,
    );
  });

  it('names the entry that repeats a model id', () => {
    const catalog = broken((copy) => {
      const model = copy.models[1];
      if (model) model.id = 'Qwen3-4B-q4f16_1-MLC';
    });
    expect(() => parseWebLlmCatalog(catalog)).toThrow(
      /models\[1\] repeats the id Qwen3-4B-q4f16_1-MLC\. Give every model its own id\./,
    );
  });

  it('names the model whose f32Variant is not a q4f32 build', () => {
    const catalog = broken((copy) => {
      const qwen = copy.models[indexOf(copy, 'Qwen3-4B-q4f16_1-MLC')];
      if (qwen) qwen.f32Variant = 'Qwen3-1.7B-q4f16_1-MLC';
    });
    expect(() => parseWebLlmCatalog(catalog)).toThrow(
      /models\[0\] \(Qwen3-4B-q4f16_1-MLC\)\.f32Variant names Qwen3-1\.7B-q4f16_1-MLC, which is q4f16_1, not q4f32_1\. Point it at the q4f32_1 build\./,
    );
  });

  it('names the entry and field that break the schema', () => {
    const catalog = broken((copy) => {
      const model = copy.models[2] as unknown as Record<string, unknown>;
      model.quantization = 'q8';
    });
    expect(() => parseWebLlmCatalog(catalog)).toThrow(
      /models\[2\] \(Qwen3-1\.7B-q4f16_1-MLC\)\.quantization: Instance does not match any of \["q4f16_1","q4f32_1"\]/,
    );
  });

  it('requires the presets the memory planner falls back to', () => {
    const catalog = broken((copy) => {
      copy.presets = copy.presets.filter((preset) => preset.id !== 'low-memory');
    });
    expect(() => parseWebLlmCatalog(catalog)).toThrow(/presets lack the "low-memory" preset/);
  });
});
