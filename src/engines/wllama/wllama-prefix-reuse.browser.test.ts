import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAgent } from '../../agent/run-agent.ts';
import type { Trajectory } from '../../agent/trajectory.ts';
import { modelForRole } from '../../catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR, loadManifestFile, modelPath } from '../../catalog/node-model-files.ts';
import { type AgentTools, loadAgentTools } from '../../cli/agent-tools.ts';
import { idealPrefill, RecordingEngine } from '../../testing/recording-engine.ts';
import { createHttpExecutor } from '../../tools/execute/http-executor.ts';
import type { Engine } from '../engine.ts';
import { NodeLlamaEngine } from '../node-llama/node-llama-engine.ts';
import { type BrowserSession, hasChromium, startBrowserSession } from './testing/browser-session.ts';

/**
 * The wllama twin of node-llama/prefix-reuse.test.ts: each role model (its own wllama instance, one
 * sequence) keeps its KV cache across the steps and tasks of the bench's task set, so a step prefills
 * only the part of its prompt that the same model's previous prompt did not share as a prefix. wllama
 * 3.8 cannot tokenize, so the ideal count tokenizes the prompts with llama.cpp natively on the same
 * GGUF; every step's prompt token count is checked against it first. With overlap (the default), a
 * model also evaluates the certain part of its next prompt while another works: the ideal then runs over
 * every prompt each model evaluated, warm-ups included. Greedy: both counts are fixed.
 */
const TASKS = [
  "What's the weather in Lausanne?",
  'What time is it in Durban?',
  'Show me my todo list.',
  'How many people live in Osaka?',
];
const ROLES = ['planner', 'caller', 'summarizer'] as const;
const hasModels = existsSync(join(EMBEDDED_MODELS_DIR, 'manifest.json'));

let session: BrowserSession;
let roles: Record<(typeof ROLES)[number], RecordingEngine>;
let tokenizers: Record<(typeof ROLES)[number], NodeLlamaEngine>;
let tools: AgentTools;

describe.skipIf(!hasChromium || !hasModels)('prompt-prefix reuse on wllama in headless Chromium', () => {
  beforeAll(async () => {
    const manifest = await loadManifestFile(EMBEDDED_MODELS_DIR);
    session = await startBrowserSession();
    const entries = ROLES.map((role) => modelForRole(manifest, role));
    const [planner, caller, summarizer] = await Promise.all(
      entries.map((entry) =>
        session.engine({
          modelId: entry.id,
          url: `/models/${entry.file}`,
          entry,
          contextSize: entry.context,
        }),
      ),
    );
    if (!planner || !caller || !summarizer) throw new Error('expected three role engines');
    for (const engine of [planner, caller, summarizer]) await engine.load();
    const native = entries.map(
      (entry) => new NodeLlamaEngine({ modelPath: modelPath(EMBEDDED_MODELS_DIR, entry), modelId: entry.id }),
    );
    for (const engine of native) await engine.load();
    const [p, c, s] = native as [NodeLlamaEngine, NodeLlamaEngine, NodeLlamaEngine];
    tokenizers = { planner: p, caller: c, summarizer: s };
    const recording = (engine: Engine, role: (typeof ROLES)[number]) =>
      new RecordingEngine(engine, (prompt) => tokenizers[role].tokenize(prompt));
    roles = {
      planner: recording(planner, 'planner'),
      caller: recording(caller, 'caller'),
      summarizer: recording(summarizer, 'summarizer'),
    };
    tools = await loadAgentTools(undefined);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(Object.values(tokenizers ?? {}).map((engine) => engine.unload()));
    await tools?.close();
    await session?.close();
  }, 60_000);

  it('prefills over the task set what each role model’s previous prompt did not share as a prefix (within 5%)', {
    timeout: 180_000,
  }, async () => {
    const execute = createHttpExecutor({ tools: tools.tools, fetch: tools.fetch, confirm: async () => true });
    let [prefilled, reused, steps, warmups] = [0, 0, 0, 0];
    for (const task of TASKS) {
      let trajectory: Trajectory | undefined;
      for await (const event of runAgent({ task, tools: tools.tools, roles, execute })) {
        if (event.type === 'run-end') trajectory = event.trajectory;
      }
      expect(trajectory?.error, task).toBeUndefined();
      for (const step of trajectory?.steps ?? []) {
        if (step.type !== 'model') continue;
        const tokens = tokenizers[step.role as (typeof ROLES)[number]].tokenize(step.prompt);
        expect(step.usage.promptTokens, `${step.role}'s prompt tokens as llama.cpp counts them`).toBe(
          tokens.length,
        );
        prefilled += step.usage.promptTokens - step.usage.reusedPromptTokens;
        reused += step.usage.reusedPromptTokens;
        steps++;
      }
      for (const warm of trajectory?.warmups ?? []) {
        prefilled += warm.promptTokens - warm.reusedPromptTokens;
        warmups++;
      }
    }
    const ideal = Object.values(roles).reduce((sum, engine) => sum + idealPrefill(engine), 0);
    console.info(
      `wllama prefix reuse over ${steps} steps and ${warmups} warm-ups: prefilled ${prefilled} tokens, ideal ${ideal}, reused ${reused}`,
    );
    expect(reused).toBeGreaterThan(0);
    expect(warmups).toBeGreaterThan(0);
    expect(Math.abs(prefilled - ideal) / ideal).toBeLessThanOrEqual(0.05);
  });
});
