import { loadavg } from 'node:os';
import { modelForRole } from '../src/catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR, loadManifestFile, modelPath } from '../src/catalog/node-model-files.ts';
import { collectGeneration, type Engine, GREEDY, type Usage } from '../src/engines/engine.ts';
import { NodeLlamaEngine } from '../src/engines/node-llama/node-llama-engine.ts';
import { type BrowserSession, startBrowserSession } from '../src/engines/wllama/testing/browser-session.ts';
import { type SpeedResult, summarizeRuns } from './native-speed.ts';
import type { SizeSweepRow } from './size-sweep-report.ts';
import {
  type ModelShape,
  SYNTHETIC_DIR,
  type SyntheticModel,
  shapeParams,
  type TensorDtype,
  writeSyntheticGguf,
} from './synthetic-gguf.ts';

export type { SizeSweepRow } from './size-sweep-report.ts';

/** The end of a prompt, about `tokens` long for the planner's byte-level BPE (~3.5 bytes a token). */
export function promptTail(prompt: string, tokens: number): string {
  return prompt.slice(-Math.round(tokens * 3.5));
}

/**
 * The shipped planner's shape (~1M parameters), then ~7M, ~15M, ~26M, ~50M and ~100M of the same
 * architecture (head size 64), all F32: the sweep took 107–154 s here (3–5 runs, 2 busy cores).
 */
export const SWEEP_SHAPES: readonly ModelShape[] = [
  { dModel: 128, layers: 4, heads: 4, ff: 352, context: 1024 },
  { dModel: 256, layers: 8, heads: 4, ff: 688, context: 1024 },
  { dModel: 384, layers: 8, heads: 6, ff: 1024, context: 1024 },
  { dModel: 512, layers: 8, heads: 8, ff: 1376, context: 1024 },
  { dModel: 640, layers: 10, heads: 10, ff: 1728, context: 1024 },
  { dModel: 768, layers: 14, heads: 12, ff: 2048, context: 1024 },
];

/**
 * The largest single GGUF measured to load in wllama here (620 MB); a 1.24 GB one failed: the
 * engine hands wllama one Blob and Chromium could not read it back (NotReadableError).
 */
const WLLAMA_FILE_LIMIT = 620e6;

/** F32 (as the shipped models) when that file loads in wllama, else F16. */
export function sweepDtype(shape: ModelShape, vocabSize: number): TensorDtype {
  return shapeParams(shape, vocabSize) * 4 <= WLLAMA_FILE_LIMIT ? 'f32' : 'f16';
}

/** What the sweep measures, and with what. */
export interface SizeSweepOptions {
  shapes?: readonly ModelShape[];
  /** Runs per engine and size (medians are reported), after one load and a warm-up per engine. */
  runs: number;
  /** Whether to measure wllama in headless Chromium too (else native only). */
  browser: boolean;
  prompt: string;
  /** Tokens to decode: every run generates exactly this many (the synthetic models never pick EOS). */
  maxTokens: number;
  /** Storage of every size's matrices (default: sweepDtype, per size). */
  dtype?: TensorDtype;
  /** Where the synthetic GGUFs are written and served from (default bench/.cache/). */
  dir?: string;
  /** Told about each row as soon as it is measured (a long sweep shows progress). */
  onRow?: (row: SizeSweepRow) => void;
}

/**
 * Prefill and decode tokens/s of synthetic `llama` GGUFs of growing size (the shipped planner's
 * tokenizer, random weights), each file run in native llama.cpp and in wllama, 1 thread each.
 */
export async function measureSizeSweep(options: SizeSweepOptions): Promise<SizeSweepRow[]> {
  const { shapes = SWEEP_SHAPES, runs, prompt, maxTokens, dir = SYNTHETIC_DIR } = options;
  const planner = modelForRole(await loadManifestFile(EMBEDDED_MODELS_DIR), 'planner');
  const tokenizerFrom = modelPath(EMBEDDED_MODELS_DIR, planner);
  const session = options.browser ? await startSweepSession(dir) : undefined;
  const rows: SizeSweepRow[] = [];
  try {
    for (const shape of shapes) {
      const started = performance.now();
      const dtype = options.dtype ?? sweepDtype(shape, planner.tokenizer.vocabSize);
      const model = await writeSyntheticGguf({ shape, dtype, tokenizerFrom, dir });
      const { native, wllama } = await measureModel(model, session, { prompt, maxTokens, runs });
      const row: SizeSweepRow = {
        shape,
        dtype,
        file: model.file,
        params: model.params,
        fileBytes: model.bytes,
        native,
        ...(wllama
          ? {
              wllama,
              prefillRatio: wllama.prefillTokensPerSecond / native.prefillTokensPerSecond,
              decodeRatio: wllama.decodeTokensPerSecond / native.decodeTokensPerSecond,
            }
          : {}),
        loadAverage: loadavg()[0] ?? 0,
        seconds: (performance.now() - started) / 1000,
      };
      rows.push(row);
      options.onRow?.(row);
    }
  } finally {
    await session?.close();
  }
  return rows;
}

/** One headless Chromium and dev server for the whole sweep, serving `dir` under /models/. */
async function startSweepSession(dir: string): Promise<BrowserSession> {
  const previous = process.env.UMI_MODELS_DIR;
  try {
    return await startBrowserSession({ modelsDir: dir });
  } finally {
    // The dev server read it at start; later sessions in this process must see the usual folder.
    if (previous === undefined) delete process.env.UMI_MODELS_DIR;
    else process.env.UMI_MODELS_DIR = previous;
  }
}

/**
 * One model in both engines, each loaded once and warmed up; then the runs alternate native and
 * wllama, so that both see the same load from whatever else shares the CPU. Each run's prompt
 * starts with another character, so its whole prompt is prefilled again (only BOS is reused).
 */
async function measureModel(
  model: SyntheticModel,
  session: BrowserSession | undefined,
  { prompt, maxTokens, runs }: { prompt: string; maxTokens: number; runs: number },
): Promise<{ native: SpeedResult; wllama: SpeedResult | undefined }> {
  const engines: Engine[] = [new NodeLlamaEngine({ modelPath: model.path, threads: 1 })];
  if (session)
    engines.push(
      await session.engine({
        modelId: model.file,
        url: `${session.baseUrl}models/${model.file}`,
        gpuLayers: 0,
      }),
    );
  const usages: Usage[][] = engines.map(() => []);
  try {
    for (const engine of engines) {
      await engine.load();
      await generate(engine, 'warm-up', 4);
    }
    for (let run = 0; run < runs; run++)
      for (const [index, engine] of engines.entries())
        usages[index]?.push(
          await generate(engine, `${String.fromCharCode(65 + (run % 26))}${prompt}`, maxTokens),
        );
  } finally {
    for (const engine of engines) await engine.unload();
  }
  return {
    native: summarizeRuns('node-llama-cpp', usages[0] ?? []),
    wllama: session ? summarizeRuns('wllama (headless Chromium)', usages[1] ?? []) : undefined,
  };
}

async function generate(engine: Engine, prompt: string, maxTokens: number): Promise<Usage> {
  return (await collectGeneration(engine.complete({ prompt, maxTokens, sampling: GREEDY }))).usage;
}
