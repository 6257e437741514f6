import { describe, expect, it } from 'vitest';
import { missingValues, numbersIn, statesValue } from './answer-values.ts';

describe('statesValue', () => {
  it('finds a number written the same or with trailing zeros, and not inside a larger number', () => {
    expect(statesValue('It is 8.9 degrees.', '8.9')).toBe(true);
    expect(statesValue('It is 8.90 degrees.', '8.9')).toBe(true);
    expect(statesValue('Humidity 300%.', '30')).toBe(false);
    expect(statesValue('Humidity 30%.', '30')).toBe(true);
    expect(statesValue('It is 18.9 degrees.', '8.9')).toBe(false);
  });

  it('reads thousands separators and negative numbers', () => {
    expect(statesValue('Samarkand has 551,000 people.', '551000')).toBe(true);
    expect(statesValue('It is -3.5 °C.', '-3.5')).toBe(true);
    expect(statesValue('It is 3.5 °C.', '-3.5')).toBe(false);
  });

  it('finds text values ignoring case and runs of whitespace', () => {
    expect(statesValue('Clear skies in  Austin.', 'clear')).toBe(true);
    expect(statesValue('The local time is 2026-01-15  12:00.', '2026-01-15 12:00')).toBe(true);
    expect(statesValue('It rains in Lyon.', 'Paris')).toBe(false);
  });
});

describe('numbersIn', () => {
  it('splits dates into their parts instead of reading minus signs', () => {
    expect(numbersIn('on 2026-01-15 at 20:00')).toEqual([2026, 1, 15, 20, 0]);
  });
});

describe('missingValues', () => {
  it('lists the values the answer does not state, and none when it states them all', () => {
    const answer = 'It is 24.4 degrees celsius and thunderstorm in Durban.';
    expect(missingValues(answer, ['24.4', 'celsius', 'Durban'])).toEqual([]);
    expect(missingValues(answer, ['24.4', '46', 'wind'])).toEqual(['46', 'wind']);
  });
});
