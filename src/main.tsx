import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browserModelCache } from './catalog/model-cache.ts';
import { checkStorage } from './catalog/storage-check.ts';
import { detectAdapter, type GpuLike } from './catalog/webgpu-adapter.ts';
import { webLlmCatalog } from './catalog/webllm-catalog.ts';
import { OpenAiEngine } from './engines/openai/openai-engine.ts';
import { userWeightsRecord } from './engines/webllm/user-weights.ts';
import { createWebLlmCache } from './engines/webllm/webllm-cache.ts';
import { WebLlmEngine } from './engines/webllm/webllm-engine.ts';
import { WebLlmHost } from './engines/webllm/webllm-host.ts';
import { WllamaEngine } from './engines/wllama/wllama-engine.ts';
import { createAgentStore } from './state/agent-store.ts';
import { createCacheStore } from './state/cache-store.ts';
import { indexedDbEvalStorage } from './state/eval-storage.ts';
import { createEvalStore } from './state/eval-store.ts';
import { createGpuStore } from './state/gpu-store.ts';
import { overlapFits } from './state/overlap-policy.ts';
import { createRemoteStore } from './state/remote-store.ts';
import { indexedDbSessionStorage } from './state/session-storage.ts';
import { createSessionStore } from './state/session-store.ts';
import { indexedDbSettingsStorage } from './state/settings-storage.ts';
import { createSettingsStore } from './state/settings-store.ts';
import { createToolTesterStore } from './state/tool-tester-store.ts';
import { App } from './ui/app.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('umi: #root element is missing from index.html');

const toolTester = createToolTesterStore();
const sessions = createSessionStore(indexedDbSessionStorage());
void sessions.getState().hydrate();
const settings = createSettingsStore(indexedDbSettingsStorage());
void settings.getState().hydrate();
const modelCache = browserModelCache();
const cache = createCacheStore(modelCache);
// The embedded models by default: one wllama instance (llama.cpp in WebAssembly) per role model.
const agent = createAgentStore({
  sessions,
  settings,
  overlap: overlapFits(navigator.hardwareConcurrency),
  createEngine: (entry, url) =>
    new WllamaEngine({ modelId: entry.id, url, entry, ...(modelCache ? { cache: modelCache } : {}) }),
});

// `navigator.deviceMemory` (GB, capped at 8) is system memory: a floor for integrated GPUs, no more.
const deviceMemory = (navigator as { deviceMemory?: number }).deviceMemory;
// One WebLLM host (one MLC engine in a worker, made on the first GPU load) serves every GPU role model;
// a preset with weights the user hosts gets a host whose app config lists their records.
let webLlmHost: WebLlmHost | undefined;
const gpu = createGpuStore({
  detect: () => detectAdapter((navigator as { gpu?: GpuLike }).gpu),
  catalog: webLlmCatalog,
  ...(deviceMemory ? { deviceMemoryMB: deviceMemory * 1024 } : {}),
  checkStorage: (bytes) => checkStorage(navigator.storage, bytes),
  createEngines: (models) => {
    const extraModels = models.flatMap(({ model, weightsUrl }) =>
      weightsUrl !== undefined && model.modelLib !== undefined && model.modelVersion !== undefined
        ? [
            userWeightsRecord({
              ...model,
              weightsUrl,
              modelLib: model.modelLib,
              modelVersion: model.modelVersion,
            }),
          ]
        : [],
    );
    let host: WebLlmHost;
    if (extraModels.length > 0) host = new WebLlmHost({ extraModels });
    else {
      webLlmHost ??= new WebLlmHost();
      host = webLlmHost;
    }
    return models.map(
      ({ model }) =>
        new WebLlmEngine({
          host,
          modelId: model.id,
          contextLength: model.contextLength,
          profile: model.profile,
        }),
    );
  },
  agent,
  // WebLLM's own cache (IndexedDB, as the host loads with): which GPU models are downloaded, and deleting them.
  cache: createWebLlmCache(),
});

// Role models on an OpenAI-compatible server (vLLM, llama.cpp, Ollama, umi serve); the key is kept like the APIs' secrets.
const remote = createRemoteStore({ agent, settings, createEngine: (options) => new OpenAiEngine(options) });

// The eval page's test sets: repository files that Vite serves in development and copies into a build.
const datasetUrls: Record<string, string> = import.meta.glob(
  ['/fixtures/alpha-umi/test/*.json', '/fixtures/umi-tiny/*.json.gz'],
  { query: '?url', import: 'default', eager: true },
);
// Eval runs survive reloads in their own IndexedDB database; a run cut off by a reload comes back stopped.
const evaluation = createEvalStore({
  agent,
  storage: indexedDbEvalStorage(),
  datasetUrl: (file) => datasetUrls[`/${file}`] ?? `/${file}`,
});

// The preset and model choices need the catalog before anything is loaded; a failure shows on Load.
agent
  .getState()
  .loadCatalog()
  .catch(() => undefined);

createRoot(container).render(
  <StrictMode>
    <App
      toolTester={toolTester}
      agent={agent}
      sessions={sessions}
      settings={settings}
      cache={cache}
      gpu={gpu}
      remote={remote}
      evaluation={evaluation}
    />
  </StrictMode>,
);
