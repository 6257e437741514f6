import { describe, expect, it } from 'vitest';
import { memoryModelCache } from '../catalog/model-cache.ts';
import { createCacheStore } from './cache-store.ts';

describe('the cache store', () => {
  it('lists the cached model files with their sizes, deletes one, then clears the rest', async () => {
    const cache = memoryModelCache();
    await cache.put('http://app.test/models/a.gguf', 'a'.repeat(64), new Uint8Array(10));
    await cache.put('http://app.test/models/b.gguf', 'b'.repeat(64), new Uint8Array(20));
    const store = createCacheStore(cache);
    await store.getState().refresh();
    expect(store.getState().entries.map((entry) => [entry.url, entry.bytes])).toEqual([
      ['http://app.test/models/a.gguf', 10],
      ['http://app.test/models/b.gguf', 20],
    ]);
    await store.getState().remove('http://app.test/models/a.gguf');
    expect(store.getState().entries).toHaveLength(1);
    await store.getState().clear();
    expect(store.getState().entries).toEqual([]);
    expect(await cache.list()).toEqual([]);
  });

  it('says so when the cache cannot be read', async () => {
    const cache = memoryModelCache();
    cache.list = async () => {
      throw new Error('QuotaExceededError');
    };
    const store = createCacheStore(cache);
    await store.getState().refresh();
    expect(store.getState().problem).toMatch(/could not be read \(QuotaExceededError\)/);
  });

  it('reports no cache where the browser has none', () => {
    expect(createCacheStore(undefined).getState().available).toBe(false);
  });
});
