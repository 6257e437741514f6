import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type CompletionRequest, collectGeneration, GREEDY } from '../engine.ts';
import { NodeLlamaEngine } from './node-llama-engine.ts';

/** A 30k-parameter random-weight llama (fixtures/README.md): real llama.cpp inference, gibberish text. */
export const FIXTURE = fileURLToPath(new URL('./fixtures/tiny-random.gguf', import.meta.url));
/** The fixture's `<s>` and `</s>` token ids. */
export const BOS = 0;
export const EOS = 1;

/**
 * Test setup for a file of engine tests: one engine loaded for the whole file (so the shared
 * llama.cpp runtime, whose start tests the native binary in a child process, starts once), and
 * `fresh()` engines that are unloaded after each test.
 */
export function setupFixtureEngines() {
  const keeper = new NodeLlamaEngine({ modelPath: FIXTURE });
  const engines: NodeLlamaEngine[] = [];
  beforeAll(() => keeper.load());
  afterAll(() => keeper.unload());
  afterEach(() => Promise.all(engines.splice(0).map((engine) => engine.unload())));
  const fresh = async (): Promise<NodeLlamaEngine> => {
    const engine = new NodeLlamaEngine({ modelPath: FIXTURE });
    engines.push(engine);
    await engine.load();
    return engine;
  };
  return { keeper, fresh };
}

/** Runs a completion (greedy unless sampling is given) and checks that the deltas join into the finish text. */
export async function complete(engine: NodeLlamaEngine, request: CompletionRequest) {
  const deltas: string[] = [];
  const finish = await collectGeneration(engine.complete({ sampling: GREEDY, ...request }), (delta) =>
    deltas.push(delta),
  );
  expect(finish.text).toBe(deltas.join(''));
  return finish;
}
