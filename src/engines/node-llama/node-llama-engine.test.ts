import { describe, expect, it } from 'vitest';
import type { GenerationEvent } from '../engine.ts';
import { describeEngineContract } from '../engine-contract.ts';
import { sharedPrefix } from '../shared-prefix.ts';
import { NodeLlamaEngine } from './node-llama-engine.ts';
import { BOS, complete, EOS, FIXTURE, setupFixtureEngines } from './test-support.ts';

const { keeper, fresh } = setupFixtureEngines();

describeEngineContract('node-llama-cpp', () => new NodeLlamaEngine({ modelPath: FIXTURE }), {
  timeoutMs: 10_000,
  abortLatencyMs: 1_000,
});

const QUESTION = 'Question: What is the capital of France?\nAnswer:';

describe('NodeLlamaEngine', { timeout: 10_000 }, () => {
  it('reports the shared prompt prefix as reused and generates as from a cold start', async () => {
    const engine = await fresh();
    const longer = `${QUESTION} Paris.\nQuestion: And the capital of Germany?\nAnswer:`;
    const forked = `${QUESTION} Lyon.\nQuestion: Sure?\nAnswer:`;
    await complete(engine, { prompt: QUESTION, maxTokens: 1 });
    const extended = await complete(engine, { prompt: longer, maxTokens: 12 });
    expect(extended.usage.reusedPromptTokens).toBe(engine.tokenize(QUESTION).length);
    expect(extended.usage.promptTokens).toBe(engine.tokenize(longer).length);
    const fork = await complete(engine, { prompt: forked, maxTokens: 12 });
    const shared = sharedPrefix(engine.tokenize(longer), engine.tokenize(forked));
    expect(fork.usage.reusedPromptTokens).toBe(shared);
    expect(shared).toBeGreaterThan(engine.tokenize(QUESTION).length);
    const again = await complete(engine, { prompt: forked, maxTokens: 12 });
    expect(again.usage.reusedPromptTokens).toBe(engine.tokenize(forked).length - 1);
    const cold = await fresh();
    expect((await complete(cold, { prompt: forked, maxTokens: 12 })).text).toBe(fork.text);
    expect(again.text).toBe(fork.text);
  });

  it('parses </s> in a prompt as the one EOS token and prepends BOS', async () => {
    expect(keeper.tokenize('</s>')).toEqual([BOS, EOS]);
    const prompt = 'Answer: yes</s>\nQuestion:';
    const tokens = keeper.tokenize(prompt);
    expect(tokens.filter((token) => token === EOS)).toHaveLength(1);
    expect(tokens).toEqual([
      ...keeper.tokenize('Answer: yes'),
      EOS,
      ...keeper.tokenize('\nQuestion:').slice(1),
    ]);
    const { usage } = await complete(keeper, { prompt, maxTokens: 2 });
    expect(usage.promptTokens).toBe(tokens.length);
  });

  it('is deterministic at temperature 0 and for a fixed seed across fresh engines', async () => {
    const [first, second] = [await fresh(), await fresh()];
    const sampled = { prompt: QUESTION, maxTokens: 24, sampling: { temperature: 0.9, topP: 0.9, seed: 42 } };
    expect((await complete(first, { prompt: QUESTION, maxTokens: 24 })).text).toBe(
      (await complete(second, { prompt: QUESTION, maxTokens: 24 })).text,
    );
    expect((await complete(first, sampled)).text).toBe((await complete(second, sampled)).text);
  });

  it('an abort mid-generation ends it with the text so far, and the engine generates again afterwards', async () => {
    const controller = new AbortController();
    const events: GenerationEvent[] = [];
    const request = { prompt: QUESTION, maxTokens: 200, sampling: { temperature: 1, seed: 7 } };
    for await (const event of keeper.complete({ ...request, signal: controller.signal })) {
      events.push(event);
      if (events.length === 3) controller.abort();
    }
    expect(events).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'abort' });
    const next = await complete(keeper, { prompt: QUESTION, maxTokens: 4 });
    expect(next.usage.completionTokens).toBeGreaterThan(0);
  });

  it('unloading mid-generation ends the stream with reason abort', async () => {
    const engine = await fresh();
    const stream = engine.complete({
      prompt: QUESTION,
      maxTokens: 200,
      sampling: { temperature: 1, seed: 3 },
    });
    const events: GenerationEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (events.length === 1) await engine.unload();
    }
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'abort' });
    expect(engine.loaded).toBe(false);
  });

  it('refuses a prompt longer than the context with context-overflow and caps generation at the context', async () => {
    const { contextLength } = keeper.capabilities;
    const long = 'x '.repeat(contextLength);
    const error = await complete(keeper, { prompt: long }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'EngineError', code: 'context-overflow' });
    expect((error as Error).message).toContain(`${keeper.tokenize(long).length} tokens`);
    expect((error as Error).message).toContain(String(contextLength));
    const nearlyFull = 'x '.repeat(contextLength / 2 - 10);
    const room = contextLength - keeper.tokenize(nearlyFull).length;
    const { usage } = await complete(keeper, { prompt: nearlyFull, maxTokens: 1_000 });
    expect(usage.completionTokens).toBeLessThanOrEqual(room);
  });

  it('declares raw completion, grammar and JSON Schema but no chat, and reports the loaded context', () => {
    expect(keeper.capabilities).toMatchObject({
      rawCompletion: true,
      chat: false,
      grammar: true,
      jsonSchema: true,
    });
    expect(keeper.capabilities.contextLength).toBe(512);
  });
});
