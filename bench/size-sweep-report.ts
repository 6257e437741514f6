import type { SpeedResult } from './native-speed.ts';
import type { ModelShape, TensorDtype } from './synthetic-gguf.ts';

/** One model size of the sweep: the same synthetic GGUF in native llama.cpp and in wllama. */
export interface SizeSweepRow {
  shape: ModelShape;
  dtype: TensorDtype;
  file: string;
  params: number;
  fileBytes: number;
  native: SpeedResult;
  /** Absent when the sweep ran without the browser. */
  wllama?: SpeedResult;
  /** wllama / native prefill tokens/s. */
  prefillRatio?: number;
  /** wllama / native decode tokens/s. */
  decodeRatio?: number;
  /** The 1-minute load average when the row was done (2 cores here: above ~1 others were running too). */
  loadAverage: number;
  /** Wall time of this row: writing (or reusing) the file and every run in both engines. */
  seconds: number;
}

/** Where the wasm/native decode ratio first reaches the target, or the largest size tried without it. */
export type Crossing =
  | { reached: true; params: number; below: SizeSweepRow | undefined; above: SizeSweepRow }
  | { reached: false; largest: SizeSweepRow | undefined };

/**
 * The parameter count at which the decode ratio first reaches `target` in ascending size, linearly
 * interpolated in log(parameters) between the two rows that bracket it; the smallest size when it
 * is reached there already.
 */
export function decodeRatioCrossing(rows: readonly SizeSweepRow[], target = 0.5): Crossing {
  const sorted = rows
    .filter((row) => row.decodeRatio !== undefined)
    .sort((a, b) => a.params - b.params) as (SizeSweepRow & { decodeRatio: number })[];
  for (const [index, above] of sorted.entries()) {
    if (above.decodeRatio < target) continue;
    const below = sorted[index - 1];
    if (!below) return { reached: true, params: above.params, below: undefined, above };
    const share = (target - below.decodeRatio) / (above.decodeRatio - below.decodeRatio);
    const log = Math.log(below.params) + share * (Math.log(above.params) - Math.log(below.params));
    return { reached: true, params: Math.exp(log), below, above };
  }
  return { reached: false, largest: sorted.at(-1) };
}

const millions = (params: number) => `${(params / 1e6).toFixed(params < 1e7 ? 2 : 1)}M`;

/** The crossing in words. */
export function crossingText(rows: readonly SizeSweepRow[], target = 0.5): string {
  const crossing = decodeRatioCrossing(rows, target);
  if (crossing.reached && !crossing.below)
    return `wasm/native decode is ≥ ${target} already at the smallest size (${millions(crossing.params)} parameters).`;
  if (crossing.reached)
    return (
      `wasm/native decode reaches ${target} at ~${millions(crossing.params)} parameters ` +
      `(between ${millions(crossing.below?.params ?? 0)}: ${crossing.below?.decodeRatio?.toFixed(2)} ` +
      `and ${millions(crossing.above.params)}: ${crossing.above.decodeRatio?.toFixed(2)}, interpolated in log(parameters)).`
    );
  const largest = crossing.largest;
  if (!largest?.decodeRatio)
    return 'no wasm/native decode ratio was measured (the sweep ran without the browser).';
  return `wasm/native decode does not reach ${target} up to the largest size tried (${millions(largest.params)} parameters: ${largest.decodeRatio.toFixed(2)}).`;
}

/** A plain-text table of the sweep, one row per size, then the crossing. */
export function sizeSweepTable(rows: readonly SizeSweepRow[], target = 0.5): string {
  const pad = (text: string | number, width: number) => String(text).padStart(width);
  const rate = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(1));
  const ratio = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));
  const header =
    `${'params'.padEnd(9)}${pad('shape', 22)}${pad('file MB', 9)}${pad('native pre', 11)}${pad('native dec', 11)}` +
    `${pad('wasm pre', 10)}${pad('wasm dec', 10)}${pad('pre ×', 7)}${pad('dec ×', 7)}${pad('prompt', 7)}` +
    `${pad('gen n/w', 9)}${pad('s', 6)}${pad('load', 6)}`;
  const lines = rows.map((row) => {
    const { dModel, layers, heads, ff } = row.shape;
    const generated = `${row.native.completionTokens}/${row.wllama?.completionTokens ?? '–'}`;
    return (
      `${millions(row.params).padEnd(9)}${pad(`d${dModel} l${layers} h${heads} ff${ff} ${row.dtype}`, 22)}` +
      `${pad((row.fileBytes / 1e6).toFixed(1), 9)}${pad(rate(row.native.prefillTokensPerSecond), 11)}` +
      `${pad(rate(row.native.decodeTokensPerSecond), 11)}${pad(rate(row.wllama?.prefillTokensPerSecond), 10)}` +
      `${pad(rate(row.wllama?.decodeTokensPerSecond), 10)}${pad(ratio(row.prefillRatio), 7)}` +
      `${pad(ratio(row.decodeRatio), 7)}${pad(row.native.promptTokens, 7)}${pad(generated, 9)}${pad(row.seconds.toFixed(0), 6)}` +
      pad(row.loadAverage.toFixed(1), 6)
    );
  });
  return [header, ...lines, crossingText(rows, target)].join('\n');
}
