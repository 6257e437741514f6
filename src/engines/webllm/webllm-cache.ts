import type { AppConfig } from '@mlc-ai/web-llm';
import { EngineError } from '../../agent/errors.ts';
import type { CacheBackend } from './mlc-runtime.ts';
import { mlcFailure } from './webllm-errors.ts';

/** The models WebLLM keeps in this browser: whether one is fully downloaded, and deleting one. */
export interface WebLlmCache {
  /** True when every weight shard of the model is in WebLLM's cache. */
  has(modelId: string): Promise<boolean>;
  /** Deletes the model's weights, tokenizer, model library and config from WebLLM's cache. */
  delete(modelId: string): Promise<void>;
}

/** The part of `@mlc-ai/web-llm` the cache uses (tests inject their own). */
export interface WebLlmCacheLibrary {
  hasModelInCache(modelId: string, appConfig?: AppConfig): Promise<boolean>;
  deleteModelAllInfoInCache(modelId: string, appConfig?: AppConfig): Promise<void>;
  prebuiltAppConfig: AppConfig;
}

/** Which cache to read: the same records and backend the WebLLM host loads with. */
export interface WebLlmCacheOptions {
  /** Model records; default WebLLM's prebuilt list (as WebLlmHost without an appConfig). */
  appConfig?: AppConfig;
  /** Default `indexeddb`, as WebLlmHost. */
  cacheBackend?: CacheBackend;
  /** WebLLM's functions; default: `@mlc-ai/web-llm`, imported on first use. */
  library?: () => Promise<WebLlmCacheLibrary>;
  /** This origin's IndexedDB database names (undefined where the browser cannot list them). */
  databases?: () => Promise<string[] | undefined>;
}

/** The IndexedDB database WebLLM's `indexeddb` backend keeps weights in (named after its cache scope). */
export const WEBLLM_MODEL_DATABASE = 'webllm/model';

async function browserDatabases(): Promise<string[] | undefined> {
  const indexedDb = globalThis.indexedDB as IDBFactory | undefined;
  if (typeof indexedDb?.databases !== 'function') return undefined;
  return (await indexedDb.databases()).flatMap(({ name }) => (name === undefined ? [] : [name]));
}

/** The error for a cache operation that failed, keeping WebLLM's error as data. */
export function cacheError(modelId: string, action: 'read' | 'delete', error: unknown): EngineError {
  const cause = mlcFailure(error);
  const what =
    action === 'read'
      ? `WebLLM's cache could not be read for ${modelId}`
      : `${modelId} could not be deleted from WebLLM's cache`;
  return new EngineError(
    'load-failed',
    `${what} (${cause.message}). The browser may block site storage; allow it for this site and try again.`,
    { model: modelId, cause, reason: `cache-${action}` },
  );
}

/**
 * WebLLM's own cache of downloaded models, looked up with the app config the host loads with
 * (its records, `cacheBackend` set), so both see the same IndexedDB databases. Where WebLLM has no
 * IndexedDB database yet, nothing is cached and WebLLM (large) is not imported to say so.
 */
export function createWebLlmCache(options: WebLlmCacheOptions = {}): WebLlmCache {
  const { cacheBackend = 'indexeddb', databases = browserDatabases } = options;
  const library = options.library ?? (() => import('@mlc-ai/web-llm'));
  let loaded: Promise<{ webllm: WebLlmCacheLibrary; appConfig: AppConfig }> | undefined;
  const open = () => {
    loaded ??= library().then(
      (webllm) => ({
        webllm,
        appConfig: { ...(options.appConfig ?? webllm.prebuiltAppConfig), cacheBackend },
      }),
      (error: unknown) => {
        loaded = undefined; // a failed import (offline) is tried again next time
        throw error;
      },
    );
    return loaded;
  };
  return {
    async has(modelId) {
      try {
        const names = cacheBackend === 'indexeddb' ? await databases() : undefined;
        if (names !== undefined && !names.includes(WEBLLM_MODEL_DATABASE)) return false;
        const { webllm, appConfig } = await open();
        return await webllm.hasModelInCache(modelId, appConfig);
      } catch (error) {
        throw cacheError(modelId, 'read', error);
      }
    },
    async delete(modelId) {
      try {
        const { webllm, appConfig } = await open();
        await webllm.deleteModelAllInfoInCache(modelId, appConfig);
      } catch (error) {
        throw cacheError(modelId, 'delete', error);
      }
    },
  };
}
