import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseModelManifest } from './model-manifest.ts';
import { defaultPresets, parseModelPresets } from './model-presets.ts';
import { EMBEDDED_MODELS_DIR } from './node-model-files.ts';

const manifest = parseModelManifest(
  JSON.parse(await readFile(`${EMBEDDED_MODELS_DIR}/manifest.json`, 'utf8')),
  'manifest.json',
);

describe('model presets', () => {
  it('reads the shipped presets: α-UMi with three role models and the single-LLM backbone', async () => {
    const presets = parseModelPresets(
      JSON.parse(await readFile(`${EMBEDDED_MODELS_DIR}/presets.json`, 'utf8')),
      manifest,
      'presets.json',
    );
    expect(presets.map((preset) => [preset.mode, Object.keys(preset.models)])).toEqual([
      ['alpha-umi', ['planner', 'caller', 'summarizer']],
      ['backbone', ['backbone']],
    ]);
  });

  it('names the preset and slot whose model the manifest does not have', () => {
    const presets = { presets: [{ id: 'x', label: 'X', mode: 'backbone', models: { backbone: 'nope' } }] };
    expect(() => parseModelPresets(presets, manifest, 'presets.json')).toThrow(
      /presets\.json: presets\[0\]\.models\.backbone names nope, which the model manifest does not list/,
    );
    const missing = {
      presets: [{ id: 'x', label: 'X', mode: 'alpha-umi', models: { planner: 'umi-tiny-planner' } }],
    };
    expect(() => parseModelPresets(missing, manifest, 'presets.json')).toThrow(/models\.caller is missing/);
  });

  it('derives α-UMi and backbone presets from the manifest when there is no presets file', () => {
    expect(defaultPresets(manifest).map((preset) => preset.mode)).toEqual(['alpha-umi', 'backbone']);
  });
});
