import { describe, expect, it } from 'vitest';
import { StopText } from './stop-text.ts';

/** Feeds pieces one by one; returns what was emitted per piece, the final text and whether a stop string ended it. */
function feed(stop: StopText, pieces: readonly string[]) {
  const emitted: string[] = [];
  let stopped = false;
  for (const piece of pieces) {
    const step = stop.push(piece);
    emitted.push(step.emit);
    if (step.stopped) {
      stopped = true;
      break;
    }
  }
  if (!stopped) emitted.push(stop.finish());
  return { emitted, text: stop.text, stopped };
}

describe('StopText', () => {
  it('passes text through unchanged without stop strings', () => {
    expect(feed(new StopText([]), ['a', ' b', ', c'])).toEqual({
      emitted: ['a', ' b', ', c', ''],
      text: 'a b, c',
      stopped: false,
    });
  });

  it('cuts before a stop string split over pieces and never emits any part of it', () => {
    const { emitted, text, stopped } = feed(new StopText(['\nObservation:']), [
      'Action',
      '\nObs',
      'erv',
      'ation:',
      ' x',
    ]);
    expect(stopped).toBe(true);
    expect(text).toBe('Action');
    expect(emitted.join('')).toBe('Action');
  });

  it('releases held-back text as soon as it can no longer start a stop string', () => {
    const stop = new StopText(['</end>']);
    expect(stop.push('a </').emit).toBe('a ');
    expect(stop.push('b').emit).toBe('</b');
    expect(stop.finish()).toBe('');
    expect(stop.text).toBe('a </b');
  });

  it('cuts at the earliest of several stop strings, even inside one piece', () => {
    const { text, stopped } = feed(new StopText([', ', '\n', 'four']), [' one two\nthree, four']);
    expect({ text, stopped }).toEqual({ text: ' one two', stopped: true });
  });

  it('emits held-back text at the end when no stop string came', () => {
    expect(feed(new StopText(['\n\n']), ['done', '\n'])).toEqual({
      emitted: ['done', '', '\n'],
      text: 'done\n',
      stopped: false,
    });
  });

  it('with trimEnd holds back trailing whitespace and drops it at the end or at a stop', () => {
    expect(feed(new StopText([], true), ['{"a": 1', ' ', '}', '\n', ' '])).toMatchObject({
      text: '{"a": 1 }',
      stopped: false,
    });
    expect(feed(new StopText(['\n\n\n\n'], true), ['{}', '\n\n', '\n\n', '\n'])).toMatchObject({
      text: '{}',
      stopped: true,
    });
  });

  it('ignores empty stop strings', () => {
    expect(feed(new StopText(['']), ['a', 'b']).text).toBe('ab');
  });
});
