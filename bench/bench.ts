/**
 * `npm run bench`: the same GGUF and prompt in wllama (headless Chromium) and native llama.cpp
 * (node-llama-cpp) — prefill and decode tokens/s and their ratio — then one full α-UMi task with
 * per-step prefilled vs reused prompt tokens and latency, then a fixed set of demo tasks with the
 * three α-UMi models and with the single-LLM backbone: end-to-end time, where it went (models, tools,
 * orchestration) and the ratio of the two. Writes bench/results.json, a Markdown table (bench/tasks.md)
 * and a chart of where each task's time went (bench/tasks.svg).
 *
 *   npm run bench [-- --runs 5] [-- --task "What's the weather in Lausanne?"] [-- --no-browser]
 *   npm run bench -- --quick    one run, one task, no browser, nothing written: proves the bench works
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { plannerInput } from '../src/agent/alpha-umi-prompts.ts';
import { modelForRole } from '../src/catalog/model-manifest.ts';
import { EMBEDDED_MODELS_DIR, loadManifestFile, modelPath } from '../src/catalog/node-model-files.ts';
import { loadAgentTools } from '../src/cli/agent-tools.ts';
import { loadRoleModels } from '../src/cli/models/role-models.ts';
import { measureBrowser } from './browser-speed.ts';
import { measureNative, type SpeedResult } from './native-speed.ts';
import { type BenchRecord, markdownReport, timeChart } from './report.ts';
import { BENCH_TASKS, type SetSummary, timeTaskSet } from './task-set.ts';
import { type TaskTiming, timeTask } from './task-steps.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const fixed = (value: number, digits = 0) => value.toFixed(digits);
const pad = (text: string | number, width: number) => String(text).padStart(width);

function speedTable(results: SpeedResult[]): void {
  out(
    `${'engine'.padEnd(26)}${pad('prompt', 8)}${pad('gen', 6)}${pad('prefill tok/s', 15)}${pad('decode tok/s', 14)}`,
  );
  for (const r of results)
    out(
      `${r.engine.padEnd(26)}${pad(r.promptTokens, 8)}${pad(r.completionTokens, 6)}` +
        `${pad(fixed(r.prefillTokensPerSecond), 15)}${pad(fixed(r.decodeTokensPerSecond), 14)}`,
    );
  const [browser, native] = [
    results.find((r) => r.engine.startsWith('wllama')),
    results.find((r) => r.engine === 'node-llama-cpp'),
  ];
  if (browser && native)
    out(
      `ratio wllama / native: prefill ${fixed(browser.prefillTokensPerSecond / native.prefillTokensPerSecond, 2)}, ` +
        `decode ${fixed(browser.decodeTokensPerSecond / native.decodeTokensPerSecond, 2)}`,
    );
}

function taskTable(timing: TaskTiming): void {
  out(`task: ${timing.task}  →  ${timing.status}${timing.answer ? `: ${timing.answer}` : ''}`);
  out(
    `${'step'.padEnd(6)}${'role'.padEnd(12)}${pad('prompt', 8)}${pad('reused', 8)}${pad('prefilled', 11)}${pad('gen', 6)}${pad('ms', 8)}`,
  );
  for (const [i, s] of timing.steps.entries())
    out(
      `${String(i + 1).padEnd(6)}${s.role.padEnd(12)}${pad(s.promptTokens, 8)}${pad(s.reusedPromptTokens, 8)}` +
        `${pad(s.prefilledTokens, 11)}${pad(s.completionTokens, 6)}${pad(fixed(s.milliseconds), 8)}`,
    );

  const sum = (pick: (s: TaskTiming['steps'][number]) => number) =>
    timing.steps.reduce((t, s) => t + pick(s), 0);
  out(
    `total: ${sum((s) => s.promptTokens)} prompt tokens, ${sum((s) => s.reusedPromptTokens)} reused ` +
      `(${fixed(
        (100 * sum((s) => s.reusedPromptTokens)) /
          Math.max(
            1,
            sum((s) => s.promptTokens),
          ),
      )}%), ` +
      `models ${fixed(sum((s) => s.milliseconds))} ms, API ${fixed(timing.toolMilliseconds)} ms, ` +
      `task ${fixed(timing.totalMilliseconds)} ms`,
  );
}

function setTable(sets: { mode: string; summary: SetSummary }[]): void {
  out(
    `${'mode'.padEnd(10)}${pad('tasks', 6)}${pad('end-to-end ms', 15)}${pad('models ms', 11)}${pad('tools ms', 10)}${pad('orchestration', 15)}`,
  );
  for (const { mode, summary } of sets)
    out(
      `${mode.padEnd(10)}${pad(summary.tasks.length, 6)}${pad(fixed(summary.totalMs), 15)}${pad(fixed(summary.modelMs), 11)}` +
        `${pad(fixed(summary.toolMs), 10)}${pad(`${fixed(summary.orchestrationMs)} ms ${fixed(summary.orchestrationPercent, 1)}%`, 15)}`,
    );
  const [alphaUmi, backbone] = sets.map((set) => set.summary);
  if (alphaUmi && backbone)
    out(
      `ratio α-UMi / backbone end-to-end: ${fixed(alphaUmi.totalMs / backbone.totalMs, 2)} (target ≤ 1.15); ` +
        `orchestration ${fixed(alphaUmi.orchestrationPercent, 1)}% of α-UMi's time (target ≤ 2%)`,
    );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      task: { type: 'string', default: "What's the weather in Lausanne?" },
      browser: { type: 'boolean', default: true },
      quick: { type: 'boolean', default: false },
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
    const results = [await measureNative(modelPath(EMBEDDED_MODELS_DIR, planner), prompt, 64, runs)];
    if (browser) results.unshift(await measureBrowser(planner.file, prompt, 64, runs));
    speedTable(results);

    out(`\n# One full task, native llama.cpp (node-llama-cpp, 1 thread each), demo API in-process`);
    const models = await loadRoleModels({
      dir: EMBEDDED_MODELS_DIR,
      mode: 'alpha-umi',
      engine: 'node-llama-cpp',
    });
    const sets: { mode: string; summary: SetSummary }[] = [];
    try {
      if (!('planner' in models.roles)) throw new Error('expected the α-UMi roles');
      taskTable(await timeTask(values.task, models.roles, tools.tools));
      out(
        `\n# ${tasks.length} demo tasks, native llama.cpp, greedy: three α-UMi models vs the single-LLM backbone`,
      );
      sets.push({ mode: 'α-UMi', summary: await timeTaskSet(tasks, models.roles, tools.tools, tools.fetch) });
    } finally {
      await models.close();
    }
    const backbone = await loadRoleModels({
      dir: EMBEDDED_MODELS_DIR,
      mode: 'backbone',
      engine: 'node-llama-cpp',
    });
    try {
      sets.push({
        mode: 'backbone',
        summary: await timeTaskSet(tasks, backbone.roles, tools.tools, tools.fetch),
      });
    } finally {
      await backbone.close();
    }
    setTable(sets);
    if (!quick) {
      const record: BenchRecord = {
        measuredAt: new Date().toISOString(),
        runs,
        speed: results,
        taskSets: sets,
      };
      await writeFile(join('bench', 'results.json'), `${JSON.stringify(record, null, 2)}\n`);
      await writeFile(join('bench', 'tasks.md'), markdownReport(record));
      await writeFile(join('bench', 'tasks.svg'), timeChart(record));
      out('\nwrote bench/results.json, bench/tasks.md and bench/tasks.svg');
    }
  } finally {
    await tools.close();
  }
  out(`\nmodels: ${join(EMBEDDED_MODELS_DIR, 'manifest.json')}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
