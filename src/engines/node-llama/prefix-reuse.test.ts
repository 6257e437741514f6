import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../agent/run-agent.ts';
import type { Trajectory } from '../../agent/trajectory.ts';
import { parseModelManifest } from '../../catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR } from '../../catalog/node-model-files.ts';
import { type AgentTools, loadAgentTools } from '../../cli/agent-tools.ts';
import { idealPrefill, RecordingEngine } from '../../testing/recording-engine.ts';
import { createHttpExecutor } from '../../tools/execute/http-executor.ts';
import { NodeLlamaEngine } from './node-llama-engine.ts';

/**
 * Each role model keeps its KV cache across the steps of a task: a step prefills only the part of its
 * prompt that the same model's previous prompt did not share as a prefix. With overlap, a model also
 * evaluates the certain part of its next prompt (a warm-up) while another model works; the ideal count
 * then runs over every prompt the model evaluated, warm-ups included. It is computed from the prompts'
 * tokens; greedy decoding makes both counts deterministic.
 */
const TASKS = ["What's the weather in Lausanne?", 'What time is it in Durban?', 'Show me my todo list.'];

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
    return new RecordingEngine(engine, (prompt) => engine.tokenize(prompt));
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

    const ideal = [...start].reduce((sum, [engine, first]) => sum + idealPrefill(engine, first), 0);
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
