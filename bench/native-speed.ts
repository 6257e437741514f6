import { collectGeneration, GREEDY, type Usage } from '../src/engines/engine.ts';
import { NodeLlamaEngine } from '../src/engines/node-llama/node-llama-engine.ts';

/** Prefill and decode speed of one GGUF on one prompt: medians over several cold runs. */
export interface SpeedResult {
  engine: string;
  promptTokens: number;
  completionTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Medians of the engines' own usage figures over runs. */
export function summarizeRuns(engine: string, usages: readonly Usage[]): SpeedResult {
  return {
    engine,
    promptTokens: usages[0]?.promptTokens ?? 0,
    completionTokens: usages[0]?.completionTokens ?? 0,
    prefillTokensPerSecond: median(usages.map((usage) => usage.prefillTokensPerSecond)),
    decodeTokensPerSecond: median(usages.map((usage) => usage.decodeTokensPerSecond)),
    runs: usages.length,
  };
}

/**
 * Native llama.cpp (node-llama-cpp, 1 thread): each run loads the model afresh, so the whole prompt
 * is prefilled (no reuse), then decodes greedily to EOS or `maxTokens`.
 */
export async function measureNative(modelPath: string, prompt: string, maxTokens: number, runs: number) {
  const usages: Usage[] = [];
  for (let run = 0; run < runs; run++) {
    const engine = new NodeLlamaEngine({ modelPath, threads: 1 });
    await engine.load();
    try {
      usages.push((await collectGeneration(engine.complete({ prompt, maxTokens, sampling: GREEDY }))).usage);
    } finally {
      await engine.unload();
    }
  }
  return summarizeRuns('node-llama-cpp', usages);
}
