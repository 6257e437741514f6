import { describe, expect, it } from 'vitest';
import { timeChart } from './charts.ts';
import { RECORD } from './report-fixture.ts';

describe('the bench charts', () => {
  const svg = timeChart(RECORD);

  it('is one SVG document with a time chart per engine and a per-role token chart, text escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/>Where each task's time went — /g)).toHaveLength(2);
    expect(svg).toContain('>Prompt tokens per role over all tasks: prefilled vs reused<');
    expect(svg).toContain('α-UMi · Weather &lt;Lausanne&gt;?');
    expect(svg).not.toContain('<Lausanne>');
  });

  it('stacks models, tools and orchestration natively, and splits the harness’s page messaging out of wllama’s models', () => {
    const [native, wasm] = svg.split("Where each task's time went — ").slice(1);
    expect(native?.match(/<rect [^>]*><title>/g)).toHaveLength(2 * 3);
    expect(native).toContain('<title>models: 235 ms</title>');
    expect(native).not.toContain('page messaging');
    expect(
      wasm?.match(/<title>(models|tools \(outside models\)|orchestration|page messaging \(harness\)): /g),
    ).toHaveLength(2 * 4);
    expect(wasm).toContain('<title>models: 830 ms</title><');
    expect(wasm).toContain('<title>page messaging (harness): 120 ms</title>');
    expect(wasm).toContain('>1000 ms</text>');
  });

  it('draws each engine, mode and role’s prompt tokens as prefilled in the step, prefilled ahead, reused from before', () => {
    const roles = svg.slice(svg.indexOf('Prompt tokens per role'));
    expect(roles).toContain('>node-llama-cpp · α-UMi · planner</text>');
    expect(roles).toContain('>wllama · backbone · backbone</text>');
    expect(roles).toMatch(
      /<title>prefilled in the step: 100 tokens<\/title><\/rect><rect [^>]*><title>prefilled ahead \(warm-up\): 60 tokens<\/title>/,
    );
    expect(roles).toContain('<title>reused from before: 40 tokens</title></rect><text');
    expect(roles).toContain('<title>reused from before: 500 tokens</title></rect><text');
    expect(roles.match(/>[^<]+ · [^<]+ · [^<]+<\/text>/g)).toHaveLength(2 + 1 + 1 + 1);
  });
});
