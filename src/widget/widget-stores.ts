import type { StoreApi } from 'zustand/vanilla';
import type { ErrorData } from '../agent/errors.ts';
import type { AgentEvent } from '../agent/events.ts';
import { browserModelCache } from '../catalog/model-cache.ts';
import type { ModelEntry } from '../catalog/model-manifest.ts';
import type { Engine } from '../engines/engine.ts';
import { OpenAiEngine } from '../engines/openai/openai-engine.ts';
import { defaultWllamaAssets } from '../engines/wllama/asset-paths.ts';
import { WllamaEngine } from '../engines/wllama/wllama-engine.ts';
import type { AgentState } from '../state/agent-state.ts';
import { createAgentStore } from '../state/agent-store.ts';
import { type CacheState, createCacheStore } from '../state/cache-store.ts';
import { overlapFits } from '../state/overlap-policy.ts';
import { createRemoteStore, type RemoteState } from '../state/remote-store.ts';
import { memorySessionStorage } from '../state/session-storage.ts';
import { createSessionStore, type SessionState } from '../state/session-store.ts';
import { memorySettingsStorage } from '../state/settings-storage.ts';
import { createSettingsStore, type SettingsState } from '../state/settings-store.ts';

/** What one widget is pointed at (its attributes, resolved) and where its events go. */
export interface WidgetConfig {
  /** The model manifest's URL (`models` attribute + `manifest.json`). */
  manifestUrl: string;
  /** The OpenAPI document's URL; `null` offers the page functions only. */
  openApiUrl: string | null;
  preset?: string;
  /** Where wllama's wasm is served (`<base>wllama/wllama.wasm`): beside the widget's script. */
  assetsBase: string;
  onEvent?: (event: AgentEvent) => void;
  onProblem?: (error: ErrorData) => void;
  /** Makes a role model's engine; wllama in a worker by default (tests pass a scripted one). */
  createEngine?: (entry: ModelEntry, url: string) => Engine;
  fetch?: typeof fetch;
}

/** The stores one widget renders; each widget has its own, so two on a page share nothing but the model cache. */
export interface WidgetStores {
  agent: StoreApi<AgentState>;
  sessions: StoreApi<SessionState>;
  settings: StoreApi<SettingsState>;
  cache: StoreApi<CacheState>;
  /** Role models on an OpenAI-compatible server instead of the page's (connectRemote). */
  remote: StoreApi<RemoteState>;
}

/**
 * The stores of one widget: runs and settings kept in memory (a host page's storage is not ours to
 * fill; API secrets last as long as the element), verified model files in the page's Cache Storage.
 */
export function createWidgetStores(config: WidgetConfig): WidgetStores {
  const sessions = createSessionStore(memorySessionStorage());
  const settings = createSettingsStore(memorySettingsStorage());
  const modelCache = browserModelCache();
  const cache = createCacheStore(modelCache);
  const assets = defaultWllamaAssets(config.assetsBase);
  const agent = createAgentStore({
    sessions,
    settings,
    overlap: overlapFits(navigator.hardwareConcurrency),
    createEngine:
      config.createEngine ??
      ((entry, url) =>
        new WllamaEngine({
          modelId: entry.id,
          url,
          entry,
          assets,
          ...(modelCache ? { cache: modelCache } : {}),
        })),
    manifestUrl: config.manifestUrl,
    openApiUrl: config.openApiUrl,
    ...(config.preset === undefined ? {} : { preset: config.preset }),
    ...(config.onEvent === undefined ? {} : { onEvent: config.onEvent }),
    ...(config.onProblem === undefined ? {} : { onProblem: config.onProblem }),
    ...(config.fetch === undefined ? {} : { fetch: config.fetch }),
  });
  const remote = createRemoteStore({ agent, settings, createEngine: (options) => new OpenAiEngine(options) });
  return { agent, sessions, settings, cache, remote };
}
