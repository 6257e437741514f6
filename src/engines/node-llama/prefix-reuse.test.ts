import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../agent/run-agent.ts';
import type { ModelRole, ModelStep, Trajectory } from '../../agent/trajectory.ts';
import { parseModelManifest } from '../../catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR } from '../../catalog/node-model-files.ts';
import { type AgentTools, loadAgentTools } from '../../cli/agent-tools.ts';
import { createHttpExecutor } from '../../tools/execute/http-executor.ts';
import { NodeLlamaEngine } from './node-llama-engine.ts';

/**
 * Each role model keeps its KV cache across the steps of a task: a step prefills only the part of its
 * prompt that the same model's previous prompt did not share as a prefix. The ideal count is computed
 * from the prompts' tokens; greedy decoding makes both counts deterministic.
 */
const TASKS = ["What's the weather in Lausanne?", 'What time is it in Durban?', 'Show me my todo list.'];

/** Tokens two token lists share from their start. */
function sharedPrefix(a: readonly number[], b: readonly number[]): number {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  return shared;
}

let engines: Record<'planner' | 'caller' | 'summarizer', NodeLlamaEngine>;
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
    return engine;
  };
  engines = {
    planner: await make('planner'),
    caller: await make('caller'),
    summarizer: await make('summarizer'),
  };
  tools = await loadAgentTools(undefined);
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(engines ?? {}).map((engine) => engine.unload()));
  await tools?.close();
});

describe('prompt-prefix reuse on llama.cpp', { timeout: 120_000 }, () => {
  it('prefills per task exactly what each role model’s previous prompt did not share as a prefix', async () => {
    const execute = createHttpExecutor({ tools: tools.tools, fetch: tools.fetch, confirm: async () => true });
    let prefilled = 0;
    let ideal = 0;
    let reused = 0;
    const previous = new Map<ModelRole, number[]>();
    for (const task of TASKS) {
      let trajectory: Trajectory | undefined;
      for await (const event of runAgent({ task, tools: tools.tools, roles: engines, execute })) {
        if (event.type === 'run-end') trajectory = event.trajectory;
      }
      for (const step of trajectory?.steps ?? []) {
        if (step.type !== 'model') continue;
        const model = step as ModelStep;
        const tokens = engines[model.role as 'planner'].tokenize(model.prompt);
        expect(model.usage.promptTokens).toBe(tokens.length);
        ideal += tokens.length - sharedPrefix(previous.get(model.role) ?? [], tokens);
        prefilled += model.usage.promptTokens - model.usage.reusedPromptTokens;
        reused += model.usage.reusedPromptTokens;
        previous.set(model.role, tokens);
      }
    }
    // The models keep their caches from task to task, so the docs prefix is reused across tasks too.
    expect(reused).toBeGreaterThan(0);
    console.info(`prefix reuse: prefilled ${prefilled} tokens, ideal ${ideal}, reused ${reused}`);
    expect(Math.abs(prefilled - ideal) / ideal).toBeLessThanOrEqual(0.05);
  });
});
