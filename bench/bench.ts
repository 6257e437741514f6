/**
 * `npm run bench`: the same GGUF and prompt in wllama (headless Chromium) and native llama.cpp
 * (node-llama-cpp) — prefill and decode tokens/s and their ratio, and on synthetic GGUFs from ~1M to
 * ~100M parameters the size at which wasm decode reaches 0.5× native — then one full α-UMi task step by
 * step, then a fixed set of demo tasks with the three α-UMi models and with the single-LLM backbone,
 * in native llama.cpp and in wllama: end-to-end time, where it went (models, tools, orchestration,
 * and for wllama the bench harness's Node↔page messaging), and per role the prompt tokens prefilled
 * vs reused, time to first token and decode speed. Writes bench/results.json, a Markdown table
 * (bench/tasks.md) and charts (bench/tasks.svg).
 *
 *   npm run bench [-- --runs 5] [-- --task "What's the weather in Lausanne?"] [-- --no-browser] [-- --no-sweep]
 *   npm run bench -- --quick    one run, one task, Node only, nothing written: proves the bench works
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { plannerInput } from '../src/agent/alpha-umi-prompts.ts';
import { modelForRole } from '../src/catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR, loadManifestFile, modelPath } from '../src/catalog/node-model-files.ts';
import { type AgentTools, loadAgentTools } from '../src/cli/agent-tools.ts';
import { loadRoleModels, type RoleModels, type RolesMode } from '../src/cli/models/role-models.ts';
import { measureBrowser } from './browser-speed.ts';
import { browserTaskSets } from './browser-task-set.ts';
import { timeChart } from './charts.ts';
import { measureNative } from './native-speed.ts';
import { extraTimeLines, overlapPolicyLines, setLines, speedLines, stepLines } from './print-tables.ts';
import { type BenchRecord, ENGINE_TITLES, markdownReport, type TaskSetRecord } from './report.ts';
import { requestOverheadMs } from './request-overhead.ts';
import { measureSizeSweep, promptTail } from './size-sweep.ts';
import { type SizeSweepRow, sizeSweepTable } from './size-sweep-report.ts';
import { BENCH_TASKS, NO_OVERLAP, timeTask, timeTaskSet } from './task-set.ts';

const out = (...lines: string[]) => {
  for (const line of lines.length === 0 ? [''] : lines) process.stdout.write(`${line}\n`);
};

/** Loads a mode's native models, runs `use` with their roles and unloads them. */
async function withNativeModels<T>(mode: RolesMode, use: (roles: RoleModels['roles']) => Promise<T>) {
  const models = await loadRoleModels({ dir: EMBEDDED_MODELS_DIR, mode, engine: 'node-llama-cpp' });
  try {
    return await use(models.roles);
  } finally {
    await models.close();
  }
}

/**
 * The set with the α-UMi models (with overlap, then without) and with the backbone, natively, each
 * from freshly loaded models (so all start with empty prompt caches, as in the browser); then `task` step by step — the set's own
 * run of it when the set has it, else a run after the set on the same models.
 */
async function nativeTaskSets(
  task: string,
  tasks: readonly string[],
  tools: AgentTools,
  prompt: string,
): Promise<{ sets: TaskSetRecord[]; requestOverheadMs: number }> {
  const alphaUmi = await withNativeModels('alpha-umi', async (roles) => {
    const summary = await timeTaskSet(tasks, roles, tools.tools, tools.fetch);
    const own = summary.tasks.find((timed) => timed.task === task);
    out(
      '',
      `# One full task, native llama.cpp (node-llama-cpp, 1 thread each), demo API in-process${own ? '' : ', after the set'}`,
    );
    out(...stepLines(own ?? (await timeTask(task, roles, tools.tools, tools.fetch))));
    return summary;
  });
  const serial = await withNativeModels('alpha-umi', (roles) =>
    timeTaskSet(tasks, roles, tools.tools, tools.fetch, undefined, false),
  );
  const { backbone, overhead } = await withNativeModels('backbone', async (roles) => {
    if (!('backbone' in roles)) throw new Error('expected the backbone');
    const summary = await timeTaskSet(tasks, roles, tools.tools, tools.fetch);
    return { backbone: summary, overhead: await requestOverheadMs(roles.backbone, prompt) };
  });
  const sets = [
    { engine: 'node-llama-cpp', mode: 'α-UMi', summary: alphaUmi },
    { engine: 'node-llama-cpp', mode: NO_OVERLAP, summary: serial },
    { engine: 'node-llama-cpp', mode: 'backbone', summary: backbone },
  ];
  return { sets, requestOverheadMs: overhead };
}

/**
 * Synthetic GGUFs of the shipped architecture from ~1M to ~100M parameters in both engines (the
 * last ~128 tokens of the planner prompt, 32 tokens decoded): where wasm decode reaches 0.5× native.
 */
async function sizeSweep(prompt: string, runs: number, browser: boolean): Promise<SizeSweepRow[]> {
  out(
    '',
    '# wasm vs native by model size: synthetic GGUFs (bench/.cache/), 1 thread each, the same file in both',
  );
  const rows = await measureSizeSweep({
    runs,
    browser,
    prompt: promptTail(prompt, 128),
    maxTokens: 32,
  });
  out(sizeSweepTable(rows));
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      task: { type: 'string', default: "What's the weather in Lausanne?" },
      browser: { type: 'boolean', default: true },
      quick: { type: 'boolean', default: false },
      sweep: { type: 'boolean', default: true },
    },
    allowNegative: true,
  });
  const quick = values.quick === true;
  const runs = quick ? 1 : Number(values.runs);
  const browser = values.browser && !quick;
  const tasks = quick ? BENCH_TASKS.slice(0, 1) : BENCH_TASKS;
  const manifest = await loadManifestFile(EMBEDDED_MODELS_DIR);
  const planner = modelForRole(manifest, 'planner');
  const tools = await loadAgentTools(undefined);
  try {
    const prompt = plannerInput(
      tools.tools.map((tool) => tool.doc),
      [{ from: 'user', value: values.task }],
      { systemPrefix: manifest.systemPrefix },
    );
    out(
      `# Speed: ${planner.file} (${planner.params} parameters), the planner prompt of "${values.task}", greedy, ${runs} cold runs (medians)`,
    );
    const speed = [await measureNative(modelPath(EMBEDDED_MODELS_DIR, planner), prompt, 64, runs)];
    if (browser) speed.unshift(await measureBrowser(planner.file, prompt, 64, runs));
    out(...speedLines(speed));
    const sweep = values.sweep && !quick ? await sizeSweep(prompt, runs, browser) : undefined;

    const native = await nativeTaskSets(values.task, tasks, tools, prompt);
    const sets = native.sets;
    const overhead: Record<string, number> = { 'node-llama-cpp': native.requestOverheadMs };
    if (browser) {
      const inPage = await browserTaskSets(tasks, manifest, tools, prompt);
      for (const { mode, summary } of inPage.sets) sets.push({ engine: 'wllama', mode, summary });
      overhead.wllama = inPage.requestOverheadMs;
    }
    for (const engine of [...new Set(sets.map((set) => set.engine))]) {
      out(
        '',
        `# ${tasks.length} demo tasks, ${ENGINE_TITLES[engine] ?? engine}, greedy: three α-UMi models vs the single-LLM backbone`,
      );
      const engineSets = sets.filter((set) => set.engine === engine);
      out(...setLines(engineSets), ...extraTimeLines(engineSets, overhead[engine] ?? 0));
    }
    out('', ...overlapPolicyLines());
    if (!quick) {
      const record: BenchRecord = {
        measuredAt: new Date().toISOString(),
        runs,
        speed,
        taskSets: sets,
        requestOverheadMs: overhead,
        ...(sweep === undefined ? {} : { sizeSweep: sweep }),
      };
      await writeFile(join('bench', 'results.json'), `${JSON.stringify(record, null, 2)}\n`);
      await writeFile(join('bench', 'tasks.md'), markdownReport(record));
      await writeFile(join('bench', 'tasks.svg'), timeChart(record));
      out('', 'wrote bench/results.json, bench/tasks.md and bench/tasks.svg');
    }
  } finally {
    await tools.close();
  }
  out('', `models: ${join(EMBEDDED_MODELS_DIR, 'manifest.json')}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
