import { describe, expect, it } from 'vitest';
import { markdownReport } from './report.ts';
import { RECORD } from './report-fixture.ts';

const section = (text: string, heading: string) => {
  const start = text.indexOf(`## ${heading}`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end === -1 ? undefined : end);
};

describe('the bench report', () => {
  const text = markdownReport(RECORD);
  const native = section(text, 'native llama.cpp');
  const wasm = section(text, 'wllama');

  it('has one section per engine, native first, each with a row per task and mode', () => {
    expect(text.indexOf('## native llama.cpp')).toBeGreaterThan(0);
    expect(text.indexOf('## wllama')).toBeGreaterThan(text.indexOf('## native llama.cpp'));
    expect(native).toContain(
      '| α-UMi | Weather <Lausanne>? | answered | 200 | 180 | 14 | 10 | 10 | 1000 | 600 | 400 | 60 |',
    );
    expect(native).toContain(
      '| backbone | Weather <Lausanne>? | answered | 250 | 235 | 14 | 10 | 5 | 1000 | 600 | 400 | 60 |',
    );
  });

  it('shows the page messaging inside the models’ time only for the engine where it was measured', () => {
    expect(native).not.toContain('page messaging');
    expect(wasm).toContain('| models ms | of which page messaging ms | tools ms | tools outside models ms |');
    expect(wasm).toContain(
      '| α-UMi | Weather <Lausanne>? | answered | 1000 | 950 | 120 | 14 | 10 | 40 | 1000 | 600 | 400 | 60 |',
    );
    expect(wasm).toContain(
      "- α-UMi: 1000 ms end to end, orchestration 4.0% (target ≤ 2%); page messaging 120 ms inside the models' time",
    );
  });

  it('lists per role, for each task and for all tasks, tokens prefilled, reused and prefilled ahead, first token, speeds and time', () => {
    expect(native).toContain(
      '| α-UMi | Weather <Lausanne>? | planner | 2 | 800 | 500 | 300 | 0 | 0 | 12 | 5000 | 900 | 80 |',
    );
    expect(native).toContain(
      '| α-UMi | Weather <Lausanne>? | caller | 2 | 200 | 100 | 100 | 1 | 60 | 12 | 5000 | 900 | 80 |',
    );
    expect(native).toContain(
      '| backbone | **all tasks** | backbone | 2 | 1000 | 300 | 700 | 0 | 0 | 12 | 5000 | 900 | 80 |',
    );
    expect(wasm).toContain(
      '| α-UMi | **all tasks** | planner | 2 | 800 | 500 | 300 | 0 | 0 | 12 | 5000 | 900 | 80 |',
    );
  });

  it('reads the targets per engine: the orchestration share and the α-UMi / backbone ratio', () => {
    expect(native).toContain('- α-UMi: 200 ms end to end, orchestration 5.0% (target ≤ 2%)');
    expect(native).toContain('- α-UMi / backbone end to end: 0.80 (target ≤ 1.15)');
    expect(wasm).toContain('- α-UMi / backbone end to end: 1.25 (target ≤ 1.15)');
    expect(text).toContain('- wasm / native on the planner GGUF: prefill 0.25, decode 0.25');
  });

  it('says how the first token was measured and that page messaging is the harness’s cost, in the models’ time', () => {
    expect(text).toContain('from a step’s `step-start` to its first `token-delta`');
    expect(text).toContain('That is the harness’s cost, not the app’s');
    expect(text).toContain('It falls inside **models ms**');
    expect(text).toContain('a model’s whole prefill work is prefilled + prefilled ahead');
  });
});
