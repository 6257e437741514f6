import { describe, expect, it } from 'vitest';
import { collectGeneration, type GenerationEvent, GREEDY } from '../engine.ts';
import { describeEngineContract } from '../engine-contract.ts';
import { FAKE_SPEEDS } from './fake-mlc-chunks.ts';
import { WebLlmEngine } from './webllm-engine.ts';
import { fakeHost } from './webllm-test-setup.ts';

for (const profile of ['chat', 'alpha-umi'] as const)
  describeEngineContract(
    `webllm ${profile} (fake MLC engine)`,
    ({ responses }) => fakeHost({ replies: { tiny: responses } }).engine('tiny', { profile }),
    { deterministicText: true },
  );

async function events(stream: AsyncIterable<GenerationEvent>) {
  const all: GenerationEvent[] = [];
  for await (const event of stream) all.push(event);
  return all;
}

describe('WebLlmEngine (with a fake MLC engine)', () => {
  it('serves several models from one MLC engine, each request naming its model', async () => {
    const { engine, fake, factory } = fakeHost({ replies: { planner: [' plan'], caller: [' call'] } });
    const [planner, caller] = [engine('planner'), engine('caller')];
    await Promise.all([planner.load(), caller.load()]);
    const plan = await collectGeneration(planner.complete({ prompt: 'P:' }));
    const call = await collectGeneration(caller.complete({ prompt: 'C:' }));
    expect([plan.text, call.text]).toEqual([' plan', ' call']);
    expect(factory.made).toHaveLength(1);
    expect(fake().requests.map(({ model, input }) => ({ model, input }))).toEqual([
      { model: 'planner', input: 'P:' },
      { model: 'caller', input: 'C:' },
    ]);
  });

  it('sends sampling, limits and stop strings as WebLLM options, streaming with usage', async () => {
    const { engine, fake } = fakeHost({ replies: { m: [' a b c'] } });
    const model = engine('m');
    await model.load();
    const sampling = { temperature: 0.5, topP: 0.9, seed: 7 };
    await collectGeneration(model.complete({ prompt: 'Q:</s>', sampling, maxTokens: 9, stop: ['\n'] }));
    expect(fake().requests[0]?.params).toEqual({
      model: 'm',
      prompt: 'Q:</s>',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.5,
      top_p: 0.9,
      seed: 7,
      max_tokens: 9,
      stop: ['\n'],
    });
  });

  it('translates a grammar and a JSON Schema into WebLLM response formats on chats', async () => {
    const { engine, fake } = fakeHost({ replies: { m: ['yes', '{"a": 1}'] } });
    const model = engine('m', { profile: 'chat' });
    await model.load();
    const messages = [{ role: 'user', content: 'Yes?' }] as const;
    const schema = { type: 'object', properties: { a: { type: 'integer' } } };
    const grammar = 'root ::= "yes" | "no"';
    await collectGeneration(
      model.chat({ messages, sampling: GREEDY, constraint: { type: 'grammar', grammar } }),
    );
    await collectGeneration(model.chat({ messages, constraint: { type: 'json-schema', schema } }));
    expect(fake().requests.map((request) => request.responseFormat)).toEqual([
      { type: 'grammar', grammar },
      { type: 'json_object', schema: JSON.stringify(schema) },
    ]);
    expect(fake().requests[0]?.input).toEqual(messages);
  });

  it('declares constraints and no raw completions with the chat profile, the reverse with alpha-umi', () => {
    const { engine, host } = fakeHost();
    const can = (profile: 'chat' | 'alpha-umi') => {
      const { rawCompletion, chat, grammar, jsonSchema, prefixReuse } = engine('m', { profile }).capabilities;
      return { rawCompletion, chat, grammar, jsonSchema, prefixReuse };
    };
    expect(can('chat')).toEqual({
      rawCompletion: false,
      chat: true,
      grammar: true,
      jsonSchema: true,
      prefixReuse: false,
    });
    expect(can('alpha-umi')).toEqual({
      rawCompletion: true,
      chat: true,
      grammar: false,
      jsonSchema: false,
      prefixReuse: false,
    });
    expect(new WebLlmEngine({ host, modelId: 'm' }).capabilities.rawCompletion).toBe(false);
  });

  it('refuses a constrained raw completion, which WebLLM would not constrain', async () => {
    const { engine, fake } = fakeHost({ replies: { m: ['yes'] } });
    const model = engine('m');
    await model.load();
    const constraint = { type: 'grammar', grammar: 'root ::= "yes"' } as const;
    await expect(events(model.complete({ prompt: 'Q:', constraint }))).rejects.toMatchObject({
      name: 'EngineError',
      code: 'unsupported',
    });
    expect(fake().requests).toEqual([]);
  });

  it('takes usage and speeds from the final chunk, with no reused prompt tokens', async () => {
    const { engine } = fakeHost({ replies: { m: [' one two three'] } });
    const model = engine('m');
    await model.load();
    const { usage, reason } = await collectGeneration(
      model.complete({ prompt: 'Count to three in four words:' }),
    );
    expect(reason).toBe('stop');
    expect(usage).toEqual({
      promptTokens: 6,
      reusedPromptTokens: 0,
      completionTokens: 3,
      prefillTokensPerSecond: FAKE_SPEEDS.prefill_tokens_per_s,
      decodeTokensPerSecond: FAKE_SPEEDS.decode_tokens_per_s,
    });
  });

  it('an abort mid-generation calls interruptGenerate and ends the stream with abort and the text so far', async () => {
    const { engine, fake } = fakeHost({ replies: { m: [' a b c d e f g h'] } });
    const model = engine('m');
    await model.load();
    fake().tokenDelayMs = 20;
    const controller = new AbortController();
    const finish = await collectGeneration(model.complete({ prompt: 'Q:', signal: controller.signal }), () =>
      controller.abort(),
    );
    expect(fake().interrupts).toBe(1);
    expect(finish).toMatchObject({
      type: 'finish',
      text: ' a',
      reason: 'abort',
      usage: { completionTokens: 1 },
    });
  });

  it('unloading ends the model’s generation in flight with abort', async () => {
    const { engine, fake } = fakeHost({ replies: { m: [' a b c d e f g h'] } });
    const model = engine('m');
    await model.load();
    fake().tokenDelayMs = 20;
    let unloading: Promise<void> | undefined;
    const finish = await collectGeneration(model.complete({ prompt: 'Q:' }), () => {
      unloading ??= model.unload();
    });
    await unloading;
    expect(finish.reason).toBe('abort');
    expect(fake().loaded).toEqual([]);
  });

  it('takes the context length from the option, else the model record’s override', () => {
    const record = {
      model: 'https://x/m',
      model_id: 'm',
      model_lib: 'https://x/m.wasm',
      overrides: { context_window_size: 1024 },
    };
    const { engine } = fakeHost({}, { appConfig: { model_list: [record] } });
    expect(engine('m').capabilities.contextLength).toBe(1024);
    expect(engine('m', { contextLength: 512 }).capabilities.contextLength).toBe(512);
    expect(engine('other').capabilities.contextLength).toBe(2048);
  });
});
