import { describe, expect, it } from 'vitest';
import { coveredMs, splitTime } from './time-split.ts';

const span = (start: number, end: number) => ({ start, end });

describe('splitting a task’s time', () => {
  it('counts overlapping and touching intervals once, and only inside the window', () => {
    expect(
      coveredMs(span(0, 100), [span(10, 30), span(20, 40), span(40, 50), span(90, 120), span(-5, 2)]),
    ).toBe(40 + 10 + 2);
    expect(coveredMs(span(0, 100), [span(200, 300), span(50, 50)])).toBe(0);
  });

  it('gives sequential steps their own time and the gaps to orchestration', () => {
    // planner 0–40, tool 45–55, planner 60–90, in a 100 ms task.
    expect(splitTime(span(0, 100), [span(0, 40), span(60, 90)], [span(45, 55)])).toEqual({
      totalMs: 100,
      modelMs: 70,
      toolMs: 10,
      toolAloneMs: 10,
      orchestrationMs: 20,
    });
  });

  it('counts a warm-up beside a step, and a call started during the caller’s step, once', () => {
    // caller 0–40 with a planner warm-up 10–50; the call starts at 30 and ends at 60; planner 62–100.
    const split = splitTime(span(0, 100), [span(0, 40), span(10, 50), span(62, 100)], [span(30, 60)]);
    expect(split).toEqual({ totalMs: 100, modelMs: 88, toolMs: 30, toolAloneMs: 10, orchestrationMs: 2 });
    expect(split.modelMs + split.toolAloneMs + split.orchestrationMs).toBe(split.totalMs);
  });
});
