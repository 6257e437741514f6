import { describe, expect, it } from 'vitest';
import { type BenchRecord, markdownReport, timeChart } from './report.ts';

const task = (name: string, totalMs: number, modelMs: number) => ({
  task: name,
  status: 'answered',
  totalMs,
  modelMs,
  toolMs: 10,
  orchestrationMs: totalMs - modelMs - 10,
  promptTokens: 1000,
  reusedPromptTokens: 600,
  modelSteps: 4,
});
const summary = (tasks: ReturnType<typeof task>[]) => {
  const totalMs = tasks.reduce((sum, item) => sum + item.totalMs, 0);
  const orchestrationMs = tasks.reduce((sum, item) => sum + item.orchestrationMs, 0);
  return {
    tasks,
    totalMs,
    modelMs: 0,
    toolMs: 0,
    orchestrationMs,
    orchestrationPercent: (100 * orchestrationMs) / totalMs,
  };
};
const RECORD: BenchRecord = {
  measuredAt: '2026-11-30T00:00:00.000Z',
  runs: 1,
  speed: [
    {
      engine: 'wllama (headless Chromium)',
      promptTokens: 10,
      completionTokens: 5,
      prefillTokensPerSecond: 100,
      decodeTokensPerSecond: 25,
      runs: 1,
    },
    {
      engine: 'node-llama-cpp',
      promptTokens: 10,
      completionTokens: 5,
      prefillTokensPerSecond: 400,
      decodeTokensPerSecond: 100,
      runs: 1,
    },
  ],
  taskSets: [
    { mode: 'α-UMi', summary: summary([task('Weather <Lausanne>?', 200, 180)]) },
    { mode: 'backbone', summary: summary([task('Weather <Lausanne>?', 250, 235)]) },
  ],
};

describe('the bench report', () => {
  it('tabulates each task per mode and the ratios the targets read', () => {
    const text = markdownReport(RECORD);
    expect(text).toContain(
      '| α-UMi | Weather <Lausanne>? | answered | 200 | 180 | 10 | 10 | 1000 | 600 | 400 |',
    );
    expect(text).toContain('- α-UMi / backbone end to end: 0.80 (target ≤ 1.15)');
    expect(text).toContain('- α-UMi: 200 ms end to end, orchestration 5.0% (target ≤ 2%)');
    expect(text).toContain('- wasm / native on the planner GGUF: prefill 0.25, decode 0.25');
  });

  it('draws each task as stacked bars of models, tools and orchestration, text escaped', () => {
    const svg = timeChart(RECORD);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('α-UMi · Weather &lt;Lausanne&gt;?');
    expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(6);
    expect(svg).toContain('<title>models: 235 ms</title>');
    expect(svg).not.toContain('<Lausanne>');
  });
});
