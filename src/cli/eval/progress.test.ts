import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../eval/format-duration.ts';
import { progressLine, startProgress } from './progress.ts';

describe('progressLine', () => {
  it('shows the bar, the count, the percentage, the pace and the time left', () => {
    expect(progressLine('steps', 30, 120, 0.5)).toBe(
      'steps [######------------------] 30/120 25.0%  0.50 s/step  ETA 45s',
    );
  });

  it('leaves the pace out until an item has been timed', () => {
    expect(progressLine('tasks', 0, 10, undefined)).toBe('tasks [------------------------] 0/10 0.0%');
  });
});

describe('formatDuration', () => {
  it('writes hours and minutes, minutes and seconds, or seconds', () => {
    expect(formatDuration(3725)).toBe('1h 02m');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(42.4)).toBe('42s');
  });
});

describe('startProgress', () => {
  it('redraws one line on a terminal, timing only the items of this session', () => {
    let now = 0;
    const written: string[] = [];
    const bar = startProgress('steps', 4, 2, {
      write: (text) => written.push(text),
      tty: true,
      now: () => now,
    });
    now = 2000;
    bar.tick();
    bar.end();
    expect(written[0]).toBe('\rsteps [############------------] 2/4 50.0%\u001b[K');
    expect(written[1]).toBe('\rsteps [##################------] 3/4 75.0%  2.00 s/step  ETA 2s\u001b[K');
    expect(written[2]).toBe('\n');
  });

  it('prints a line every 5% elsewhere, and the last one', () => {
    const written: string[] = [];
    const bar = startProgress('steps', 40, 0, {
      write: (text) => written.push(text),
      tty: false,
      now: () => 0,
    });
    for (let index = 0; index < 40; index++) bar.tick();
    bar.end();
    expect(written).toHaveLength(21);
    expect(written.at(-1)).toMatch(/^steps \[#+\] 40\/40 100\.0%/);
  });
});
