/** A span of wall time, in milliseconds on one clock. */
export interface Interval {
  start: number;
  end: number;
}

/** Where a task's wall time went; the three parts `modelMs`, `toolAloneMs`, `orchestrationMs` add up to `totalMs`. */
export interface TimeSplit {
  totalMs: number;
  /** Time during which a model worked: a step, or a warm-up evaluating a prompt ahead. */
  modelMs: number;
  /** Time during which a tool call ran (its whole latency, even where a model worked meanwhile). */
  toolMs: number;
  /** Tool time while no model worked (a call started early, during the caller's step, overlaps it). */
  toolAloneMs: number;
  /** Time when neither a model nor a tool worked: the agent's own work. */
  orchestrationMs: number;
}

/** The intervals cut to the window, sorted and merged where they overlap or touch. */
function merged(window: Interval, intervals: readonly Interval[]): Interval[] {
  const cut = intervals
    .map(({ start, end }) => ({ start: Math.max(start, window.start), end: Math.min(end, window.end) }))
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const interval of cut) {
    const last = out.at(-1);
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else out.push({ ...interval });
  }
  return out;
}

/** Total length of the union of the intervals within the window. */
export function coveredMs(window: Interval, intervals: readonly Interval[]): number {
  return merged(window, intervals).reduce((total, { start, end }) => total + end - start, 0);
}

/**
 * Splits a task's window between models, tools and the rest, counting time once where models and
 * tools overlapped (warm-ups run beside other models; a tool call may start while the caller writes).
 */
export function splitTime(
  window: Interval,
  models: readonly Interval[],
  tools: readonly Interval[],
): TimeSplit {
  const totalMs = window.end - window.start;
  const modelMs = coveredMs(window, models);
  const busyMs = coveredMs(window, [...models, ...tools]);
  return {
    totalMs,
    modelMs,
    toolMs: coveredMs(window, tools),
    toolAloneMs: busyMs - modelMs,
    orchestrationMs: Math.max(0, totalMs - busyMs),
  };
}
