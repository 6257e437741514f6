import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelForRole } from '../src/catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR, loadManifestFile, modelPath } from '../src/catalog/node-model-files.ts';
import { collectGeneration, GREEDY } from '../src/engines/engine.ts';
import { NodeLlamaEngine } from '../src/engines/node-llama/node-llama-engine.ts';
import { readGgufHeader } from '../src/engines/wllama/gguf-header.ts';
import { readGgufKeyValues } from './gguf-key-values.ts';
import { type ModelShape, shapeParams, writeSyntheticGguf } from './synthetic-gguf.ts';
import { toHalfBits } from './synthetic-weights.ts';

const TINY: ModelShape = { dModel: 64, layers: 2, heads: 2, ff: 128, context: 256 };
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

describe('synthetic GGUFs', () => {
  let dir = '';
  let planner = '';
  let plannerParams = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'umi-synthetic-'));
    const entry = modelForRole(await loadManifestFile(EMBEDDED_MODELS_DIR), 'planner');
    planner = modelPath(EMBEDDED_MODELS_DIR, entry);
    plannerParams = entry.params;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts parameters as the manifest does for the shipped planner shape', () => {
    const shipped = { dModel: 128, layers: 4, heads: 4, ff: 352, context: 1024 };
    expect(shapeParams(shipped, 1300)).toBe(plannerParams);
  });

  it('writes a llama GGUF whose header and key/values read back with the shape and the planner tokenizer', async () => {
    const model = await writeSyntheticGguf({ shape: TINY, dtype: 'f32', tokenizerFrom: planner, dir });
    const bytes = new Uint8Array(await readFile(model.path));
    expect(bytes.byteLength).toBe(model.bytes);
    expect(model).toMatchObject({ vocabSize: 1300, params: shapeParams(TINY, 1300), reused: false });
    expect(readGgufHeader(bytes)).toEqual({
      version: 3,
      architecture: 'llama',
      contextLength: 256,
      addBos: true,
      bosText: '<s>',
    });
    const values = new Map(readGgufKeyValues(bytes).map((entry) => [entry.key, entry]));
    const value = (key: string) => values.get(key)?.value;
    expect(value('llama.embedding_length')).toBe(64);
    expect(value('llama.block_count')).toBe(2);
    expect(value('llama.attention.head_count')).toBe(2);
    expect(value('llama.attention.head_count_kv')).toBe(2);
    expect(value('llama.feed_forward_length')).toBe(128);
    expect(value('llama.rope.dimension_count')).toBe(32);
    expect(value('general.file_type')).toBe(0);
    const shipped = readGgufKeyValues(new Uint8Array(await readFile(planner))).filter((e) =>
      e.key.startsWith('tokenizer.'),
    );
    expect(shipped.length).toBeGreaterThan(5);
    for (const entry of shipped) expect(values.get(entry.key)?.raw).toEqual(entry.raw);
  });

  it('reuses a complete file of the same shape, and the same seed writes the same bytes', async () => {
    const first = await writeSyntheticGguf({ shape: TINY, dtype: 'f16', tokenizerFrom: planner, dir });
    const modified = (await stat(first.path)).mtimeMs;
    const again = await writeSyntheticGguf({ shape: TINY, dtype: 'f16', tokenizerFrom: planner, dir });
    expect(again).toEqual({ ...first, reused: true });
    expect((await stat(first.path)).mtimeMs).toBe(modified);
    const elsewhere = await writeSyntheticGguf({
      shape: TINY,
      dtype: 'f16',
      tokenizerFrom: planner,
      dir: join(dir, 'copy'),
    });
    expect(await sha256(elsewhere.path)).toBe(await sha256(first.path));
    const otherSeed = await writeSyntheticGguf({
      shape: TINY,
      dtype: 'f16',
      tokenizerFrom: planner,
      dir,
      seed: 2,
    });
    expect(await sha256(otherSeed.path)).not.toBe(await sha256(first.path));
  });

  it.each(['f32', 'f16'] as const)(
    'native llama.cpp loads the %s model and greedy decoding never stops early at EOS',
    async (dtype) => {
      const model = await writeSyntheticGguf({ shape: TINY, dtype, tokenizerFrom: planner, dir });
      const engine = new NodeLlamaEngine({ modelPath: model.path, threads: 1 });
      await engine.load();
      try {
        expect(engine.capabilities.contextLength).toBe(256);
        for (const prompt of ['Hello', 'The conversation history is:\nUser: weather in Lausanne?</s>']) {
          const finish = await collectGeneration(
            engine.complete({ prompt, maxTokens: 40, sampling: GREEDY }),
          );
          expect(finish.reason).toBe('length');
          expect(finish.usage.completionTokens).toBe(40);
          expect(finish.usage.decodeTokensPerSecond).toBeGreaterThan(0);
        }
      } finally {
        await engine.unload();
      }
    },
  );

  it('converts floats to half precision with round-to-nearest-even', () => {
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(-2)).toBe(0xc000);
    expect(toHalfBits(0.1)).toBe(0x2e66);
    expect(toHalfBits(65504)).toBe(0x7bff);
    expect(toHalfBits(1e6)).toBe(0x7c00);
    expect(toHalfBits(2 ** -14)).toBe(0x0400);
    expect(toHalfBits(2 ** -24)).toBe(0x0001);
    expect(toHalfBits(2 ** -26)).toBe(0);
    expect(toHalfBits(1 + 2 ** -11)).toBe(0x3c00); // a tie rounds to the even mantissa
    expect(toHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });
});
