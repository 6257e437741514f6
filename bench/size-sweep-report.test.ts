import { describe, expect, it } from 'vitest';
import type { SpeedResult } from './native-speed.ts';
import { crossingText, decodeRatioCrossing, type SizeSweepRow, sizeSweepTable } from './size-sweep-report.ts';

const speed = (engine: string, decode: number): SpeedResult => ({
  engine,
  promptTokens: 120,
  completionTokens: 32,
  prefillTokensPerSecond: 10 * decode,
  decodeTokensPerSecond: decode,
  runs: 1,
});
const row = (params: number, decodeRatio: number | undefined): SizeSweepRow => ({
  shape: { dModel: 128, layers: 4, heads: 4, ff: 352, context: 1024 },
  dtype: 'f32',
  file: `m${params}.gguf`,
  params,
  fileBytes: params * 4,
  native: speed('node-llama-cpp', 100),
  ...(decodeRatio === undefined
    ? {}
    : { wllama: speed('wllama', 100 * decodeRatio), prefillRatio: decodeRatio, decodeRatio }),
  seconds: 3,
  loadAverage: 1.2,
});

describe('size sweep report', () => {
  it('interpolates the 0.5 crossing in log(parameters) between the bracketing sizes', () => {
    const crossing = decodeRatioCrossing([row(100e6, 0.9), row(1e6, 0.1), row(10e6, 0.3), row(1e9, 0.4)]);
    expect(crossing.reached).toBe(true);
    if (!crossing.reached) return;
    // Halfway from 0.3 to 0.9 is 0.5 at a third of the way: 10^(7 + 1/3).
    expect(crossing.params).toBeCloseTo(10 ** (7 + 1 / 3), -3);
    expect([crossing.below?.params, crossing.above.params]).toEqual([10e6, 100e6]);
    expect(crossingText([row(10e6, 0.3), row(100e6, 0.9)])).toMatch(/reaches 0\.5 at ~21\.5M parameters/);
  });

  it('says when the ratio is never reached, naming the largest size and its ratio', () => {
    const crossing = decodeRatioCrossing([row(1e6, 0.1), row(300e6, 0.45)]);
    expect(crossing).toMatchObject({ reached: false, largest: { params: 300e6 } });
    expect(crossingText([row(1e6, 0.1), row(300e6, 0.45)])).toBe(
      'wasm/native decode does not reach 0.5 up to the largest size tried (300.0M parameters: 0.45).',
    );
  });

  it('reports a ratio reached at the smallest size, and rows without a browser as unmeasured', () => {
    expect(decodeRatioCrossing([row(1e6, 0.6), row(7e6, 0.8)])).toMatchObject({
      reached: true,
      params: 1e6,
      below: undefined,
    });
    expect(crossingText([row(1e6, undefined)])).toMatch(/no wasm\/native decode ratio was measured/);
  });

  it('prints one line per size with the speeds, ratios and generated token counts, then the crossing', () => {
    const lines = sizeSweepTable([row(1e6, 0.2), row(26e6, 0.55)]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/params .*file MB.*native dec.*wasm dec.*dec ×/);
    expect(lines[2]).toMatch(/^26\.0M .*104\.0 .*1000\.0 .*100\.0 .*55\.0 .*0\.55 .*32\/32/);
    expect(lines[3]).toMatch(/reaches 0\.5 at ~/);
  });
});
