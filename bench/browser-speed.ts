import { collectGeneration, GREEDY, type Usage } from '../src/engines/engine.ts';
import { startBrowserSession } from '../src/engines/wllama/testing/browser-session.ts';
import { type SpeedResult, summarizeRuns } from './native-speed.ts';

/**
 * wllama in headless Chromium (the app's dev server serving models/ and the wasm; CPU, 1 thread,
 * F32 KV cache): each run loads the model afresh so the whole prompt is prefilled, then decodes
 * greedily to EOS or `maxTokens`.
 */
export async function measureBrowser(
  file: string,
  prompt: string,
  maxTokens: number,
  runs: number,
): Promise<SpeedResult> {
  const session = await startBrowserSession();
  try {
    const usages: Usage[] = [];
    for (let run = 0; run < runs; run++) {
      const engine = await session.engine({ modelId: file, url: `${session.baseUrl}models/${file}` });
      await engine.load();
      try {
        usages.push(
          (await collectGeneration(engine.complete({ prompt, maxTokens, sampling: GREEDY }))).usage,
        );
      } finally {
        await engine.unload();
      }
    }
    return summarizeRuns('wllama (headless Chromium)', usages);
  } finally {
    await session.close();
  }
}
