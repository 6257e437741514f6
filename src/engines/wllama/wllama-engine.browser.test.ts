import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelForRole, parseModelManifest } from '../../catalog/model-manifest.ts';
import { collectGeneration, type Engine, GREEDY } from '../engine.ts';
import { describeEngineContract } from '../engine-contract.ts';
import { NodeLlamaEngine } from '../node-llama/node-llama-engine.ts';
import { FIXTURE as FIXTURE_PATH } from '../node-llama/test-support.ts';
import { type BrowserSession, hasChromium, startBrowserSession } from './testing/browser-session.ts';
import type { PageEngine } from './testing/page-engine.ts';

/** The 30k-parameter random llama of the node-llama tests, served by the dev server from the source tree. */
const FIXTURE = '/src/engines/node-llama/fixtures/tiny-random.gguf';

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

describe.skipIf(!hasChromium)('wllama in headless Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    session = await startBrowserSession();
  }, 60_000);
  afterAll(() => session?.close(), 60_000);

  describeEngineContract('wllama', () => engine(), { timeoutMs: 30_000, abortLatencyMs: 1_000 });

  describe('WllamaEngine', () => {
    const QUESTION = 'Question: What is the capital of France?\nAnswer:';
    let keeper: PageEngine;
    beforeAll(async () => {
      keeper = await engine();
      await keeper.load();
    }, 60_000);
    afterAll(() => keeper?.unload(), 60_000);

    const complete = (target: PageEngine, prompt: string, maxTokens = 8) =>
      collectGeneration(target.complete({ prompt, maxTokens, sampling: GREEDY }));

    it('declares raw completion, grammar and JSON Schema but no chat, with the model training context', () => {
      expect(keeper.capabilities).toEqual({
        rawCompletion: true,
        chat: false,
        grammar: true,
        jsonSchema: true,
        prefixReuse: true,
        contextLength: 512,
      });
    });

    it('counts BOS and parses </s> as one token: a prompt around </s> has the tokens of its parts plus BOS', async () => {
      const before = (await complete(keeper, 'Answer: yes', 1)).usage.promptTokens;
      const after = (await complete(keeper, '\nQuestion:', 1)).usage.promptTokens;
      const whole = (await complete(keeper, 'Answer: yes</s>\nQuestion:', 1)).usage.promptTokens;
      expect(whole).toBe(before + 1 + after - 1);
    });

    it('reuses the shared prompt prefix and generates as from a cold start', async () => {
      const cold = await engine();
      await cold.load();
      const longer = `${QUESTION} Paris.\nQuestion: And the capital of Germany?\nAnswer:`;
      const first = await complete(keeper, QUESTION, 1);
      const reused = await complete(keeper, longer, 12);
      expect(reused.usage.reusedPromptTokens).toBe(first.usage.promptTokens);
      expect((await complete(cold, longer, 12)).text).toBe(reused.text);
      await cold.unload();
    });

    it('generates greedily what native llama.cpp generates, with the same prompt token counts', async () => {
      const prompts = [
        QUESTION,
        'system: Tools.</s>user: weather in Oslo?</s>assistant:',
        'Count: one, two,',
      ];
      const same = await compareWithNative(keeper, FIXTURE_PATH, prompts);
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
          expect(await compareWithNative(shipped, join(MODELS_DIR, planner.file), [prompt])).toBeGreaterThan(
            0,
          );
        } finally {
          await shipped.unload();
        }
      },
    );

    it('refuses a prompt longer than the context with context-overflow naming both sizes', async () => {
      const error = await complete(keeper, 'x '.repeat(600)).catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ name: 'EngineError', code: 'context-overflow' });
      expect((error as Error).message).toMatch(/The prompt has \d+ tokens; tiny-random's context holds 512/);
      expect((await complete(keeper, QUESTION, 2)).usage.completionTokens).toBeGreaterThan(0);
    });

    it('refuses an invalid GBNF grammar with generation-failed, and the engine still generates', async () => {
      const constraint = { type: 'grammar', grammar: 'root ::= "unterminated' } as const;
      const stream = keeper.complete({ prompt: 'Say:', maxTokens: 4, constraint });
      await expect(collectGeneration(stream)).rejects.toMatchObject({ code: 'generation-failed' });
      expect((await complete(keeper, QUESTION, 2)).usage.completionTokens).toBeGreaterThan(0);
    });

    it('fails to load a missing model with a message naming it, without hanging', async () => {
      const missing = await engine('/models/no-such-model.gguf', 'umi-missing');
      const error = await missing.load().catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ name: 'EngineError', code: 'load-failed' });
      expect((error as Error).message).toContain('umi-missing');
      expect(missing.loaded).toBe(false);
    });

    it('fails to load a file that is not a GGUF with a message naming the model', async () => {
      const wrong = await engine('/e2e/harness/engines.html', 'umi-html');
      const error = await wrong.load().catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'load-failed' });
      expect((error as Error).message).toMatch(/umi-html.*not a GGUF/);
    });
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
});
