// Test helper: how many cases each fuzz property runs, and the report of how many ran.
import fc from 'fast-check';
import { afterAll } from 'vitest';

/**
 * Cases per property: the property's short default, or `UMI_FUZZ_RUNS=<n>` for the long setting
 * (every property then runs n cases; 2500 gives well over 10,000 in total).
 */
export function fuzzRuns(shortDefault: number): number {
  const setting = process.env.UMI_FUZZ_RUNS;
  if (setting === undefined || setting === '') return shortDefault;
  const runs = Number(setting);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`UMI_FUZZ_RUNS must be a whole number of cases, got "${setting}".`);
  return runs;
}

/** The Vitest timeout of a fuzz test: its cases (short default or long setting) at `msPerCase`, plus a margin. */
export function fuzzTimeoutMs(shortDefault: number, msPerCase: number): number {
  return 10_000 + fuzzRuns(shortDefault) * msPerCase;
}

let fileTotal = 0;

/** Options of one fuzz property beyond its name. */
export interface FuzzOptions {
  /** Cases when UMI_FUZZ_RUNS is not set. */
  runs: number;
  /** A case taking longer than this fails as a hang (async properties only). */
  caseTimeoutMs?: number;
}

/**
 * Checks a property over fuzzRuns(runs) cases, logs `fuzz: <name>: <n> cases`, and fails with
 * fast-check's report (seed, path and the shrunk counterexample) when a case breaks it.
 */
export async function checkFuzz<Ts>(
  name: string,
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  options: FuzzOptions,
): Promise<void> {
  const details = await fc.check(property, {
    numRuns: fuzzRuns(options.runs),
    ...(options.caseTimeoutMs === undefined ? {} : { timeout: options.caseTimeoutMs }),
  });
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? `fuzz: ${name} failed`);
  fileTotal += details.numRuns;
  console.info(`fuzz: ${name}: ${details.numRuns} cases`);
}

/** Logs `fuzz total: <label>: <n> cases` once the file's tests are done. */
export function reportFuzzTotal(label: string): void {
  afterAll(() => {
    console.info(`fuzz total: ${label}: ${fileTotal} cases`);
  });
}
