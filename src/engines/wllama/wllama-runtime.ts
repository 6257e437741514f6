import type {
  LoadedContextInfo,
  LoadModelParams,
  RawCompletionChunk,
  RawCompletionParams,
} from '@wllama/wllama/esm/index.js';
import type { WllamaAssets } from './asset-paths.ts';
import type { LogTail } from './log-tail.ts';
import { loadError } from './wllama-errors.ts';

/** One streamed raw-completion request as wllama's llama-server takes it (fields wllama does not type included). */
export type CompletionParams = RawCompletionParams & {
  cache_prompt?: boolean;
  json_schema?: unknown;
  return_progress?: boolean;
  onData: (chunk: RawCompletionChunk) => void;
  stream: true;
};

/** The part of a wllama instance the engine uses; Node tests put a fake in its place. */
export interface WllamaLike {
  loadModel(blobs: Blob[], params: LoadModelParams): Promise<void>;
  getLoadedContextInfo(): LoadedContextInfo;
  createCompletion(params: CompletionParams): Promise<void>;
  exit(): Promise<void>;
}

/** Makes one wllama instance (its own worker and wasm memory) whose log goes to `log`. */
export type WllamaFactory = (assets: WllamaAssets, log: LogTail) => Promise<WllamaLike>;

/** The real wllama, imported on first use so that the app's first load stays small. */
export const createWllama: WllamaFactory = async (assets, log) => {
  const { Wllama } = await import('@wllama/wllama/esm/index.js');
  const record = (...parts: unknown[]) => log.record(...parts);
  const logger = { debug: () => {}, log: () => {}, warn: record, error: record };
  const wllama = new Wllama({ default: assets.wasm }, { logger });
  wllama.setCompat(assets.compat);
  return wllama as unknown as WllamaLike;
};

/** How to load one model. */
export interface StartOptions {
  modelId: string;
  url: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** Context in tokens; 0 means the model's training context. */
  contextSize: number;
  /** Layers to offload to WebGPU (0: CPU only; undefined: all). */
  gpuLayers: number | undefined;
  threads: number;
  assets: WllamaAssets;
  factory: WllamaFactory;
  log: LogTail;
}

/** WARN: llama.cpp's info and debug lines are many and of no use to the engine. */
const LOG_LEVEL_WARN = 3;

/**
 * Starts a wllama instance and loads the GGUF with an F32 KV cache, flash attention off and one
 * sequence (so the prompt cache is that sequence's), the settings whose logits match llama.cpp
 * native and PyTorch. wllama 3.8 resolves loadModel even when llama.cpp refused the file, so the
 * result is checked and the refusal reported with llama.cpp's reason.
 */
export async function startWllama(
  options: StartOptions,
): Promise<{ wllama: WllamaLike; info: LoadedContextInfo }> {
  const { modelId, url, log } = options;
  const wllama = await options.factory(options.assets, log);
  const params: LoadModelParams = {
    n_ctx: options.contextSize,
    n_threads: options.threads,
    n_parallel: 1,
    cache_type_k: 'f32',
    cache_type_v: 'f32',
    flash_attn: false,
    log_level: LOG_LEVEL_WARN,
    ...(options.gpuLayers === undefined ? {} : { n_gpu_layers: options.gpuLayers }),
  };
  try {
    await wllama.loadModel([new Blob([options.bytes])], params);
  } catch (error) {
    await wllama.exit().catch(() => undefined);
    throw loadError(modelId, url, error instanceof Error ? error.message : String(error), log.errors());
  }
  const info = wllama.getLoadedContextInfo();
  if ((info as { success?: boolean }).success === false || !(info.n_vocab > 0)) {
    await wllama.exit().catch(() => undefined);
    throw loadError(modelId, url, 'llama.cpp refused the file', log.errors());
  }
  return { wllama, info };
}
