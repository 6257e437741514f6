import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { memoryModelCache } from '../../catalog/model-cache.ts';
import type { ModelEntry } from '../../catalog/model-manifest.ts';
import { sha256Hex } from '../../catalog/verify-model.ts';
import type { LoadProgress } from '../engine.ts';
import { fetchModelBytes, type ModelSource } from './model-bytes.ts';

const bytes = new Uint8Array(
  await readFile(new URL('../node-llama/fixtures/tiny-random.gguf', import.meta.url)),
);
const entry: ModelEntry = {
  id: 'umi-tiny-caller',
  role: 'caller',
  file: 'umi-tiny-caller.gguf',
  bytes: bytes.byteLength,
  sha256: await sha256Hex(bytes),
  context: 512,
  params: 30_000,
  tokenizer: { type: 'byte-level-bpe', vocabSize: 300, sha256: '0'.repeat(64) },
  trainingDataSha256: '0'.repeat(64),
};

/** A fetch answering every request with this body (in 4 KiB chunks) or status. */
function serving(body: Uint8Array | null, status = 200): typeof fetch {
  return (async () => {
    if (body === null) return new Response('not here', { status });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.byteLength; at += 4096) controller.enqueue(body.slice(at, at + 4096));
        controller.close();
      },
    });
    return new Response(stream, { status, headers: { 'Content-Length': String(body.byteLength) } });
  }) as unknown as typeof fetch;
}

const source = (overrides: Partial<ModelSource>): ModelSource => ({
  modelId: 'umi-tiny-caller',
  url: '/models/umi-tiny-caller.gguf',
  fetch: serving(bytes),
  share: 0.5,
  ...overrides,
});

describe('fetchModelBytes', () => {
  it('downloads a GGUF that matches its manifest entry, reporting rising progress up to its share', async () => {
    const progress: LoadProgress[] = [];
    const { bytes: got, header } = await fetchModelBytes(
      source({ entry, onProgress: (step) => progress.push(step) }),
    );
    expect(await sha256Hex(got)).toBe(entry.sha256);
    expect(header.contextLength).toBe(512);
    const fractions = progress.map((step) => step.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      fraction: 0.5,
      loadedBytes: bytes.byteLength,
      totalBytes: bytes.byteLength,
    });
  });

  it('names the model and says what to do when the file is missing', async () => {
    const error = await fetchModelBytes(source({ fetch: serving(null, 404) })).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ name: 'EngineError', code: 'load-failed', data: { status: 404 } });
    expect((error as Error).message).toMatch(
      /umi-tiny-caller was not found at \/models\/umi-tiny-caller.gguf.*git checkout models/,
    );
  });

  it('names the model when the download cannot start', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(fetchModelBytes(source({ fetch: offline }))).rejects.toMatchObject({
      code: 'load-failed',
      message: expect.stringContaining('umi-tiny-caller could not be downloaded'),
    });
  });

  it('refuses a truncated or altered file by its manifest size and sha256', async () => {
    const truncated = source({ entry, fetch: serving(bytes.subarray(0, 1000)) });
    await expect(fetchModelBytes(truncated)).rejects.toMatchObject({
      message: expect.stringMatching(/umi-tiny-caller.*truncated/),
    });
    const altered = bytes.slice();
    altered[100] = (altered[100] ?? 0) ^ 0xff;
    await expect(fetchModelBytes(source({ entry, fetch: serving(altered) }))).rejects.toMatchObject({
      message: expect.stringMatching(/umi-tiny-caller.*sha256/),
    });
  });

  it('refuses, naming the model, a file that is not a GGUF or ends inside its header', async () => {
    const html = new TextEncoder().encode('<!doctype html><p>index</p>');
    await expect(fetchModelBytes(source({ fetch: serving(html) }))).rejects.toMatchObject({
      message: expect.stringMatching(/umi-tiny-caller .*not a GGUF file/),
    });
    await expect(fetchModelBytes(source({ fetch: serving(bytes.subarray(0, 300)) }))).rejects.toMatchObject({
      message: expect.stringMatching(/umi-tiny-caller .*truncated/),
    });
  });

  it('stops with aborted when the signal fires', async () => {
    const signal = AbortSignal.abort();
    await expect(fetchModelBytes(source({ signal }))).rejects.toMatchObject({ code: 'aborted' });
  });

  it('keeps a verified download in the cache and loads it from there next time without the network', async () => {
    const cache = memoryModelCache();
    await fetchModelBytes(source({ entry, cache }));
    expect(await cache.list()).toEqual([
      { url: '/models/umi-tiny-caller.gguf', bytes: bytes.byteLength, sha256: entry.sha256 },
    ]);
    const offline = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    const progress: LoadProgress[] = [];
    const again = await fetchModelBytes(
      source({ entry, cache, fetch: offline, onProgress: (step) => progress.push(step) }),
    );
    expect(await sha256Hex(again.bytes)).toBe(entry.sha256);
    expect(progress.at(-1)?.text).toMatch(/from this browser's cache/);
  });

  it('says why a verified download could not be kept in the cache, and still returns it', async () => {
    const full = memoryModelCache();
    full.put = async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const loaded = await fetchModelBytes(source({ entry, cache: full }));
    expect(await sha256Hex(loaded.bytes)).toBe(entry.sha256);
    expect(loaded.cacheProblem).toBe('QuotaExceededError: The quota has been exceeded.');
    expect(
      (await fetchModelBytes(source({ entry, cache: memoryModelCache() }))).cacheProblem,
    ).toBeUndefined();
  });

  it('drops a damaged or outdated cached copy and downloads the file again', async () => {
    const cache = memoryModelCache();
    const damaged = bytes.slice();
    damaged[damaged.length - 1] = (damaged.at(-1) ?? 0) ^ 1;
    await cache.put('/models/umi-tiny-caller.gguf', entry.sha256, damaged);
    const got = await fetchModelBytes(source({ entry, cache }));
    expect(await sha256Hex(got.bytes)).toBe(entry.sha256);
    expect(
      await sha256Hex((await cache.get('/models/umi-tiny-caller.gguf'))?.bytes ?? new Uint8Array()),
    ).toBe(entry.sha256);
  });

  it('never caches a file that fails its check', async () => {
    const cache = memoryModelCache();
    const altered = bytes.slice();
    altered[100] = (altered[100] ?? 0) ^ 1;
    await expect(fetchModelBytes(source({ entry, cache, fetch: serving(altered) }))).rejects.toMatchObject({
      code: 'load-failed',
    });
    expect(await cache.list()).toEqual([]);
  });
});
