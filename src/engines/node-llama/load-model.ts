import { open, stat } from 'node:fs/promises';
import type { LlamaContext, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { EngineError } from '../../agent/errors.ts';
import type { LoadProgress } from '../engine.ts';
import type { RuntimeLease } from './llama-runtime.ts';

/** What loading a GGUF needs besides the runtime. */
export interface LoadModelOptions {
  modelPath: string;
  /** Requested context in tokens; default: the model's training context, at most 2048. */
  contextSize?: number;
  threads: number;
  onProgress?: (progress: LoadProgress) => void;
  signal?: AbortSignal;
}

/** A model with its one-sequence context, ready to evaluate. */
export interface LoadedModel {
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
}

/** Largest default context: the embedded models are small and prompts stay well under this. */
export const MAX_DEFAULT_CONTEXT = 2048;

/**
 * Loads a GGUF on the CPU with an F32 KV cache and flash attention off (logits then match PyTorch,
 * see training/README.md). Reports progress 0→1 (the model part from llama.cpp's own progress).
 */
export async function loadModel(runtime: RuntimeLease, options: LoadModelOptions): Promise<LoadedModel> {
  const { modelPath: file, onProgress, signal } = options;
  let reported = 0;
  const report = (fraction: number, text: string) => {
    if (fraction <= reported || reported >= 1) return; // llama.cpp's progress can arrive late or out of order
    reported = fraction;
    onProgress?.({ fraction, file, text });
  };
  checkAborted(signal, file);
  await checkGgufFile(file);
  await checkComplete(runtime, file);
  report(0.1, 'Loading the model');
  const mark = runtime.log.mark();
  const model = await runtime.llama
    .loadModel({
      modelPath: file,
      gpuLayers: 0,
      ...(signal ? { loadSignal: signal } : {}),
      onLoadProgress: (fraction) =>
        report(0.1 + 0.75 * Math.min(1, Math.max(0, fraction)), 'Loading the model'),
    })
    .catch(async (error: unknown) => {
      runtime.taint();
      checkAborted(signal, file);
      await new Promise((resolve) => setTimeout(resolve, 10)); // llama.cpp's log lines arrive asynchronously
      throw loadFailed(file, error, runtime.log.since(mark));
    });
  try {
    checkAborted(signal, file);
    report(0.9, 'Creating the context');
    const contextSize = options.contextSize ?? Math.min(model.trainContextSize, MAX_DEFAULT_CONTEXT);
    const context = await model.createContext({
      contextSize,
      threads: options.threads,
      sequences: 1,
      flashAttention: false,
      experimentalKvCacheKeyType: 'F32',
      experimentalKvCacheValueType: 'F32',
      ...(signal ? { createSignal: signal } : {}),
    });
    report(1, 'Loaded');
    return { model, context, sequence: context.getSequence() };
  } catch (error) {
    await model.dispose();
    checkAborted(signal, file);
    throw loadFailed(file, error, runtime.log.since(mark));
  }
}

/** Fails fast, naming the file, when it is missing, empty or not a GGUF at all. */
async function checkGgufFile(file: string): Promise<void> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    const missing = error.code === 'ENOENT';
    const what = missing ? 'was not found' : `cannot be read (${error.code ?? error.message})`;
    const fix = missing ? 'check the path, or rebuild or download the model' : 'check its permissions';
    throw new EngineError('load-failed', `The model file ${file} ${what}: ${fix}.`, { file });
  });
  try {
    const { size } = await handle.stat();
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    if (size < 4 || magic.toString('latin1') !== 'GGUF') {
      const detail = size === 0 ? 'is empty' : 'is not a GGUF file (no GGUF magic at its start)';
      const message = `The model file ${file} ${detail}: replace it with the model's GGUF.`;
      throw new EngineError('load-failed', message, { file });
    }
  } finally {
    await handle.close();
  }
}

/**
 * Fails fast when the file is shorter than its own tensor table says: llama.cpp would refuse it
 * too, but node-llama-cpp then leaks a handle that makes disposing the runtime wait (see taint).
 */
async function checkComplete(runtime: RuntimeLease, file: string): Promise<void> {
  const { lib, llama } = runtime;
  const info = await lib.readGgufFileInfo(file, { logWarnings: false }).catch((error: unknown) => {
    throw loadFailed(file, error, []);
  });
  if (info.splicedParts !== 1 || info.infoEndOffset === undefined) return;
  const needed = info.infoEndOffset + (await lib.GgufInsights.from(info, llama)).modelSize;
  const { size } = await stat(file);
  if (size >= needed) return;
  const message = `The model file ${file} is truncated: it has ${size} bytes, its tensors need at least ${needed}. Replace it with a complete copy (download or rebuild it).`;
  throw new EngineError('load-failed', message, { file, size, needed });
}

function loadFailed(file: string, error: unknown, log: string[]): EngineError {
  if (error instanceof EngineError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const details = log.filter((line) => /error|corrupt|invalid/i.test(line) && !line.includes(reason));
  const why = [...new Set([reason, ...details])].join('; ');
  const message =
    `The model file ${file} could not be loaded; it is probably corrupt or truncated ` +
    `(llama.cpp: ${why}). Replace it with a complete copy (download or rebuild it).`;
  return new EngineError('load-failed', message, { file });
}

function checkAborted(signal: AbortSignal | undefined, file: string): void {
  if (signal?.aborted) throw new EngineError('aborted', `Loading ${file} was aborted.`, { file });
}
