/** Summary of a list of lengths (characters). */
export interface LengthStats {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Min, percentiles (nearest rank), max and mean of `lengths`; zeros for an empty list. */
export function lengthStats(lengths: readonly number[]): LengthStats {
  const sorted = [...lengths].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const sum = sorted.reduce((total, length) => total + length, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    p50: rank(50),
    p90: rank(90),
    p99: rank(99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.length === 0 ? 0 : Math.round(sum / sorted.length),
  };
}

/** A text histogram of lengths in `buckets` equal-width bins between min and max. */
export function histogram(lengths: readonly number[], buckets = 8, width = 40): string {
  if (lengths.length === 0) return '  (none)\n';
  const min = Math.min(...lengths);
  const max = Math.max(...lengths);
  const step = Math.max(1, Math.ceil((max - min + 1) / buckets));
  const counts = Array<number>(buckets).fill(0);
  for (const length of lengths) {
    const bucket = Math.min(buckets - 1, Math.floor((length - min) / step));
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  const peak = Math.max(...counts);
  return counts
    .map((count, index) => {
      const from = min + index * step;
      const bar = '#'.repeat(Math.round((count / peak) * width));
      return `  ${String(from).padStart(6)}–${String(from + step - 1).padEnd(6)} ${String(count).padStart(6)} ${bar}\n`;
    })
    .join('');
}

/** One line per role: count, min, p50, p90, p99, max and mean. */
export function statsTable(stats: Readonly<Record<string, LengthStats>>): string {
  const header = `  ${'role'.padEnd(11)}${['count', 'min', 'p50', 'p90', 'p99', 'max', 'mean'].map((h) => h.padStart(8)).join('')}\n`;
  const rows = Object.entries(stats).map(
    ([role, s]) =>
      `  ${role.padEnd(11)}${[s.count, s.min, s.p50, s.p90, s.p99, s.max, s.mean].map((v) => String(v).padStart(8)).join('')}\n`,
  );
  return header + rows.join('');
}
