import { createStore as createIdbStore, del, get, keys, set, type UseStore } from 'idb-keyval';

/** What the app does before a call that changes data: ask the user, send it, or refuse it. */
export type ConfirmPolicy = 'ask' | 'allow' | 'deny';

/** The colour theme: the system's, or always light or dark. */
export type Theme = 'system' | 'light' | 'dark';

/** The imported OpenAPI document (its URL, or the text of a file or paste) and the operations switched off. */
export interface SavedTools {
  url?: string;
  text?: string;
  label: string;
  disabled: string[];
}

/** Settings that survive a reload. */
export interface Preferences {
  confirmPolicy: ConfirmPolicy;
  theme: Theme;
  /** Absent: the demo API. */
  tools?: SavedTools;
}

/** Where preferences and API secrets live: IndexedDB in the browser (never sent anywhere), memory in tests. */
export interface SettingsStorage {
  loadPreferences(): Promise<unknown>;
  savePreferences(preferences: Preferences): Promise<void>;
  getSecret(key: string): Promise<string | undefined>;
  setSecret(key: string, value: string): Promise<void>;
  deleteSecret(key: string): Promise<void>;
  /** Keys of the secrets that have a value. */
  secretKeys(): Promise<string[]>;
}

const PREFERENCES_KEY = 'preferences';
const SECRET_PREFIX = 'secret:';

/** Settings in their own IndexedDB database (idb-keyval keeps one object store per database). */
export function indexedDbSettingsStorage(database = 'umi-settings', storeName = 'settings'): SettingsStorage {
  let store: UseStore | undefined;
  const open = () => {
    store ??= createIdbStore(database, storeName);
    return store;
  };
  return {
    loadPreferences: () => get(PREFERENCES_KEY, open()),
    savePreferences: (preferences) => set(PREFERENCES_KEY, preferences, open()),
    getSecret: (key) => get<string>(SECRET_PREFIX + key, open()),
    setSecret: (key, value) => set(SECRET_PREFIX + key, value, open()),
    deleteSecret: (key) => del(SECRET_PREFIX + key, open()),
    secretKeys: async () =>
      (await keys(open()))
        .map((key) => String(key))
        .filter((key) => key.startsWith(SECRET_PREFIX))
        .map((key) => key.slice(SECRET_PREFIX.length)),
  };
}

/** Settings in memory: tests, and pages where IndexedDB is unavailable. */
export function memorySettingsStorage(): SettingsStorage & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    loadPreferences: async () => structuredClone(values.get(PREFERENCES_KEY)),
    savePreferences: async (preferences) => {
      values.set(PREFERENCES_KEY, structuredClone(preferences));
    },
    getSecret: async (key) => values.get(SECRET_PREFIX + key) as string | undefined,
    setSecret: async (key, value) => {
      values.set(SECRET_PREFIX + key, value);
    },
    deleteSecret: async (key) => {
      values.delete(SECRET_PREFIX + key);
    },
    secretKeys: async () =>
      [...values.keys()]
        .filter((key) => key.startsWith(SECRET_PREFIX))
        .map((key) => key.slice(SECRET_PREFIX.length)),
  };
}
