import { createStore as createIdbStore, delMany, get, getMany, setMany, type UseStore } from 'idb-keyval';

/** The few key-value operations the stored layouts need (idb-keyval's, or a Map's). */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  getMany(keys: string[]): Promise<unknown[]>;
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
}

/** An idb-keyval database and object store, opened on first use (so pages without IndexedDB fail only when they store). */
export function indexedDbKeyValue(database: string, storeName: string): KeyValue {
  let store: UseStore | undefined;
  const open = () => {
    store ??= createIdbStore(database, storeName);
    return store;
  };
  return {
    get: (key) => get(key, open()),
    getMany: (keys) => getMany(keys, open()),
    setMany: (entries) => setMany(entries, open()),
    delMany: (keys) => delMany(keys, open()),
  };
}

/** A Map as a key-value store; values are cloned in and out, as IndexedDB does. */
export function memoryKeyValue(keys: Map<string, unknown>): KeyValue {
  return {
    get: async (key) => structuredClone(keys.get(key)),
    getMany: async (list) => list.map((key) => structuredClone(keys.get(key))),
    setMany: async (entries) => {
      for (const [key, value] of entries) keys.set(key, structuredClone(value));
    },
    delMany: async (list) => {
      for (const key of list) keys.delete(key);
    },
  };
}
