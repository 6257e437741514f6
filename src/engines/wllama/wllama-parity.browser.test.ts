import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelForRole, parseModelManifest } from '../../catalog/model-manifest.ts';
import { collectGeneration, type Engine, GREEDY } from '../engine.ts';
import { NodeLlamaEngine } from '../node-llama/node-llama-engine.ts';
import { FIXTURE as FIXTURE_PATH } from '../node-llama/test-support.ts';
import { type BrowserSession, hasChromium, startBrowserSession } from './testing/browser-session.ts';
import type { PageEngine } from './testing/page-engine.ts';

/** The 30k-parameter random llama of the node-llama tests, served by the dev server from the source tree. */
const FIXTURE = '/src/engines/node-llama/fixtures/tiny-random.gguf';
const QUESTION = 'Question: What is the capital of France?\nAnswer:';

/** The models folder the dev server serves (as the Vite plugin picks it). */
const MODELS_DIR = resolve(process.env.UMI_MODELS_DIR ?? 'models');

/**
 * Runs each prompt greedily natively (node-llama-cpp) and in the page, expecting the same prompt
 * token count and the same text up to the first byte that is not UTF-8 (native shows U+FFFD there;
 * wllama's valid-text grammar picks another token). Returns how many characters were compared.
 */
async function compareWithNative(
  page: Engine,
  modelPath: string,
  prompts: readonly string[],
): Promise<number> {
  const native = new NodeLlamaEngine({ modelPath });
  await native.load();
  const run = (target: Engine, prompt: string) =>
    collectGeneration(target.complete({ prompt, maxTokens: 24, sampling: GREEDY }));
  let compared = 0;
  try {
    for (const prompt of prompts) {
      const [expected, actual] = [await run(native, prompt), await run(page, prompt)];
      expect(actual.usage.promptTokens, prompt).toBe(expected.usage.promptTokens);
      const valid = expected.text.split('\uFFFD')[0] ?? '';
      expect(
        actual.text.startsWith(valid),
        `${JSON.stringify(actual.text)} starts as ${JSON.stringify(valid)}`,
      ).toBe(true);
      compared += valid.length;
    }
  } finally {
    await native.unload();
  }
  return compared;
}

let session: BrowserSession;
const engine = (url = FIXTURE, modelId = 'tiny-random') => session.engine({ modelId, url });

describe.skipIf(!hasChromium)(
  'wllama in headless Chromium against native llama.cpp and its compat build',
  { timeout: 60_000 },
  () => {
    beforeAll(async () => {
      session = await startBrowserSession();
    }, 60_000);
    afterAll(() => session?.close(), 60_000);

    describe('greedy parity', () => {
      let page: PageEngine;
      beforeAll(async () => {
        page = await engine();
        await page.load();
      }, 60_000);
      afterAll(() => page?.unload(), 60_000);

      it('generates greedily what native llama.cpp generates, with the same prompt token counts', async () => {
        const prompts = [
          QUESTION,
          'system: Tools.</s>user: weather in Oslo?</s>assistant:',
          'Count: one, two,',
        ];
        const same = await compareWithNative(page, FIXTURE_PATH, prompts);
        expect(same, 'characters compared before the first byte that is not UTF-8').toBeGreaterThan(10);
      });

      it.skipIf(!existsSync(join(MODELS_DIR, 'manifest.json')))(
        'generates with a shipped model what native llama.cpp generates',
        async () => {
          const manifest = parseModelManifest(
            JSON.parse(await readFile(join(MODELS_DIR, 'manifest.json'), 'utf8')),
            'models',
          );
          const planner = modelForRole(manifest, 'planner');
          const shipped = await engine(`/models/${planner.file}`, planner.id);
          await shipped.load();
          const prompt = "system: You are AutoGPT.</s>user: What's the weather in Oslo?</s>assistant: ";
          try {
            expect(
              await compareWithNative(shipped, join(MODELS_DIR, planner.file), [prompt]),
            ).toBeGreaterThan(0);
          } finally {
            await shipped.unload();
          }
        },
      );
    });

    describe('without JSPI (Safari, older browsers)', () => {
      let compat: BrowserSession;
      beforeAll(async () => {
        compat = await startBrowserSession({ withoutJspi: true });
      }, 60_000);
      afterAll(() => compat?.close(), 60_000);

      it('loads wllama’s compat build from the app, never a CDN, and generates what the main build does', async () => {
        const [main, fallback] = [
          await session.engine({ modelId: 'tiny-random', url: FIXTURE }),
          await compat.engine({ modelId: 'tiny-random', url: FIXTURE }),
        ];
        const run = async (target: PageEngine) => {
          await target.load();
          const finish = await collectGeneration(
            target.complete({ prompt: 'Count: one, two,', maxTokens: 8, sampling: GREEDY }),
          );
          await target.unload();
          return finish.text;
        };
        expect(await run(fallback)).toBe(await run(main));
        const origin = new URL(compat.baseUrl).origin;
        expect(compat.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
        expect(compat.requests.map((url) => new URL(url).pathname)).toContain('/wllama/compat/wllama.wasm');
      });
    });
  },
);
