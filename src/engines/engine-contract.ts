import { afterEach, describe, expect, it } from 'vitest';
import type { EngineErrorCode } from '../agent/errors.ts';
import type { Engine, GenerationEvent, GenerationOptions, OutputConstraint } from './engine.ts';
import { GREEDY } from './engine.ts';

/** The replies a contract test would like, in generation order; scripted engines say them, real ones ignore them. */
export type ContractScript = { responses: readonly string[] };
/** A factory for a fresh, unloaded engine; scripted engines say the script, real ones ignore it. */
export type MakeEngine = (script: ContractScript) => Promise<Engine> | Engine;

/** Settings for slow or non-deterministic engines (skip a suite by wrapping it in describe.skipIf). */
export interface ContractOptions {
  /** The engine says exactly the scripted replies, so exact texts are asserted too. */
  deterministicText?: boolean;
  /** Per-test timeout in ms (real models load slowly). */
  timeoutMs?: number;
  /** How long an abort may take to end a stream, in ms. */
  abortLatencyMs?: number;
}

const COUNT_PROMPT = 'Count from one to fifty in words, separated by commas: one, two, three,';
const COUNT_REPLY = ' four, five, six, seven, eight, nine, ten, eleven, twelve,'.repeat(10);
const FRANCE_PROMPT = 'Question: What is the capital of France?\nAnswer:';
const FRANCE_REPLY = ' Paris is the capital of France.';
const FRANCE_CHAT = [{ role: 'user', content: 'What is the capital of France?' }] as const;
const SHORT = { maxTokens: 16, sampling: GREEDY } as const;
const YES_NO_PROMPT = 'Question: Is Paris in France? Reply yes or no.\nAnswer:';
const YES_NO_GRAMMAR: OutputConstraint = { type: 'grammar', grammar: 'root ::= "yes" | "no"' };
const YES_NO_JSON: OutputConstraint = {
  type: 'json-schema',
  schema: { type: 'object', properties: { answer: { enum: ['yes', 'no'] } }, required: ['answer'] },
};

/** Drains a stream, checking it is deltas then exactly one finish whose text joins them. */
async function drain(stream: AsyncIterable<GenerationEvent>, onDelta?: (text: string) => void) {
  const events: GenerationEvent[] = [];
  for await (const event of stream) {
    events.push(event);
    if (event.type === 'token-delta') onDelta?.(event.text);
  }
  const finish = events.pop();
  if (finish?.type !== 'finish') throw new Error('The stream did not end with a finish event.');
  const deltas = events.flatMap((event) => (event.type === 'token-delta' ? [event.text] : []));
  expect(deltas, 'only deltas come before the one finish').toHaveLength(events.length);
  expect(finish.text).toBe(deltas.join(''));
  return { deltas, finish };
}

/** Generates greedily from a raw prompt (one user turn where the engine has no raw completion) and drains it. */
function run(engine: Engine, prompt: string, options: GenerationOptions, onDelta?: (text: string) => void) {
  const request = { sampling: GREEDY, ...options };
  if (engine.capabilities.rawCompletion) return drain(engine.complete({ prompt, ...request }), onDelta);
  return drain(engine.chat({ messages: [{ role: 'user', content: prompt }], ...request }), onDelta);
}

/** Asserts that the action (throwing or rejecting) fails with an EngineError of this code. */
async function expectRefusal(action: () => Promise<unknown>, code: EngineErrorCode): Promise<void> {
  await expect(Promise.resolve().then(action)).rejects.toMatchObject({ name: 'EngineError', code });
}

/**
 * The contract every engine honours, as one Vitest suite. Aborting a generation (before or during it)
 * is not an error: the stream ends with a finish whose reason is 'abort' and whose text is what was
 * generated so far; only an aborted load() rejects, with EngineError 'aborted'.
 */
export function describeEngineContract(name: string, makeEngine: MakeEngine, options: ContractOptions = {}) {
  const { deterministicText = false, timeoutMs = 30_000, abortLatencyMs = 2_000 } = options;
  describe(`${name} engine contract`, { timeout: timeoutMs }, () => {
    const engines: Engine[] = [];
    const make = async (responses: string[], load = true) => {
      const engine = await makeEngine({ responses });
      engines.push(engine);
      if (load) await engine.load();
      return engine;
    };
    afterEach(() => Promise.all(engines.splice(0).map((engine) => engine.unload())));

    it('load reports rising progress that ends at 1 and marks the engine loaded', async () => {
      const engine = await make([], false);
      expect(engine.loaded).toBe(false);
      expect(engine.device).toBeUndefined();
      const fractions: number[] = [];
      await engine.load({ onProgress: (progress) => fractions.push(progress.fraction) });
      expect(engine.loaded).toBe(true);
      expect(engine.device, 'says where the model runs').toMatch(/\w/);
      expect(fractions.at(-1)).toBe(1);
      const rising = [...fractions].sort((a, b) => a - b).filter((f) => f >= 0 && f <= 1);
      expect(fractions, 'rising fractions within 0..1').toEqual(rising);
    });

    it('generating before load is refused with not-loaded', async () => {
      const engine = await make([FRANCE_REPLY], false);
      await expectRefusal(() => run(engine, FRANCE_PROMPT, { maxTokens: 8 }), 'not-loaded');
    });

    it('a completion streams token deltas, then one finish whose text is their concatenation', async () => {
      const engine = await make([FRANCE_REPLY]);
      const { deltas, finish } = await run(engine, FRANCE_PROMPT, { maxTokens: 16 });
      expect(deltas.length).toBeGreaterThan(0);
      if (deterministicText) expect(finish.text).toBe(FRANCE_REPLY);
    });

    it('usage holds finite, non-negative counts and speeds, with at least one completion token', async () => {
      const engine = await make([FRANCE_REPLY]);
      const { usage } = (await run(engine, FRANCE_PROMPT, { maxTokens: 16 })).finish;
      for (const value of Object.values(usage)) expect(Number.isFinite(value) && value >= 0).toBe(true);
      expect(usage.promptTokens).toBeGreaterThan(0);
      expect(usage.completionTokens).toBeGreaterThan(0);
    });

    it('maxTokens bounds the completion tokens and a cut completion ends with reason length', async () => {
      const engine = await make([COUNT_REPLY]);
      const { finish } = await run(engine, COUNT_PROMPT, { maxTokens: 4 });
      expect(finish.usage.completionTokens).toBeLessThanOrEqual(4);
      if (deterministicText || finish.usage.completionTokens === 4) expect(finish.reason).toBe('length');
    });

    it('a stop string ends the completion with reason stop and never appears in its text', async () => {
      const engine = await make([COUNT_REPLY]);
      const stop = [', ', '\n'];
      const { finish } = await run(engine, COUNT_PROMPT, { maxTokens: 32, stop });
      expect(finish.reason).toBe('stop');
      for (const text of stop) expect(finish.text).not.toContain(text);
      if (deterministicText) expect(finish.text).toBe(' four');
    });

    it('greedy sampling gives the same text twice for the same prompt', async () => {
      const engine = await make([FRANCE_REPLY, FRANCE_REPLY]);
      const first = await run(engine, FRANCE_PROMPT, { maxTokens: 16, sampling: GREEDY });
      const second = await run(engine, FRANCE_PROMPT, { maxTokens: 16, sampling: GREEDY });
      expect(second.finish.text).toBe(first.finish.text);
    });

    it('an abort mid-stream ends it promptly with reason abort and the text so far', async () => {
      const engine = await make([COUNT_REPLY]);
      const controller = new AbortController();
      let abortedAt = Number.POSITIVE_INFINITY;
      const onDelta = () => {
        abortedAt = Math.min(abortedAt, performance.now());
        controller.abort();
      };
      const options = { maxTokens: 64, signal: controller.signal };
      const { finish } = await run(engine, COUNT_PROMPT, options, onDelta);
      expect(performance.now() - abortedAt).toBeLessThan(abortLatencyMs);
      expect(finish.reason).toBe('abort');
      expect(finish.usage.completionTokens).toBeLessThan(64);
    });

    it('an already-aborted signal ends the stream at once without generating anything', async () => {
      const engine = await make([COUNT_REPLY]);
      const options = { maxTokens: 8, signal: AbortSignal.abort() };
      const { deltas, finish } = await run(engine, COUNT_PROMPT, options);
      expect(deltas).toEqual([]);
      expect(finish).toMatchObject({ text: '', reason: 'abort', usage: { completionTokens: 0 } });
    });

    const constraints = [
      { capability: 'grammar', reply: 'yes', constraint: YES_NO_GRAMMAR },
      { capability: 'jsonSchema', reply: '{"answer": "yes"}', constraint: YES_NO_JSON },
    ] as const;
    for (const { capability, reply, constraint } of constraints) {
      it(`a ${constraint.type} constraint is refused with unsupported unless declared, and honoured when declared`, async () => {
        const engine = await make([reply]);
        const request = () => run(engine, YES_NO_PROMPT, { maxTokens: 32, constraint });
        if (!engine.capabilities[capability]) return expectRefusal(request, 'unsupported');
        const { text } = (await request()).finish;
        expect(['yes', 'no']).toContain(constraint.type === 'grammar' ? text : JSON.parse(text).answer);
      });
    }

    const methods = [
      { capability: 'chat', call: (e: Engine) => e.chat({ messages: FRANCE_CHAT, ...SHORT }) },
      { capability: 'rawCompletion', call: (e: Engine) => e.complete({ prompt: FRANCE_PROMPT, ...SHORT }) },
    ] as const;
    for (const { capability, call } of methods) {
      it(`${capability} is refused with unsupported unless declared, and otherwise streams a reply`, async () => {
        const engine = await make([FRANCE_REPLY]);
        const request = () => drain(call(engine));
        if (!engine.capabilities[capability]) return expectRefusal(request, 'unsupported');
        const { deltas, finish } = await request();
        expect(deltas.length > 0 && finish.usage.completionTokens > 0).toBe(true);
        if (deterministicText) expect(finish.text).toBe(FRANCE_REPLY);
      });
    }

    it('after unload the engine is not loaded and generating is refused with not-loaded', async () => {
      const engine = await make([FRANCE_REPLY]);
      await engine.unload();
      expect(engine.loaded).toBe(false);
      await expectRefusal(() => run(engine, FRANCE_PROMPT, { maxTokens: 8 }), 'not-loaded');
    });

    it('a prompt sharing a prefix with the previous one reuses prompt tokens when prefix reuse is declared', async () => {
      const engine = await make([' Paris.', ' Berlin.']);
      await run(engine, FRANCE_PROMPT, { maxTokens: 4 });
      const prompt = `${FRANCE_PROMPT} Paris.\nQuestion: And what is the capital of Germany?\nAnswer:`;
      const { usage } = (await run(engine, prompt, { maxTokens: 4 })).finish;
      expect(usage.reusedPromptTokens > 0).toBe(engine.capabilities.prefixReuse);
      expect(usage.reusedPromptTokens).toBeLessThanOrEqual(usage.promptTokens);
    });

    it('a warmed prompt is reused whole by the next completion that starts with it, when prefix reuse is declared', async () => {
      const engine = await make([' Paris.']);
      if (engine.warm === undefined || !engine.capabilities.rawCompletion) return;
      const warmed = await engine.warm({ prompt: FRANCE_PROMPT });
      expect(warmed.promptTokens).toBeGreaterThan(0);
      const { finish } = await run(engine, `${FRANCE_PROMPT} Paris.\nQuestion: And Germany?\nAnswer:`, {
        maxTokens: 4,
      });
      if (!engine.capabilities.prefixReuse) return expect(finish.usage.reusedPromptTokens).toBe(0);
      // All of the warmed prompt but its last token or two, which may merge with what follows.
      expect(finish.usage.reusedPromptTokens).toBeGreaterThanOrEqual(warmed.promptTokens - 2);
    });
  });
}
