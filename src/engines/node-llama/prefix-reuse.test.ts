import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../agent/run-agent.ts';
import type { Trajectory } from '../../agent/trajectory.ts';
import { parseModelManifest } from '../../catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR } from '../../catalog/node-model-files.ts';
import { type AgentTools, loadAgentTools } from '../../cli/agent-tools.ts';
import { createHttpExecutor } from '../../tools/execute/http-executor.ts';
import type {
  ChatRequest,
  CompletionRequest,
  Engine,
  GenerationEvent,
  WarmRequest,
  WarmUsage,
} from '../engine.ts';
import { NodeLlamaEngine } from './node-llama-engine.ts';

/**
 * Each role model keeps its KV cache across the steps of a task: a step prefills only the part of its
 * prompt that the same model's previous prompt did not share as a prefix. With overlap, a model also
 * evaluates the certain part of its next prompt (a warm-up) while another model works; the ideal count
 * then runs over every prompt the model evaluated, warm-ups included. It is computed from the prompts'
 * tokens; greedy decoding makes both counts deterministic.
 */
const TASKS = ["What's the weather in Lausanne?", 'What time is it in Durban?', 'Show me my todo list.'];

/** Tokens two token lists share from their start. */
function sharedPrefix(a: readonly number[], b: readonly number[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared;
}

/**
 * A role model that records, in order, every prompt it is asked to evaluate (completions and
 * warm-ups alike) with its tokens: the model's cache holds the last one.
 */
class RecordingEngine implements Engine {
  readonly prompts: { kind: 'complete' | 'warm'; tokens: number[] }[] = [];
  readonly #engine: NodeLlamaEngine;
  readonly kind: string;
  readonly modelId: string;

  constructor(engine: NodeLlamaEngine) {
    this.#engine = engine;
    this.kind = engine.kind;
    this.modelId = engine.modelId;
  }
  get capabilities() {
    return this.#engine.capabilities;
  }
  get loaded() {
    return this.#engine.loaded;
  }
  get device() {
    return this.#engine.device;
  }
  load() {
    return this.#engine.load();
  }
  unload() {
    return this.#engine.unload();
  }
  complete(request: CompletionRequest): AsyncIterable<GenerationEvent> {
    this.prompts.push({ kind: 'complete', tokens: this.#engine.tokenize(request.prompt) });
    return this.#engine.complete(request);
  }
  chat(request: ChatRequest): AsyncIterable<GenerationEvent> {
    return this.#engine.chat(request);
  }
  warm(request: WarmRequest): Promise<WarmUsage> {
    this.prompts.push({ kind: 'warm', tokens: this.#engine.tokenize(request.prompt) });
    return this.#engine.warm(request);
  }
}

let roles: Record<'planner' | 'caller' | 'summarizer', RecordingEngine>;
let tools: AgentTools;

beforeAll(async () => {
  const manifest = parseModelManifest(
    JSON.parse(
      await import('node:fs/promises').then(({ readFile }) =>
        readFile(join(EMBEDDED_MODELS_DIR, 'manifest.json'), 'utf8'),
      ),
    ),
    'models/manifest.json',
  );
  const make = async (role: 'planner' | 'caller' | 'summarizer') => {
    const entry = manifest.models.find((model) => model.role === role);
    if (entry === undefined) throw new Error(`no ${role} in the manifest`);
    const engine = new NodeLlamaEngine({
      modelPath: join(EMBEDDED_MODELS_DIR, entry.file),
      modelId: entry.id,
      contextSize: entry.context,
    });
    await engine.load();
    return new RecordingEngine(engine);
  };
  roles = {
    planner: await make('planner'),
    caller: await make('caller'),
    summarizer: await make('summarizer'),
  };
  tools = await loadAgentTools(undefined);
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(roles ?? {}).map((engine) => engine.unload()));
  await tools?.close();
});

/** Runs the tasks one after another and returns their trajectories. */
async function runTasks(overlap: boolean): Promise<Trajectory[]> {
  const execute = createHttpExecutor({ tools: tools.tools, fetch: tools.fetch, confirm: async () => true });
  const done: Trajectory[] = [];
  for (const task of TASKS) {
    for await (const event of runAgent({ task, tools: tools.tools, roles, execute, overlap })) {
      if (event.type === 'run-end') done.push(event.trajectory);
    }
  }
  return done;
}

/** Prompt tokens each step evaluated itself (what its turn waited for). */
function stepPrefill(trajectories: readonly Trajectory[]): number {
  return trajectories
    .flatMap((trajectory) => trajectory.steps)
    .reduce(
      (sum, step) =>
        sum + (step.type === 'model' ? step.usage.promptTokens - step.usage.reusedPromptTokens : 0),
      0,
    );
}

describe('prompt-prefix reuse on llama.cpp', { timeout: 240_000 }, () => {
  it('prefills per task exactly what each role model’s previous prompt did not share as a prefix, warm-ups included', async () => {
    const withoutOverlap = await runTasks(false);
    const start = new Map(Object.values(roles).map((engine) => [engine, engine.prompts.length]));
    const withOverlap = await runTasks(true);

    let ideal = 0;
    for (const [engine, first] of start) {
      let previous = engine.prompts[first - 1]?.tokens ?? [];
      for (const { tokens } of engine.prompts.slice(first)) {
        ideal += tokens.length - sharedPrefix(previous, tokens);
        previous = tokens;
      }
    }
    const warmups = withOverlap.flatMap((trajectory) => trajectory.warmups ?? []);
    const warmed = warmups.reduce((sum, warm) => sum + warm.promptTokens - warm.reusedPromptTokens, 0);
    const onTurns = stepPrefill(withOverlap);
    const prefilled = onTurns + warmed;
    const reused = withOverlap
      .flatMap((trajectory) => trajectory.steps)
      .reduce((sum, step) => sum + (step.type === 'model' ? step.usage.reusedPromptTokens : 0), 0);
    console.info(
      `prefix reuse: prefilled ${prefilled} tokens (${onTurns} in the models' turns, ${warmed} in ${warmups.length} warm-ups), ideal ${ideal}, reused ${reused}; without overlap ${stepPrefill(withoutOverlap)} in the turns`,
    );
    // The models keep their caches from task to task, so the docs prefix is reused across tasks too.
    expect(reused).toBeGreaterThan(0);
    expect(warmups.length).toBeGreaterThan(0);
    expect(Math.abs(prefilled - ideal) / ideal).toBeLessThanOrEqual(0.05);
    // Warm-ups move prefill off the turns, and change no output (greedy, same tokens in the cache).
    expect(onTurns).toBeLessThan(stepPrefill(withoutOverlap) * 0.8);
    const outputs = (runs: Trajectory[]) =>
      runs.map((trajectory) =>
        trajectory.steps.map((step) => (step.type === 'model' ? step.output : step.observation)),
      );
    expect(outputs(withOverlap)).toEqual(outputs(withoutOverlap));
  });
});
