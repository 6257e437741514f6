import type { SpeedResult } from './native-speed.ts';
import type { SetSummary, TaskBreakdown } from './task-set.ts';

/** What one `npm run bench` measured, as bench/results.json holds it. */
export interface BenchRecord {
  measuredAt: string;
  runs: number;
  speed: SpeedResult[];
  taskSets: { mode: string; summary: SetSummary }[];
}

const ms = (value: number) => value.toFixed(0);

/** The task sets as Markdown: one row per task and mode, then the ratios the targets read. */
export function markdownReport(record: BenchRecord): string {
  const lines = [
    `# \`npm run bench\` — ${record.measuredAt}`,
    '',
    '| mode | task | status | end-to-end ms | models ms | tools ms | orchestration ms | prompt tokens | reused | prefilled |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const row = (mode: string, task: TaskBreakdown) =>
    `| ${mode} | ${task.task} | ${task.status} | ${ms(task.totalMs)} | ${ms(task.modelMs)} | ${ms(task.toolMs)} | ` +
    `${ms(task.orchestrationMs)} | ${task.promptTokens} | ${task.reusedPromptTokens} | ${task.promptTokens - task.reusedPromptTokens} |`;
  for (const { mode, summary } of record.taskSets)
    for (const task of summary.tasks) lines.push(row(mode, task));
  lines.push('');
  for (const { mode, summary } of record.taskSets)
    lines.push(
      `- ${mode}: ${ms(summary.totalMs)} ms end to end, orchestration ${summary.orchestrationPercent.toFixed(1)}% (target ≤ 2%)`,
    );
  const [first, second] = record.taskSets;
  if (first && second)
    lines.push(
      `- ${first.mode} / ${second.mode} end to end: ${(first.summary.totalMs / second.summary.totalMs).toFixed(2)} (target ≤ 1.15)`,
    );
  const wasm = record.speed.find((result) => result.engine.startsWith('wllama'));
  const native = record.speed.find((result) => result.engine === 'node-llama-cpp');
  if (wasm && native)
    lines.push(
      `- wasm / native on the planner GGUF: prefill ${(wasm.prefillTokensPerSecond / native.prefillTokensPerSecond).toFixed(2)}, ` +
        `decode ${(wasm.decodeTokensPerSecond / native.decodeTokensPerSecond).toFixed(2)}`,
    );
  return `${lines.join('\n')}\n`;
}

const PARTS = [
  { key: 'modelMs', label: 'models', color: '#2f5d8a' },
  { key: 'toolMs', label: 'tools', color: '#bf8700' },
  { key: 'orchestrationMs', label: 'orchestration', color: '#cf222e' },
] as const;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where each task's time went, per mode, as stacked horizontal bars in an SVG document. */
export function timeChart(record: BenchRecord): string {
  const rows = record.taskSets.flatMap(({ mode, summary }) =>
    summary.tasks.map((task) => ({ label: `${mode} · ${task.task}`, task })),
  );
  const longest = Math.max(1, ...rows.map(({ task }) => task.totalMs));
  const [left, width, rowHeight, top] = [300, 460, 22, 30];
  const height = top + rows.length * rowHeight + 30;
  const parts: string[] = [];
  rows.forEach(({ label, task }, index) => {
    const y = top + index * rowHeight;
    parts.push(`<text x="${left - 6}" y="${y + 14}" text-anchor="end">${escapeXml(label)}</text>`);
    let x = left;
    for (const part of PARTS) {
      const w = (task[part.key] / longest) * width;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${part.color}"><title>${part.label}: ${ms(task[part.key])} ms</title></rect>`,
      );
      x += w;
    }
    parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 14}">${ms(task.totalMs)} ms</text>`);
  });
  const legend = PARTS.map(
    (part, index) =>
      `<rect x="${left + index * 130}" y="8" width="12" height="12" fill="${part.color}"/><text x="${left + index * 130 + 16}" y="18">${part.label}</text>`,
  ).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width + 80}" height="${height}" font-family="sans-serif" font-size="12">` +
    `<title>Where each task's time went (npm run bench, ${escapeXml(record.measuredAt)})</title>${legend}${parts.join('')}</svg>\n`
  );
}
