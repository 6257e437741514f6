import type { SpeedResult } from './native-speed.ts';
import { extraTimeLines } from './print-tables.ts';
import type { RoleFigures } from './role-figures.ts';
import { type SizeSweepRow, sizeSweepTable } from './size-sweep-report.ts';
import type { SetSummary, TaskBreakdown } from './task-set.ts';

/** One task set: an engine library, a mode (the three α-UMi models or the backbone) and its figures. */
export interface TaskSetRecord {
  /** `node-llama-cpp` (native llama.cpp in Node) or `wllama` (headless Chromium). */
  engine: string;
  mode: string;
  summary: SetSummary;
}

/** What one `npm run bench` measured, as bench/results.json holds it. */
export interface BenchRecord {
  measuredAt: string;
  runs: number;
  speed: SpeedResult[];
  taskSets: TaskSetRecord[];
  /** Per engine: median ms of one request whose prompt is cached, generating one token. */
  requestOverheadMs?: Record<string, number>;
  /** wasm vs native on synthetic GGUFs of growing size. */
  sizeSweep?: SizeSweepRow[];
}

/** How each engine library is named in the report's headings. */
export const ENGINE_TITLES: Record<string, string> = {
  'node-llama-cpp': 'native llama.cpp (node-llama-cpp in Node)',
  wllama: 'wllama (llama.cpp in WebAssembly, headless Chromium, driven from Node)',
};

const ms = (value: number) => value.toFixed(0);
const rate = (value: number) => value.toFixed(0);

/** The engines of the record, in the order their sets appear. */
export function recordEngines(record: BenchRecord): string[] {
  return [...new Set(record.taskSets.map((set) => set.engine))];
}

function taskRows(sets: readonly TaskSetRecord[], messaging: boolean): string[] {
  const head = `| mode | task | status | end-to-end ms | models ms${messaging ? ' | of which page messaging ms' : ''} | tools ms | tools outside models ms | orchestration ms | prompt tokens | reused | prefilled | prefilled ahead |`;
  const rule = `| --- | --- | --- | ---: | ---:${messaging ? ' | ---:' : ''} | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`;
  const row = (mode: string, task: TaskBreakdown) =>
    `| ${mode} | ${task.task} | ${task.status} | ${ms(task.totalMs)} | ${ms(task.modelMs)}` +
    `${messaging ? ` | ${task.pageMessagingMs === undefined ? '–' : ms(task.pageMessagingMs)}` : ''} | ${ms(task.toolMs)} | ${ms(task.toolAloneMs)} | ` +
    `${ms(task.orchestrationMs)} | ${task.promptTokens} | ${task.reusedPromptTokens} | ${task.promptTokens - task.reusedPromptTokens} | ${task.warmPrefilledTokens} |`;
  return [head, rule, ...sets.flatMap(({ mode, summary }) => summary.tasks.map((task) => row(mode, task)))];
}

function roleRows(sets: readonly TaskSetRecord[]): string[] {
  const row = (mode: string, task: string, role: RoleFigures) =>
    `| ${mode} | ${task} | ${role.role} | ${role.steps} | ${role.promptTokens} | ${role.reusedPromptTokens} | ` +
    `${role.prefilledTokens} | ${role.warmups} | ${role.warmPrefilledTokens} | ${ms(role.firstTokenMs)} | ${rate(role.prefillTokensPerSecond)} | ` +
    `${rate(role.decodeTokensPerSecond)} | ${ms(role.modelMs)} |`;
  return [
    '| mode | task | role | steps | prompt tokens | reused | prefilled | warm-ups | prefilled ahead | first token ms (mean) | prefill tok/s | decode tok/s | model ms |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...sets.flatMap(({ mode, summary }) => [
      ...summary.tasks.flatMap((task) => task.roles.map((role) => row(mode, task.task, role))),
      ...summary.roles.map((role) => row(mode, '**all tasks**', role)),
    ]),
  ];
}

function targetLines(sets: readonly TaskSetRecord[]): string[] {
  const lines = sets.map(
    ({ mode, summary }) =>
      `- ${mode}: ${ms(summary.totalMs)} ms end to end, orchestration ${summary.orchestrationPercent.toFixed(1)}% (target ≤ 2%)` +
      (summary.pageMessagingMs === undefined
        ? ''
        : `; page messaging ${ms(summary.pageMessagingMs)} ms inside the models' time`),
  );
  const backbone = sets.find((set) => set.mode === 'backbone');
  for (const set of sets)
    if (backbone && set !== backbone)
      lines.push(
        `- ${set.mode} / ${backbone.mode} end to end: ${(set.summary.totalMs / backbone.summary.totalMs).toFixed(2)} (target ≤ 1.15)`,
      );
  return lines;
}

/** Footnotes saying how each figure was measured. */
export const REPORT_NOTES = [
  'Greedy decoding, each task run once; per engine the models are loaded once and keep their prompt caches from task to task. Times are wall-clock milliseconds in Node.',
  '**prompt tokens / reused / prefilled**: per model step, as the engine reported them (reused = found in the model’s prompt cache). **prefilled ahead**: tokens the agent’s warm-ups prefilled into a model’s cache while another model or a tool worked (recorded on the trajectory; 0 when the agent does not warm, as for the single-model backbone); the step then counts them as reused, so a model’s whole prefill work is prefilled + prefilled ahead.',
  '**first token ms**: measured from the run’s events — from a step’s `step-start` to its first `token-delta` as the Node consumer of `runAgent` received them (a step that streamed no text counts until its `step-end`); the mean over the role’s steps. It includes prefilling the prompt and the first decode step.',
  '**prefill / decode tok/s**: llama.cpp’s own timings of each generation, combined as Σ tokens / Σ (tokens ÷ rate). wllama counts the end-of-sequence token as a completion token, node-llama-cpp does not.',
  '**models ms**: wall time during which a model worked — its steps, or a warm-up beside them — overlaps counted once. **tools ms**: the tool calls’ whole latency; **tools outside models**: the part of it while no model worked (a call the caller’s output already holds starts before the caller’s step ends). **orchestration**: the time when neither a model nor a tool worked — the agent’s own work (prompts, parsing, events, the executor’s checks), which runs in Node for both engines. End to end = models + tools outside models + orchestration. **model ms** per role: the sum of the role’s steps.',
  '**page messaging** (wllama only): `runAgent` runs in Node and drives the engines in the page through the bench harness (PageEngine: one `page.evaluate` starts a generation, every streamed event comes back through a Playwright binding). That is the harness’s cost, not the app’s (the app runs the agent in the page). It falls inside **models ms**, because the agent times a step around the engine’s stream, not in orchestration. Measured per task as the model steps’ time in Node minus the same generations’ time in the page (from the page host’s `generate` call to the finish it hands to Node); the first-token times of wllama include one crossing each way too.',
];

/** The task sets as Markdown: per engine, a row per task × mode, a row per role, the ratios the targets read. */
export function markdownReport(record: BenchRecord): string {
  const lines = [`# \`npm run bench\` — ${record.measuredAt}`, ''];
  for (const engine of recordEngines(record)) {
    const sets = record.taskSets.filter((set) => set.engine === engine);
    const messaging = sets.some((set) => set.summary.pageMessagingMs !== undefined);
    lines.push(`## ${ENGINE_TITLES[engine] ?? engine}`, '', ...taskRows(sets, messaging), '');
    lines.push('Per role (each task, then all tasks):', '', ...roleRows(sets), '', ...targetLines(sets), '');
    const overhead = record.requestOverheadMs?.[engine];
    if (overhead !== undefined) lines.push(...extraTimeLines(sets, overhead).map((line) => `- ${line}`), '');
  }
  const wasm = record.speed.find((result) => result.engine.startsWith('wllama'));
  const native = record.speed.find((result) => result.engine === 'node-llama-cpp');
  if (wasm && native)
    lines.push(
      `- wasm / native on the planner GGUF: prefill ${(wasm.prefillTokensPerSecond / native.prefillTokensPerSecond).toFixed(2)}, ` +
        `decode ${(wasm.decodeTokensPerSecond / native.decodeTokensPerSecond).toFixed(2)}`,
      '',
    );
  if (record.sizeSweep !== undefined)
    lines.push(
      '## wasm vs native by model size',
      '',
      'Synthetic GGUFs of the shipped architecture (seeded random weights, tokenizer of the planner), the same file in both engines, 1 thread each:',
      '',
      '```',
      sizeSweepTable(record.sizeSweep),
      '```',
      '',
    );
  lines.push('Notes:', '', ...REPORT_NOTES.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}
