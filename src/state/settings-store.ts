import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SecretsStore } from '../tools/execute/http-executor.ts';
import type { SecurityScheme, Tool } from '../tools/tool.ts';
import type { ConfirmPolicy, Preferences, SavedTools, SettingsStorage, Theme } from './settings-storage.ts';

/** A secret one of the tools needs: the API, its security scheme, and whether a value is stored. */
export interface SecretSlot {
  api: string;
  scheme: SecurityScheme;
  isSet: boolean;
}

/** The user's settings: the confirmation policy and the APIs' secrets (values never enter the state). */
export interface SettingsState {
  confirmPolicy: ConfirmPolicy;
  theme: Theme;
  /** The tools the user imported (undefined: the demo API). */
  savedTools: SavedTools | undefined;
  /** Keys (`secretKey(api, schemeId)`) of the secrets that have a value. */
  secretKeys: string[];
  /** A storage problem in words the user can act on ('' when none). */
  problem: string;
  /** Reads the stored settings; every call returns the same reading. */
  hydrate(): Promise<void>;
  saveTools(tools: SavedTools | undefined): void;
  setConfirmPolicy(policy: ConfirmPolicy): void;
  setTheme(theme: Theme): void;
  setSecret(api: string, schemeId: string, value: string): Promise<void>;
  clearSecret(api: string, schemeId: string): Promise<void>;
  /** The secrets store the HTTP executor reads at call time. */
  secrets: SecretsStore;
}

const DEFAULT_PREFERENCES: Preferences = { confirmPolicy: 'ask', theme: 'system' };
const POLICIES: readonly ConfirmPolicy[] = ['ask', 'allow', 'deny'];
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** The storage key of one API's secret for one security scheme. */
export function secretKey(api: string, schemeId: string): string {
  return `${api}\u0000${schemeId}`;
}

/** The secrets the tools' security schemes ask for, one per API and scheme, in tool order. */
export function secretSlots(tools: readonly Tool[], setKeys: readonly string[]): SecretSlot[] {
  const slots = new Map<string, SecretSlot>();
  for (const tool of tools) {
    const api = tool.api ?? tool.name;
    for (const scheme of tool.http?.security.flat() ?? []) {
      const key = secretKey(api, scheme.id);
      if (!slots.has(key)) slots.set(key, { api, scheme, isSet: setKeys.includes(key) });
    }
  }
  return [...slots.values()];
}

/** Creates the settings store over a storage (IndexedDB in the app, memory in tests). */
export function createSettingsStore(storage: SettingsStorage): StoreApi<SettingsState> {
  return createStore<SettingsState>()((set, get) => {
    const failed = (what: string) => (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      set({ problem: `${what} (${reason}); this browser may block site storage.` });
    };
    const refreshKeys = async () => set({ secretKeys: await storage.secretKeys() });
    const savePreferences = () => {
      const { confirmPolicy, theme, savedTools } = get();
      const preferences: Preferences = { confirmPolicy, theme, ...(savedTools ? { tools: savedTools } : {}) };
      storage.savePreferences(preferences).catch(failed('The setting could not be saved'));
    };
    let hydrating: Promise<void> | undefined;
    return {
      ...DEFAULT_PREFERENCES,
      savedTools: undefined,
      secretKeys: [],
      problem: '',
      hydrate() {
        hydrating ??= (async () => {
          try {
            const stored = (await storage.loadPreferences()) as Partial<Preferences> | undefined;
            const { confirmPolicy, theme, tools } = stored ?? {};
            if (confirmPolicy !== undefined && POLICIES.includes(confirmPolicy)) set({ confirmPolicy });
            if (theme !== undefined && THEMES.includes(theme)) set({ theme });
            if (isSavedTools(tools)) set({ savedTools: tools });
            await refreshKeys();
          } catch (error) {
            failed('Settings could not be read')(error);
          }
        })();
        return hydrating;
      },
      saveTools(savedTools) {
        set({ savedTools });
        savePreferences();
      },
      setConfirmPolicy(confirmPolicy) {
        set({ confirmPolicy });
        savePreferences();
      },
      setTheme(theme) {
        set({ theme });
        savePreferences();
      },
      async setSecret(api, schemeId, value) {
        if (value === '') return get().clearSecret(api, schemeId);
        await storage
          .setSecret(secretKey(api, schemeId), value)
          .then(refreshKeys, failed('The secret could not be saved'));
      },
      async clearSecret(api, schemeId) {
        await storage
          .deleteSecret(secretKey(api, schemeId))
          .then(refreshKeys, failed('The secret could not be deleted'));
      },
      secrets: { get: (api, schemeId) => storage.getSecret(secretKey(api, schemeId)) },
    };
  });
}

function isSavedTools(value: unknown): value is SavedTools {
  const tools = value as Partial<SavedTools> | undefined;
  return (
    typeof tools === 'object' &&
    tools !== null &&
    typeof tools.label === 'string' &&
    (typeof tools.url === 'string' || typeof tools.text === 'string') &&
    Array.isArray(tools.disabled)
  );
}
