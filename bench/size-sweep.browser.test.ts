import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelForRole } from '../src/catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR, loadManifestFile } from '../src/catalog/node-model-files.ts';
import { hasChromium } from '../src/engines/wllama/testing/browser-session.ts';
import { measureSizeSweep, SWEEP_SHAPES, sweepDtype } from './size-sweep.ts';
import { shapeParams } from './synthetic-gguf.ts';

describe('size sweep', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'umi-sweep-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('starts at the shipped planner shape, grows, and stores every default size as F32', async () => {
    const planner = modelForRole(await loadManifestFile(EMBEDDED_MODELS_DIR), 'planner');
    const params = SWEEP_SHAPES.map((shape) => shapeParams(shape, planner.tokenizer.vocabSize));
    expect(params[0]).toBe(planner.params);
    expect(params).toEqual([...params].sort((a, b) => a - b));
    expect(SWEEP_SHAPES.map((shape) => sweepDtype(shape, 1300))).toEqual(SWEEP_SHAPES.map(() => 'f32'));
    expect(sweepDtype({ dModel: 1024, layers: 24, heads: 16, ff: 2816, context: 1024 }, 1300)).toBe('f16');
  });

  it.skipIf(!hasChromium)(
    'runs the same synthetic file in native llama.cpp and in wllama, each decoding exactly maxTokens tokens',
    { timeout: 90_000 },
    async () => {
      const reported: string[] = [];
      const modelsDir = process.env.UMI_MODELS_DIR;
      const rows = await measureSizeSweep({
        shapes: [{ dModel: 64, layers: 2, heads: 2, ff: 128, context: 256 }],
        runs: 1,
        browser: true,
        prompt: 'The conversation history is:\nUser: What is the weather in Lausanne?</s>\nAssistant:',
        maxTokens: 24,
        dir,
        onRow: (row) => reported.push(row.file),
      });
      expect(rows).toHaveLength(1);
      const row = rows[0];
      if (!row) return;
      expect(reported).toEqual([row.file]);
      expect(row).toMatchObject({ dtype: 'f32', params: shapeParams(row.shape, 1300) });
      expect(row.native.completionTokens).toBe(24);
      expect(row.wllama?.completionTokens).toBe(24);
      expect(row.wllama?.promptTokens).toBe(row.native.promptTokens);
      expect(row.decodeRatio).toBeGreaterThan(0);
      expect(row.prefillRatio).toBeGreaterThan(0);
      // The dev server was pointed at the sweep's folder only while it started.
      expect(process.env.UMI_MODELS_DIR).toBe(modelsDir);
    },
  );
});
