import type {
  AppConfig,
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  Completion,
  CompletionCreateParamsStreaming,
  InitProgressCallback,
  MLCEngineInterface,
  ModelRecord,
} from '@mlc-ai/web-llm';

/** Where WebLLM keeps downloaded weights and model libraries (Cache Storage, IndexedDB, OPFS…). */
export type CacheBackend = NonNullable<AppConfig['cacheBackend']>;

/** The part of WebLLM's `MLCEngineInterface` the adapter uses (its WebWorkerMLCEngine has all of it). */
export interface MlcEngineLike {
  reload: MLCEngineInterface['reload'];
  unload: MLCEngineInterface['unload'];
  interruptGenerate: MLCEngineInterface['interruptGenerate'];
  getMessage: MLCEngineInterface['getMessage'];
  getGPUVendor: MLCEngineInterface['getGPUVendor'];
  completions: {
    create(request: CompletionCreateParamsStreaming): Promise<AsyncIterable<Completion>>;
  };
  chat: {
    completions: {
      create(request: ChatCompletionRequestStreaming): Promise<AsyncIterable<ChatCompletionChunk>>;
    };
  };
}

/** What the host hands a factory: the model records, the cache and its progress listener. */
export interface MlcInit {
  /** The model records with `cacheBackend` set; undefined means WebLLM's prebuilt list. */
  appConfig: AppConfig | undefined;
  /** Records added to the app config (models whose weights the user hosts, such as α-UMi 7B). */
  extraModels?: readonly ModelRecord[];
  cacheBackend: CacheBackend;
  initProgressCallback: InitProgressCallback;
}

/** One MLC engine with nothing loaded yet, and how to end it (its worker) for good. */
export interface MlcHandle {
  engine: MlcEngineLike;
  terminate(): void;
}

/** Makes an MLC engine; the host loads models into it with `reload`. */
export type MlcFactory = (init: MlcInit) => Promise<MlcHandle>;

/**
 * The default factory: WebLLM in its own module worker (webllm-worker.ts). It builds the
 * WebWorkerMLCEngine itself instead of calling CreateWebWorkerMLCEngine (which is the same
 * constructor followed by `reload`), so that the host holds the engine while the first load runs
 * and can cancel it with `unload()`. WebLLM is imported on first use: it is large and the app
 * needs it only when a WebLLM preset is chosen.
 */
export const createWorkerMlc: MlcFactory = async ({
  appConfig,
  extraModels = [],
  cacheBackend,
  initProgressCallback,
}) => {
  const webllm = await import('@mlc-ai/web-llm');
  const worker = new Worker(new URL('./webllm-worker.ts', import.meta.url), { type: 'module' });
  const base = appConfig ?? { ...webllm.prebuiltAppConfig, cacheBackend };
  const config = { ...base, model_list: [...base.model_list, ...extraModels] };
  const engine: MlcEngineLike = new webllm.WebWorkerMLCEngine(worker, {
    appConfig: config,
    initProgressCallback,
  });
  return { engine, terminate: () => worker.terminate() };
};
