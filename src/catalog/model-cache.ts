/** One cached model file. */
export interface CachedModel {
  url: string;
  bytes: number;
  /** The sha256 it was verified against when it was stored. */
  sha256: string;
}

/**
 * Model files kept in the browser so the next load needs no download. Entries are stored only after
 * their bytes matched the manifest's sha256, and are checked again when read.
 */
export interface ModelCache {
  get(url: string): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string } | undefined>;
  put(url: string, sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>;
  list(): Promise<CachedModel[]>;
  delete(url: string): Promise<void>;
}

const SHA_HEADER = 'x-umi-sha256';

/** Model files in the Cache Storage API (`umi-models`); undefined where the browser has none. */
export function browserModelCache(name = 'umi-models'): ModelCache | undefined {
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (storage === undefined) return undefined;
  const open = () => storage.open(name);
  return {
    async get(url) {
      const response = await (await open()).match(url);
      if (response === undefined) return undefined;
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        sha256: response.headers.get(SHA_HEADER) ?? '',
      };
    },
    async put(url, sha256, bytes) {
      const headers = {
        'content-type': 'application/octet-stream',
        'content-length': String(bytes.byteLength),
        [SHA_HEADER]: sha256,
      };
      await (await open()).put(url, new Response(bytes, { headers }));
    },
    async list() {
      const cache = await open();
      const requests = await cache.keys();
      const entries = await Promise.all(
        requests.map(async (request) => {
          const response = await cache.match(request);
          return {
            url: request.url,
            bytes: Number(response?.headers.get('content-length') ?? 0),
            sha256: response?.headers.get(SHA_HEADER) ?? '',
          };
        }),
      );
      return entries;
    },
    async delete(url) {
      await (await open()).delete(url);
    },
  };
}

/** Model files in memory (tests). */
export function memoryModelCache(): ModelCache & {
  entries: Map<string, { bytes: Uint8Array<ArrayBuffer>; sha256: string }>;
} {
  const entries = new Map<string, { bytes: Uint8Array<ArrayBuffer>; sha256: string }>();
  return {
    entries,
    get: async (url) => {
      const entry = entries.get(url);
      return entry && { bytes: entry.bytes.slice(), sha256: entry.sha256 };
    },
    put: async (url, sha256, bytes) => {
      entries.set(url, { bytes: bytes.slice(), sha256 });
    },
    list: async () =>
      [...entries].map(([url, entry]) => ({ url, bytes: entry.bytes.byteLength, sha256: entry.sha256 })),
    delete: async (url) => {
      entries.delete(url);
    },
  };
}
