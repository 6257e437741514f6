import { availableParallelism } from 'node:os';
import { OVERLAP_MIN_CORES, overlapFits } from '../src/state/overlap-policy.ts';
import type { SpeedResult } from './native-speed.ts';
import type { TaskSetRecord } from './report.ts';
import { extraTime } from './request-overhead.ts';
import type { TaskBreakdown } from './task-set.ts';

/** The bench's console tables, as lines. */

const fixed = (value: number, digits = 0) => value.toFixed(digits);
const pad = (text: string | number, width: number) => String(text).padStart(width);

/** Prefill and decode speed per engine on the same prompt, and their ratio. */
export function speedLines(results: readonly SpeedResult[]): string[] {
  const lines = [
    `${'engine'.padEnd(26)}${pad('prompt', 8)}${pad('gen', 6)}${pad('prefill tok/s', 15)}${pad('decode tok/s', 14)}`,
    ...results.map(
      (r) =>
        `${r.engine.padEnd(26)}${pad(r.promptTokens, 8)}${pad(r.completionTokens, 6)}` +
        `${pad(fixed(r.prefillTokensPerSecond), 15)}${pad(fixed(r.decodeTokensPerSecond), 14)}`,
    ),
  ];
  const browser = results.find((r) => r.engine.startsWith('wllama'));
  const native = results.find((r) => r.engine === 'node-llama-cpp');
  if (browser && native)
    lines.push(
      `ratio wllama / native: prefill ${fixed(browser.prefillTokensPerSecond / native.prefillTokensPerSecond, 2)}, ` +
        `decode ${fixed(browser.decodeTokensPerSecond / native.decodeTokensPerSecond, 2)}`,
    );
  return lines;
}

/** One task's model steps: prompt reuse, first token and latency. */
export function stepLines(task: TaskBreakdown): string[] {
  const lines = [
    `task: ${task.task}  →  ${task.status}${task.answer ? `: ${task.answer}` : ''}`,
    `${'step'.padEnd(6)}${'role'.padEnd(12)}${pad('prompt', 8)}${pad('reused', 8)}${pad('prefilled', 11)}${pad('gen', 6)}${pad('1st tok ms', 12)}${pad('ms', 8)}`,
    ...task.steps.map(
      (s, i) =>
        `${String(i + 1).padEnd(6)}${s.role.padEnd(12)}${pad(s.promptTokens, 8)}${pad(s.reusedPromptTokens, 8)}` +
        `${pad(s.prefilledTokens, 11)}${pad(s.completionTokens, 6)}${pad(fixed(s.firstTokenMs, 1), 12)}${pad(fixed(s.durationMs, 1), 8)}`,
    ),
  ];
  const reusedPercent = (100 * task.reusedPromptTokens) / Math.max(1, task.promptTokens);
  lines.push(
    `total: ${task.promptTokens} prompt tokens, ${task.reusedPromptTokens} reused (${fixed(reusedPercent)}%), ` +
      `models ${fixed(task.modelMs)} ms, API ${fixed(task.toolMs)} ms (${fixed(task.toolAloneMs)} ms outside models), orchestration ${fixed(task.orchestrationMs, 1)} ms, ` +
      `task ${fixed(task.totalMs)} ms`,
  );
  if (task.warmups.length > 0)
    lines.push(
      `warm-ups: ${task.warmups.map((w) => `${w.role} ${w.prefilledTokens} prefilled ahead (${w.promptTokens} tokens, ${fixed(w.durationMs, 1)} ms)`).join('; ')}`,
    );
  return lines;
}

/** Per mode of one engine: end to end and where it went, then per role, then the ratios. */
export function setLines(sets: readonly TaskSetRecord[]): string[] {
  const lines = [
    `${'mode'.padEnd(19)}${pad('tasks', 6)}${pad('end-to-end ms', 15)}${pad('models ms', 11)}${pad('tools ms', 10)}${pad('tools alone', 13)}${pad('orchestration', 16)}${pad('page msg ms', 13)}`,
  ];
  for (const { mode, summary } of sets)
    lines.push(
      `${mode.padEnd(19)}${pad(summary.tasks.length, 6)}${pad(fixed(summary.totalMs), 15)}${pad(fixed(summary.modelMs), 11)}` +
        `${pad(fixed(summary.toolMs), 10)}${pad(fixed(summary.toolAloneMs), 13)}${pad(`${fixed(summary.orchestrationMs)} ms ${fixed(summary.orchestrationPercent, 1)}%`, 16)}` +
        `${pad(summary.pageMessagingMs === undefined ? '–' : fixed(summary.pageMessagingMs), 13)}`,
    );
  lines.push(
    `${'mode'.padEnd(19)}${'role'.padEnd(12)}${pad('steps', 6)}${pad('prompt', 8)}${pad('reused', 8)}${pad('prefilled', 11)}${pad('ahead', 7)}` +
      `${pad('1st tok ms', 12)}${pad('prefill t/s', 13)}${pad('decode t/s', 12)}${pad('model ms', 10)}`,
  );
  for (const { mode, summary } of sets)
    for (const r of summary.roles)
      lines.push(
        `${mode.padEnd(19)}${r.role.padEnd(12)}${pad(r.steps, 6)}${pad(r.promptTokens, 8)}${pad(r.reusedPromptTokens, 8)}` +
          `${pad(r.prefilledTokens, 11)}${pad(r.warmPrefilledTokens, 7)}${pad(fixed(r.firstTokenMs, 1), 12)}${pad(fixed(r.prefillTokensPerSecond), 13)}` +
          `${pad(fixed(r.decodeTokensPerSecond), 12)}${pad(fixed(r.modelMs), 10)}`,
      );
  const backbone = sets.find((set) => set.mode === 'backbone')?.summary;
  for (const { mode, summary } of sets)
    if (backbone && mode !== 'backbone')
      lines.push(
        `ratio ${mode} / backbone end-to-end: ${fixed(summary.totalMs / backbone.totalMs, 2)} (target ≤ 1.15); ` +
          `orchestration ${fixed(summary.orchestrationPercent, 1)}% of its time (target ≤ 2%)`,
      );
  return lines;
}

/** Where each α-UMi mode's extra time over the backbone's goes (see request-overhead.ts). */
export function extraTimeLines(sets: readonly TaskSetRecord[], overheadMs: number): string[] {
  const backbone = sets.find((set) => set.mode === 'backbone')?.summary;
  if (!backbone) return [];
  const lines = [`one request with a cached prompt, one token: ${fixed(overheadMs, 1)} ms (median)`];
  for (const { mode, summary } of sets) {
    if (mode === 'backbone') continue;
    const extra = extraTime(summary, backbone, overheadMs);
    lines.push(
      `${mode}: ${fixed(extra.totalMs)} ms more than the backbone = ${extra.extraRequests} more requests × ${fixed(overheadMs, 1)} ms ` +
        `(${fixed(extra.requestsMs)} ms) + ${extra.extraPrefilled} more tokens prefilled in turns (${fixed(extra.prefillMs)} ms) ` +
        `+ ${extra.extraDecoded} more tokens generated (${fixed(extra.decodeMs)} ms) ` +
        `+ the rest: models slowing each other, minus what overlap hid (${fixed(extra.restMs)} ms)`,
    );
  }
  return lines;
}

/** What the app does with overlap on this machine. */
export function overlapPolicyLines(cores = availableParallelism()): string[] {
  return [
    `overlap in the app: on from ${OVERLAP_MIN_CORES} logical cores (src/state/overlap-policy.ts); this machine has ${cores}, ` +
      `so the page ${overlapFits(cores) ? 'overlaps' : 'does not overlap'} its models; the CLI and Node always do.`,
  ];
}
