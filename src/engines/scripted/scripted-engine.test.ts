import { describe, expect, it } from 'vitest';
import { EngineError } from '../../agent/errors.ts';
import { collectGeneration, type GenerationOptions } from '../engine.ts';
import { describeEngineContract } from '../engine-contract.ts';
import { pseudoTokens, ScriptedEngine, type ScriptedEngineOptions } from './scripted-engine.ts';

describeEngineContract('scripted', ({ responses }) => new ScriptedEngine({ responses }), {
  deterministicText: true,
});

describeEngineContract(
  'scripted (no chat, grammar and JSON Schema, no prefix reuse)',
  ({ responses }) =>
    new ScriptedEngine({
      responses,
      capabilities: { chat: false, grammar: true, jsonSchema: true, prefixReuse: false },
    }),
  { deterministicText: true },
);

describeEngineContract(
  'scripted (chat only)',
  ({ responses }) => new ScriptedEngine({ responses, capabilities: { rawCompletion: false } }),
  { deterministicText: true },
);

/** A loaded scripted engine. */
async function loaded(options: ScriptedEngineOptions): Promise<ScriptedEngine> {
  const engine = new ScriptedEngine(options);
  await engine.load();
  return engine;
}

/** The finish of one completion. */
function complete(engine: ScriptedEngine, prompt: string, options: GenerationOptions = {}) {
  return collectGeneration(engine.complete({ prompt, ...options }));
}

describe('ScriptedEngine', () => {
  it('splits text into pseudo-tokens of words with their leading whitespace', () => {
    expect(pseudoTokens('Hello  world,\nthere ')).toEqual(['Hello', '  world,', '\nthere', ' ']);
    expect(pseudoTokens('')).toEqual([]);
  });

  it('consumes scripted replies in order and counts down the remaining ones', async () => {
    const engine = await loaded({ responses: ['first', 'second'] });
    expect(engine.remaining).toBe(2);
    expect((await complete(engine, 'a')).text).toBe('first');
    expect(engine.remaining).toBe(1);
    expect((await complete(engine, 'b')).text).toBe('second');
    expect(engine.remaining).toBe(0);
  });

  it('gives reply functions the request kind and prompt, chats rendered ChatML-style', async () => {
    const engine = await loaded({ responses: (request) => `${request.kind}:${request.prompt.length}` });
    expect(engine.remaining).toBe(Number.POSITIVE_INFINITY);
    expect((await complete(engine, 'four')).text).toBe('complete:4');
    const replies = await loaded({ responses: ['fixed', (request) => request.prompt] });
    await complete(replies, 'ignored');
    const finish = await collectGeneration(replies.chat({ messages: [{ role: 'user', content: 'Hi' }] }));
    expect(finish.text).toBe('<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n');
  });

  it('fails with generation-failed, saying how many replies were scripted, once they run out', async () => {
    const engine = await loaded({ responses: ['only', 'two'] });
    await complete(engine, 'a');
    await complete(engine, 'b');
    const error = await complete(engine, 'c').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'generation-failed' });
    expect((error as EngineError).message).toContain('all 2 scripted');
  });

  it('records every request with its prompt and options, refused ones included', async () => {
    const engine = await loaded({ responses: ['ok'] });
    await complete(engine, 'Question: hi', { stop: ['\n'], maxTokens: 5 });
    const constraint = { type: 'grammar', grammar: 'root ::= "x"' } as const;
    await expect(complete(engine, 'constrained', { constraint })).rejects.toMatchObject({
      code: 'unsupported',
    });
    expect(engine.requests).toEqual([
      { kind: 'complete', prompt: 'Question: hi', options: { stop: ['\n'], maxTokens: 5 } },
      { kind: 'complete', prompt: 'constrained', options: { constraint } },
    ]);
  });

  it('cuts the reply before the earliest of several stop strings', async () => {
    const engine = await loaded({ responses: ['alpha beta. gamma\ndelta'] });
    const finish = await complete(engine, 'p', { stop: ['\n', '.'] });
    expect(finish).toMatchObject({ text: 'alpha beta', reason: 'stop', usage: { completionTokens: 2 } });
  });

  it('counts maxTokens in pseudo-tokens and ends with reason length when it cuts', async () => {
    const engine = await loaded({ responses: ['one two three four', 'one two'] });
    expect(await complete(engine, 'p', { maxTokens: 3 })).toMatchObject({
      text: 'one two three',
      reason: 'length',
    });
    expect(await complete(engine, 'p', { maxTokens: 2 })).toMatchObject({ text: 'one two', reason: 'stop' });
  });

  it('an already-aborted signal does not consume a scripted reply', async () => {
    const engine = await loaded({ responses: ['kept'] });
    await complete(engine, 'p', { signal: AbortSignal.abort() });
    expect(engine.remaining).toBe(1);
    expect((await complete(engine, 'p')).text).toBe('kept');
  });

  it('an abort during a slow token delay ends the stream without waiting the delay out', async () => {
    const engine = await loaded({ responses: ['slow reply here'], tokenDelayMs: 60_000 });
    const controller = new AbortController();
    const started = performance.now();
    const finish = await collectGeneration(engine.complete({ prompt: 'p', signal: controller.signal }), () =>
      controller.abort(),
    );
    expect(finish).toMatchObject({ text: 'slow', reason: 'abort', usage: { completionTokens: 1 } });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('load reports one progress event per step after 0 and rejects with aborted when aborted', async () => {
    const fractions: number[] = [];
    await new ScriptedEngine({ responses: [], loadSteps: 2 }).load({
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(fractions).toEqual([0, 0.5, 1]);
    const engine = new ScriptedEngine({ responses: [] });
    const controller = new AbortController();
    const loading = engine.load({ signal: controller.signal });
    controller.abort();
    await expect(loading).rejects.toMatchObject({ name: 'EngineError', code: 'aborted' });
    expect(engine.loaded).toBe(false);
  });

  it('reports the pseudo-tokens shared with the previous prompt as reused, and forgets them on unload', async () => {
    const engine = await loaded({ responses: ['a', 'b', 'c', 'd'] });
    expect((await complete(engine, 'one two three')).usage).toMatchObject({
      promptTokens: 3,
      reusedPromptTokens: 0,
    });
    expect((await complete(engine, 'one two four five')).usage.reusedPromptTokens).toBe(2);
    expect((await complete(engine, 'one two four five')).usage.reusedPromptTokens).toBe(3);
    await engine.unload();
    await engine.load();
    expect((await complete(engine, 'one two four five')).usage.reusedPromptTokens).toBe(0);
  });

  it('refuses a prompt longer than its context with context-overflow', async () => {
    const engine = await loaded({ responses: ['x'], capabilities: { contextLength: 3 } });
    await expect(complete(engine, 'one two three four')).rejects.toMatchObject({ code: 'context-overflow' });
    expect((await complete(engine, 'one two three')).text).toBe('x');
  });

  it('accepts a declared constraint and replies with the scripted text', async () => {
    const engine = await loaded({ responses: ['{"a": 1}'], capabilities: { jsonSchema: true } });
    const constraint = { type: 'json-schema', schema: { type: 'object' } } as const;
    expect((await complete(engine, 'p', { constraint })).text).toBe('{"a": 1}');
  });
});
