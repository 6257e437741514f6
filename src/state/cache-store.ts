import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CachedModel, ModelCache } from '../catalog/model-cache.ts';

/** The model files this browser keeps, and deleting them. */
export interface CacheState {
  /** False where the browser offers no cache (models are then downloaded on every visit). */
  available: boolean;
  entries: CachedModel[];
  /** A cache problem in words the user can act on ('' when none). */
  problem: string;
  refresh(): Promise<void>;
  remove(url: string): Promise<void>;
  clear(): Promise<void>;
}

/** Creates the cache store over a model cache (Cache Storage in the app, memory in tests). */
export function createCacheStore(cache: ModelCache | undefined): StoreApi<CacheState> {
  return createStore<CacheState>()((set, get) => {
    const attempt = async (what: string, action: () => Promise<unknown>) => {
      try {
        await action();
        set({ entries: (await cache?.list()) ?? [], problem: '' });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        set({ problem: `${what} (${reason}); the browser may block site storage.` });
      }
    };
    return {
      available: cache !== undefined,
      entries: [],
      problem: '',
      refresh: () => attempt('The model cache could not be read', async () => undefined),
      remove: (url) => attempt('The cached model could not be deleted', async () => cache?.delete(url)),
      clear: () =>
        attempt('The model cache could not be cleared', async () => {
          for (const entry of get().entries) await cache?.delete(entry.url);
        }),
    };
  });
}
