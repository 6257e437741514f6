import { collectGeneration, type Engine, GREEDY } from '../src/engines/engine.ts';
import type { SetSummary } from './task-set.ts';

/** Median wall time of one request whose prompt is already cached, generating one token. */
export async function requestOverheadMs(engine: Engine, prompt: string, runs = 5): Promise<number> {
  const once = async () => {
    const started = performance.now();
    await collectGeneration(engine.complete({ prompt, maxTokens: 1, sampling: GREEDY }));
    return performance.now() - started;
  };
  await once();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Where a mode's extra end-to-end time over the backbone's goes, in milliseconds. */
export interface ExtraTime {
  totalMs: number;
  /** Its extra requests (steps and warm-ups) at the measured fixed cost of one request. */
  requestsMs: number;
  extraRequests: number;
  /** Its extra tokens prefilled in the models' turns, at the backbone model's prefill rate. */
  prefillMs: number;
  extraPrefilled: number;
  /** Its extra generated tokens, at the backbone model's decode rate. */
  decodeMs: number;
  extraDecoded: number;
  /** What none of these explains: models slowing each other down (minus what overlap hid). */
  restMs: number;
}

/**
 * Splits a mode's extra time over the backbone's into its extra requests, its extra tokens
 * prefilled in the models' turns, and the rest.
 */
export function extraTime(mode: SetSummary, backbone: SetSummary, overheadMs: number): ExtraTime {
  const requests = (summary: SetSummary) =>
    summary.roles.reduce((total, role) => total + role.steps + role.warmups, 0);
  const prefilled = (summary: SetSummary) =>
    summary.roles.reduce((total, role) => total + role.prefilledTokens, 0);
  const decoded = (summary: SetSummary) =>
    summary.roles.reduce((total, role) => total + role.completionTokens, 0);
  const rate = backbone.roles[0]?.prefillTokensPerSecond ?? 0;
  const decodeRate = backbone.roles[0]?.decodeTokensPerSecond ?? 0;
  const totalMs = mode.totalMs - backbone.totalMs;
  const extraRequests = requests(mode) - requests(backbone);
  const extraPrefilled = prefilled(mode) - prefilled(backbone);
  const requestsMs = extraRequests * overheadMs;
  const prefillMs = rate > 0 ? (1000 * extraPrefilled) / rate : 0;
  const extraDecoded = decoded(mode) - decoded(backbone);
  const decodeMs = decodeRate > 0 ? (1000 * extraDecoded) / decodeRate : 0;
  return {
    totalMs,
    requestsMs,
    extraRequests,
    prefillMs,
    extraPrefilled,
    decodeMs,
    extraDecoded,
    restMs: totalMs - requestsMs - prefillMs - decodeMs,
  };
}
