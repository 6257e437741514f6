import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectGeneration, GREEDY } from '../engine.ts';
import { describeEngineContract } from '../engine-contract.ts';
import { type BrowserSession, hasChromium, startBrowserSession } from './testing/browser-session.ts';
import type { PageEngine } from './testing/page-engine.ts';

/** The 30k-parameter random llama of the node-llama tests, served by the dev server from the source tree. */
const FIXTURE = '/src/engines/node-llama/fixtures/tiny-random.gguf';

let session: BrowserSession;
const engine = (url = FIXTURE, modelId = 'tiny-random') => session.engine({ modelId, url });

describe.skipIf(!hasChromium)('wllama in headless Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    session = await startBrowserSession();
  }, 60_000);
  afterAll(() => session?.close());

  describeEngineContract('wllama', () => engine(), { timeoutMs: 30_000, abortLatencyMs: 1_000 });

  describe('WllamaEngine', () => {
    const QUESTION = 'Question: What is the capital of France?\nAnswer:';
    let keeper: PageEngine;
    beforeAll(async () => {
      keeper = await engine();
      await keeper.load();
    });
    afterAll(() => keeper?.unload());

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
      const wrong = await engine('/e2e/harness/wllama.html', 'umi-html');
      const error = await wrong.load().catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'load-failed' });
      expect((error as Error).message).toMatch(/umi-html.*not a GGUF/);
    });
  });
});
