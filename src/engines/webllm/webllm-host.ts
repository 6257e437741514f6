import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { EngineError } from '../../agent/errors.ts';
import type { LoadProgress, OutputConstraint } from '../engine.ts';
import { type AdapterInfoSource, browserAdapterInfo, describeDevice } from './adapter-info.ts';
import { type GenerationLease, GenerationLeases } from './generation-leases.ts';
import { awaitLoad, type LoadOutcome, ReloadFailed } from './load-outcome.ts';
import { type CacheBackend, createWorkerMlc, type MlcFactory, type MlcHandle } from './mlc-runtime.ts';
import { ProgressListeners } from './reload-progress.ts';
import {
  generationError,
  isDeviceLost,
  isDeviceLostError,
  loadAborted,
  mlcFailure,
  notLoaded,
} from './webllm-errors.ts';

/** How the page's WebLLM host makes and configures its one MLC engine. */
export interface WebLlmHostOptions {
  /** Model records (weights URL, model library, overrides); default: WebLLM's prebuilt list. */
  appConfig?: AppConfig;
  /** Records added to the app config: models whose weights the user hosts (see user-weights.ts). */
  extraModels?: readonly ModelRecord[];
  /** Where WebLLM keeps downloads; default `indexeddb`. */
  cacheBackend?: CacheBackend;
  createMlc?: MlcFactory;
  adapterInfo?: AdapterInfoSource;
}

/** What a load may carry: a progress listener and a signal that cancels it. */
export interface HostLoadOptions {
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

/**
 * The page's one WebLLM engine (one worker, one WebGPU device), serving every model that
 * WebLlmEngine instances ask for; each request names its model. WebLLM's `reload(ids)` unloads
 * everything before loading `ids`, so adding a model reloads the whole set of wanted models (from
 * WebLLM's cache), and models in use wait for it. Releasing one model of several keeps it in GPU
 * memory until the next reload, or until the last model is released and the engine unloads.
 * After a lost device every model is unloaded and the next load makes a fresh engine.
 */
export class WebLlmHost {
  readonly #options: WebLlmHostOptions;
  #mlc: MlcHandle | undefined;
  /** Models loaded in the MLC engine now. */
  #loaded: ReadonlySet<string> = new Set();
  /** Models that engines loaded or are loading, and have not released. */
  readonly #wanted = new Set<string>();
  #reloading: ReadonlySet<string> | undefined;
  #cancelled = false;
  #settling: Promise<void> | undefined;
  readonly #progress = new ProgressListeners();
  readonly #leases = new GenerationLeases();
  #device: string | undefined;

  constructor(options: WebLlmHostOptions = {}) {
    this.#options = options;
  }

  /** Where the models run, in words; undefined until a load succeeded. */
  get device(): string | undefined {
    return this.#device;
  }

  /** True when the model is loaded and wanted. */
  isLoaded(modelId: string): boolean {
    return this.#wanted.has(modelId) && this.#loaded.has(modelId);
  }

  /** The model's record in the configured app config, if there is one. */
  modelRecord(modelId: string): ModelRecord | undefined {
    const records = [...(this.#options.appConfig?.model_list ?? []), ...(this.#options.extraModels ?? [])];
    return records.find((record) => record.model_id === modelId);
  }

  /** Loads the model with every other wanted one; an abort unloads WebLLM (it cannot cancel otherwise). */
  async load(modelId: string, { onProgress, signal }: HostLoadOptions = {}): Promise<void> {
    if (signal?.aborted) throw loadAborted(modelId);
    if (this.isLoaded(modelId))
      return onProgress?.({ fraction: 1, file: modelId, text: `${modelId} is ready` });
    this.#wanted.add(modelId);
    const stopTelling = this.#progress.add(onProgress);
    let outcome: LoadOutcome;
    try {
      outcome = await awaitLoad(modelId, this.#settle(), signal);
    } finally {
      stopTelling();
    }
    if (outcome === 'aborted') await this.#cancel(modelId);
    if (outcome === 'aborted' || !this.isLoaded(modelId)) throw loadAborted(modelId);
  }

  /** Lets the model go; the engine unloads once no model is wanted. */
  async release(modelId: string): Promise<void> {
    this.#wanted.delete(modelId);
    if (this.#wanted.size === 0) await this.#settle().catch(() => undefined);
  }

  /** Holds the engine for one generation of a loaded model, after any reload in flight. */
  async acquire(modelId: string): Promise<GenerationLease> {
    while (this.#settling && this.#wanted.has(modelId)) await this.#settling.catch(() => undefined);
    const mlc = this.#mlc;
    if (!mlc || !this.isLoaded(modelId)) throw notLoaded(modelId);
    return this.#leases.hold(mlc.engine, (error, constraint) => this.#failed(modelId, error, constraint));
  }

  #settle(): Promise<void> {
    this.#settling ??= this.#work().finally(() => {
      this.#settling = undefined;
    });
    return this.#settling;
  }

  /** Reloads until every wanted model is loaded, or unloads once none is wanted. */
  async #work(): Promise<void> {
    while (
      this.#wanted.size === 0 ? this.#loaded.size > 0 : [...this.#wanted].some((id) => !this.#loaded.has(id))
    ) {
      await this.#leases.ended();
      if (this.#wanted.size === 0) {
        await this.#unloadAll();
        continue;
      }
      let models = [...this.#wanted];
      try {
        this.#mlc ??= await this.#create();
        const mlc = this.#mlc;
        models = [...this.#wanted];
        if (models.length > 0) await this.#reload(mlc, models);
      } catch (error) {
        this.#loaded = new Set();
        this.#wanted.clear();
        // A failed reload may leave the models before the failing one loaded.
        if (isDeviceLost(mlcFailure(error))) this.#dropEngine();
        else await this.#mlc?.engine.unload().catch(() => this.#dropEngine());
        throw new ReloadFailed(models, error);
      }
    }
  }

  async #reload(mlc: MlcHandle, models: string[]): Promise<void> {
    this.#loaded = new Set();
    this.#reloading = new Set(models);
    this.#cancelled = false;
    this.#progress.start(models);
    try {
      await mlc.engine.reload(models);
    } catch (error) {
      if (!this.#cancelled) throw error;
    } finally {
      this.#reloading = undefined;
    }
    // The cancelling unload may have reached WebLLM after the reload finished: unload once more.
    if (this.#cancelled) return void (await mlc.engine.unload().catch(() => this.#dropEngine()));
    this.#loaded = new Set(models);
    this.#device ??= await describeDevice(this.#options.adapterInfo ?? browserAdapterInfo, mlc.engine);
    this.#progress.tell({ fraction: 1, text: `${models.join(', ')} ready` });
  }

  #create(): Promise<MlcHandle> {
    const {
      appConfig,
      extraModels = [],
      cacheBackend = 'indexeddb',
      createMlc = createWorkerMlc,
    } = this.#options;
    return createMlc({
      appConfig: appConfig === undefined ? undefined : { ...appConfig, cacheBackend },
      extraModels,
      cacheBackend,
      initProgressCallback: (report) => this.#progress.report(report),
    });
  }

  /** Drops an aborted load's model; WebLLM has no load abort, so a reload that includes it is unloaded. */
  async #cancel(modelId: string): Promise<void> {
    this.#wanted.delete(modelId);
    if (!this.#mlc || !this.#reloading?.has(modelId)) return;
    this.#cancelled = true;
    await this.#mlc.engine.unload().catch(() => undefined);
  }

  async #unloadAll(): Promise<void> {
    this.#loaded = new Set();
    await this.#mlc?.engine.unload().catch(() => this.#dropEngine());
  }

  #failed(modelId: string, error: unknown, constraint: OutputConstraint | undefined): EngineError {
    const failure = generationError(modelId, error, constraint);
    if (!isDeviceLostError(failure)) return failure;
    this.#loaded = new Set();
    this.#wanted.clear();
    this.#dropEngine();
    return failure;
  }

  #dropEngine(): void {
    this.#mlc?.terminate();
    this.#mlc = undefined;
    this.#device = undefined;
  }
}
