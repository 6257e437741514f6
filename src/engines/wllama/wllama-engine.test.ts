import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { memoryModelCache } from '../../catalog/model-cache.ts';
import type { ModelEntry } from '../../catalog/model-manifest.ts';
import { sha256Hex } from '../../catalog/verify-model.ts';
import { collectGeneration, type GenerationEvent, GREEDY } from '../engine.ts';
import { VALID_TEXT_GRAMMAR } from './completion-params.ts';
import type { GpuLike } from './gpu-policy.ts';
import { type FakeScript, fakeWllamaFactory } from './testing/fake-wllama.ts';
import { WllamaEngine, type WllamaEngineOptions } from './wllama-engine.ts';

const FIXTURE = new URL('../node-llama/fixtures/tiny-random.gguf', import.meta.url);
const bytes = await readFile(FIXTURE);
const serve = (async () => new Response(new Uint8Array(bytes))) as unknown as typeof fetch;
const software: GpuLike = {
  requestAdapter: async () => ({ features: new Set<string>(), info: { isFallbackAdapter: true } }),
};

function setup(script: FakeScript = {}, options: Partial<WllamaEngineOptions> = {}) {
  const factory = fakeWllamaFactory(script);
  const engine = new WllamaEngine({
    modelId: 'tiny-random',
    url: '/models/tiny-random.gguf',
    fetch: serve,
    gpu: software,
    createWllama: factory,
    ...options,
  });
  return { engine, factory };
}

async function loaded(script: FakeScript = {}, options: Partial<WllamaEngineOptions> = {}) {
  const made = setup(script, options);
  await made.engine.load();
  const fake = made.factory.made[0];
  if (!fake) throw new Error('the engine made no wllama instance');
  return { ...made, fake };
}

describe('WllamaEngine (with a fake wllama)', () => {
  it('loads a model it could not keep in a full cache, and says so where it says where the model runs', async () => {
    const entry: ModelEntry = {
      id: 'tiny-random',
      role: 'caller',
      file: 'tiny-random.gguf',
      bytes: bytes.byteLength,
      sha256: await sha256Hex(new Uint8Array(bytes)),
      context: 512,
      params: 30_000,
      tokenizer: { type: 'byte-level-bpe', vocabSize: 300, sha256: '0'.repeat(64) },
      trainingDataSha256: '0'.repeat(64),
    };
    const cache = memoryModelCache();
    cache.put = async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const { engine } = await loaded({}, { entry, cache });
    expect(engine.device).toMatch(
      /; not kept in this browser's cache \(QuotaExceededError: The quota has been exceeded\.\), so the next visit downloads it again$/,
    );
  });

  it('loads on the CPU with an F32 KV cache, flash attention off, one sequence, one thread and the training context', async () => {
    const { engine, fake } = await loaded();
    expect(fake.loads).toEqual([
      expect.objectContaining({
        n_gpu_layers: 0,
        n_threads: 1,
        n_parallel: 1,
        n_ctx: 512,
        cache_type_k: 'f32',
        cache_type_v: 'f32',
        flash_attn: false,
      }),
    ]);
    expect(engine.capabilities.contextLength).toBe(512);
  });

  it('leaves the layer count to wllama (all offloaded) on a hardware WebGPU adapter with shader-f16', async () => {
    const hardware: GpuLike = {
      requestAdapter: async () => ({ features: new Set(['shader-f16']), info: {} }),
    };
    const { fake } = await loaded({}, { gpu: hardware });
    expect(fake.loads[0]).not.toHaveProperty('n_gpu_layers');
  });

  it('rounds a requested context up to llama.cpp’s multiple of 256 and reports that size', async () => {
    const { engine, fake } = await loaded({}, { contextSize: 300 });
    expect(fake.loads[0]?.n_ctx).toBe(512);
    expect(engine.capabilities.contextLength).toBe(512);
  });

  it('sends a greedy request with the prompt cache, stop strings, max tokens and the valid-text grammar', async () => {
    const { engine, fake } = await loaded();
    await collectGeneration(
      engine.complete({ prompt: 'Q:</s>', sampling: GREEDY, stop: ['\n'], maxTokens: 7 }),
    );
    expect(fake.requests[0]).toMatchObject({
      prompt: 'Q:</s>',
      temperature: 0,
      max_tokens: 7,
      stop: ['\n'],
      cache_prompt: true,
      grammar: VALID_TEXT_GRAMMAR,
      stream: true,
      return_progress: true,
    });
  });

  it('passes a GBNF grammar or a JSON Schema instead of the valid-text grammar', async () => {
    const { engine, fake } = await loaded();
    const schema = { type: 'object' };
    await collectGeneration(
      engine.complete({ prompt: 'a', constraint: { type: 'grammar', grammar: 'root ::= "a"' } }),
    );
    await collectGeneration(engine.complete({ prompt: 'a', constraint: { type: 'json-schema', schema } }));
    expect(fake.requests[0]).toMatchObject({ grammar: 'root ::= "a"' });
    expect(fake.requests[1]).toMatchObject({ json_schema: schema });
    expect(fake.requests[1]).not.toHaveProperty('grammar');
  });

  it('puts the BOS token’s text first when the model does not add BOS itself', async () => {
    const { engine, fake } = await loaded({ info: { add_bos_token: false } });
    await collectGeneration(engine.complete({ prompt: 'Question:' }));
    expect(fake.requests[0]?.prompt).toBe('<s>Question:');
  });

  it('streams each token as a delta and finishes with usage from llama.cpp’s timings', async () => {
    const { engine } = await loaded({ tokens: [' Par', 'is'], promptTokens: 20, cachedTokens: 15 });
    const events: GenerationEvent[] = [];
    for await (const event of engine.complete({ prompt: 'Q' })) events.push(event);
    expect(events).toEqual([
      { type: 'token-delta', text: ' Par' },
      { type: 'token-delta', text: 'is' },
      {
        type: 'finish',
        text: ' Paris',
        reason: 'stop',
        usage: {
          promptTokens: 20,
          reusedPromptTokens: 15,
          completionTokens: 2,
          prefillTokensPerSecond: 2500,
          decodeTokensPerSecond: 300,
        },
      },
    ]);
  });

  it('turns llama.cpp’s context refusal into context-overflow with both sizes', async () => {
    const completionError = new Error(
      'request (900 tokens) exceeds the available context size (512 tokens), try increasing it',
    );
    const { engine } = await loaded({ completionError });
    const error = await collectGeneration(engine.complete({ prompt: 'long' })).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({
      name: 'EngineError',
      code: 'context-overflow',
      data: { promptTokens: 900 },
    });
    expect((error as Error).message).toContain("tiny-random's context holds 512");
  });

  it('refuses to generate before load and after unload with not-loaded, and chat always with unsupported', async () => {
    const { engine } = setup();
    await expect(collectGeneration(engine.complete({ prompt: 'a' }))).rejects.toMatchObject({
      code: 'not-loaded',
    });
    await engine.load();
    await expect(collectGeneration(engine.chat({ messages: [] }))).rejects.toMatchObject({
      code: 'unsupported',
    });
    await engine.unload();
    await expect(collectGeneration(engine.complete({ prompt: 'a' }))).rejects.toMatchObject({
      code: 'not-loaded',
    });
  });

  it('reports a file llama.cpp refused as load-failed with its reason, and frees the instance', async () => {
    const loadLog = [
      "llama_model_load: error loading model: tensor 'blk.1.ffn_up.weight' data is not within the file bounds",
    ];
    const { engine, factory } = setup({ info: { success: false, n_vocab: 0 }, loadLog });
    const error = await engine.load().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'EngineError', code: 'load-failed' });
    expect((error as Error).message).toMatch(/tiny-random .*could not be loaded.*not within the file bounds/);
    expect(factory.made[0]?.exited).toBe(true);
    expect(engine.loaded).toBe(false);
  });

  it('checks a manifest entry before starting wllama: a sha256 mismatch fails naming the model', async () => {
    const entry = {
      id: 'umi-tiny-planner',
      role: 'planner',
      file: 'p.gguf',
      bytes: bytes.byteLength,
      sha256: '0'.repeat(64),
    };
    const { engine, factory } = setup({}, { entry: entry as ModelEntry });
    await expect(engine.load()).rejects.toMatchObject({
      code: 'load-failed',
      message: expect.stringMatching(/umi-tiny-planner.*sha256/),
    });
    expect(factory.made).toHaveLength(0);
  });

  it('unloading mid-generation ends the stream with abort, then frees the instance once wllama let go', async () => {
    const { engine, fake } = await loaded({ tokens: [' a', ' b', ' c', ' d'], tokenDelayMs: 5 });
    const events: GenerationEvent[] = [];
    for await (const event of engine.complete({ prompt: 'Q', maxTokens: 4 })) {
      events.push(event);
      if (events.length === 1) await engine.unload();
    }
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'abort', text: ' a' });
    expect(fake.pending).toBe(0);
    expect(fake.exited).toBe(true);
  });

  it('a crash mid-generation (llama.cpp aborted) fails naming the model, ends the instance, and the next load starts a fresh one', async () => {
    const completionError = Object.assign(new Error('(ABORT) Aborted(OOM)'), { name: 'RuntimeError' });
    const { engine, factory, fake } = await loaded({ completionError });
    const error = await collectGeneration(engine.complete({ prompt: 'Q' })).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({
      name: 'EngineError',
      code: 'generation-failed',
      data: { model: 'tiny-random', reason: 'crashed' },
      message: expect.stringMatching(
        /^tiny-random crashed while generating \(wllama: Aborted\(OOM\)\).*Load the models again/,
      ),
    });
    expect([engine.loaded, fake.exited]).toEqual([false, true]);
    await engine.load();
    expect([engine.loaded, factory.made.length]).toEqual([true, 2]);
  });

  it('a worker that is gone: stopping ends the stream with abort within releaseMs, ends the instance, and unloading does not wait for it', async () => {
    const { engine, fake } = await loaded({ silent: true }, { releaseMs: 50 });
    const stop = new AbortController();
    const started = performance.now();
    const finishing = collectGeneration(engine.complete({ prompt: 'Q', signal: stop.signal }));
    setTimeout(() => stop.abort(), 10);
    expect(await finishing).toMatchObject({ reason: 'abort', text: '' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect([engine.loaded, fake.exited]).toEqual([false, true]);

    const other = await loaded({ silent: true }, { releaseMs: 50 });
    const hanging = collectGeneration(other.engine.complete({ prompt: 'Q' }));
    await other.engine.unload();
    expect([other.engine.loaded, other.fake.exited]).toEqual([false, true]);
    expect(await hanging).toMatchObject({ reason: 'abort' });
  });

  it('ends at once, without a request, when maxTokens is 0', async () => {
    const { engine, fake } = await loaded();
    const finish = await collectGeneration(engine.complete({ prompt: 'Q', maxTokens: 0 }));
    expect(finish).toMatchObject({ text: '', reason: 'length', usage: { completionTokens: 0 } });
    expect(fake.requests).toHaveLength(0);
  });
});
