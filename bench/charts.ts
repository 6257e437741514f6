import { type BenchRecord, ENGINE_TITLES, recordEngines } from './report.ts';
import type { TaskBreakdown } from './task-set.ts';

/** One segment kind of a stacked bar. */
interface Part {
  label: string;
  color: string;
}

/** One stacked bar: a label and a value per part (same order as the parts). */
interface Bar {
  label: string;
  values: number[];
}

const LEFT = 320;
const WIDTH = 460;
const ROW = 22;

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A heading, a legend and stacked bars from `top`, scaled to the longest bar; returns the SVG and its height. */
function barSection(title: string, parts: readonly Part[], bars: readonly Bar[], unit: string, top: number) {
  const out = [`<text x="8" y="${top + 14}" font-weight="bold">${escapeXml(title)}</text>`];
  parts.forEach((part, index) => {
    const x = 8 + index * 170;
    out.push(
      `<rect x="${x}" y="${top + 24}" width="12" height="12" fill="${part.color}"/><text x="${x + 16}" y="${top + 34}">${escapeXml(part.label)}</text>`,
    );
  });
  const longest = Math.max(1, ...bars.map((bar) => bar.values.reduce((sum, value) => sum + value, 0)));
  bars.forEach((bar, index) => {
    const y = top + 44 + index * ROW;
    out.push(`<text x="${LEFT - 6}" y="${y + 14}" text-anchor="end">${escapeXml(bar.label)}</text>`);
    let x = LEFT;
    bar.values.forEach((value, part) => {
      const w = (value / longest) * WIDTH;
      const { label, color } = parts[part] ?? { label: '', color: '#888' };
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW - 6}" fill="${color}"><title>${escapeXml(label)}: ${value.toFixed(0)} ${unit}</title></rect>`,
      );
      x += w;
    });
    const total = bar.values.reduce((sum, value) => sum + value, 0);
    out.push(`<text x="${(x + 4).toFixed(1)}" y="${y + 14}">${total.toFixed(0)} ${unit}</text>`);
  });
  return { svg: out.join(''), height: 52 + bars.length * ROW };
}

const TIME_PARTS: Part[] = [
  { label: 'models', color: '#2f5d8a' },
  { label: 'tools (outside models)', color: '#bf8700' },
  { label: 'orchestration', color: '#cf222e' },
  { label: 'page messaging (harness)', color: '#8c959f' },
];

/** models (less the harness's page messaging), tools outside models, orchestration, page messaging: they add up to end to end. */
const timeValues = (task: TaskBreakdown) => {
  const messaging = task.pageMessagingMs ?? 0;
  return [task.modelMs - messaging, task.toolAloneMs, task.orchestrationMs, messaging];
};

const TOKEN_PARTS: Part[] = [
  { label: 'prefilled in the step', color: '#2f5d8a' },
  { label: 'prefilled ahead (warm-up)', color: '#6f42c1' },
  { label: 'reused from before', color: '#7fb3e0' },
];

/**
 * The bench's charts as one SVG document: per engine, where each task's time went (stacked bars of
 * models, tools, orchestration — and the harness's page messaging for wllama — α-UMi vs backbone,
 * to scale within the engine), then per engine, mode and role the prompt tokens prefilled in the step, prefilled ahead by warm-ups, and
 * reused from before (the three add up to the steps' prompt tokens).
 */
export function timeChart(record: BenchRecord): string {
  const sections: string[] = [];
  let top = 8;
  const add = (section: { svg: string; height: number }) => {
    sections.push(section.svg);
    top += section.height + 16;
  };
  for (const engine of recordEngines(record)) {
    const sets = record.taskSets.filter((set) => set.engine === engine);
    const messaging = sets.some((set) => set.summary.pageMessagingMs !== undefined);
    const parts = messaging ? TIME_PARTS : TIME_PARTS.slice(0, 3);
    const bars = sets.flatMap(({ mode, summary }) =>
      summary.tasks.map((task) => ({
        label: `${mode} · ${task.task}`,
        values: timeValues(task).slice(0, parts.length),
      })),
    );
    add(
      barSection(`Where each task's time went — ${ENGINE_TITLES[engine] ?? engine}`, parts, bars, 'ms', top),
    );
  }
  const roleBars = record.taskSets.flatMap(({ engine, mode, summary }) =>
    summary.roles.map((role) => ({
      label: `${engine} · ${mode} · ${role.role}`,
      values: [
        role.prefilledTokens,
        role.warmPrefilledTokens,
        Math.max(0, role.reusedPromptTokens - role.warmPrefilledTokens),
      ],
    })),
  );
  add(
    barSection(
      'Prompt tokens per role over all tasks: prefilled vs reused',
      TOKEN_PARTS,
      roleBars,
      'tokens',
      top,
    ),
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LEFT + WIDTH + 110}" height="${top}" font-family="sans-serif" font-size="12">` +
    `<title>npm run bench, ${escapeXml(record.measuredAt)}: where each task's time went, and prompt tokens per role</title>` +
    `${sections.join('')}</svg>\n`
  );
}
