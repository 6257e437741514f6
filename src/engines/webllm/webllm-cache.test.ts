import type { AppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../agent/errors.ts';
import { createWebLlmCache, WEBLLM_MODEL_DATABASE, type WebLlmCacheLibrary } from './webllm-cache.ts';

const PREBUILT: AppConfig = {
  model_list: [{ model: 'https://hf.example/a', model_id: 'a', model_lib: 'https://libs.example/a.wasm' }],
};

/** A library over an in-memory set of cached model ids, recording the app configs it was given. */
function fakeLibrary(cached: string[], failWith?: unknown) {
  const stored = new Set(cached);
  const configs: (AppConfig | undefined)[] = [];
  let imports = 0;
  const library: WebLlmCacheLibrary = {
    prebuiltAppConfig: PREBUILT,
    async hasModelInCache(modelId, appConfig) {
      configs.push(appConfig);
      if (failWith !== undefined) throw failWith;
      return stored.has(modelId);
    },
    async deleteModelAllInfoInCache(modelId, appConfig) {
      configs.push(appConfig);
      if (failWith !== undefined) throw failWith;
      stored.delete(modelId);
    },
  };
  const load = async () => {
    imports++;
    return library;
  };
  return { load, stored, configs, imports: () => imports };
}

describe('WebLLM cache', () => {
  it('asks WebLLM about the prebuilt records in IndexedDB, as the host loads them, importing WebLLM once', async () => {
    const fake = fakeLibrary(['a']);
    const cache = createWebLlmCache({ library: fake.load });
    expect(await cache.has('a')).toBe(true);
    expect(await cache.has('b')).toBe(false);
    expect(fake.configs).toEqual([
      { ...PREBUILT, cacheBackend: 'indexeddb' },
      { ...PREBUILT, cacheBackend: 'indexeddb' },
    ]);
    expect(fake.imports()).toBe(1);
  });

  it('deletes every file of a model through the configured records and backend', async () => {
    const fake = fakeLibrary(['a']);
    const records: AppConfig = { model_list: [] };
    const cache = createWebLlmCache({ library: fake.load, appConfig: records, cacheBackend: 'cache' });
    await cache.delete('a');
    expect([...fake.stored]).toEqual([]);
    expect(fake.configs).toEqual([{ model_list: [], cacheBackend: 'cache' }]);
  });

  it('turns what WebLLM threw into an EngineError that names the model, says what to do and keeps the cause', async () => {
    const cache = createWebLlmCache({ library: fakeLibrary([], 'UnknownError: The operation failed').load });
    const read = await cache.has('a').catch((error: unknown) => error);
    expect(read).toBeInstanceOf(EngineError);
    expect((read as EngineError).message).toBe(
      "WebLLM's cache could not be read for a (The operation failed). The browser may block site storage; allow it for this site and try again.",
    );
    expect((read as EngineError).data).toMatchObject({
      model: 'a',
      reason: 'cache-read',
      cause: { name: 'UnknownError', message: 'The operation failed' },
    });
    await expect(cache.delete('a')).rejects.toMatchObject({
      message: expect.stringMatching(/^a could not be deleted from WebLLM's cache/),
      data: { reason: 'cache-delete' },
    });
  });

  it('answers no without importing WebLLM while its IndexedDB database does not exist', async () => {
    const fake = fakeLibrary(['a']);
    let names = ['umi-sessions'];
    const cache = createWebLlmCache({ library: fake.load, databases: async () => names });
    expect(await cache.has('a')).toBe(false);
    expect(fake.imports()).toBe(0);
    names = ['umi-sessions', WEBLLM_MODEL_DATABASE];
    expect(await cache.has('a')).toBe(true);
    const elsewhere = createWebLlmCache({
      library: fake.load,
      databases: async () => [],
      cacheBackend: 'cache',
    });
    expect(await elsewhere.has('a')).toBe(true);
  });

  it('imports WebLLM again after a failed import', async () => {
    const fake = fakeLibrary(['a']);
    let tries = 0;
    const cache = createWebLlmCache({
      library: async () => {
        if (++tries === 1) throw new TypeError('Failed to fetch dynamically imported module');
        return fake.load();
      },
    });
    await expect(cache.has('a')).rejects.toBeInstanceOf(EngineError);
    expect(await cache.has('a')).toBe(true);
  });
});
