import { describe, expect, it } from 'vitest';
import { readOptions, USAGE } from './cli-options.ts';

describe('the generator options', () => {
  it('add no made-up countries or currencies unless asked, as the shipped models were trained', () => {
    expect(readOptions(['--out', 'x'])).toMatchObject({
      madeUpCities: 3000,
      madeUpCountries: 0,
      madeUpCurrencies: 0,
    });
    expect(USAGE).toContain('--made-up-countries 0');
    expect(USAGE).toContain('--made-up-currencies 0');
  });

  it('read the made-up country and currency counts, and refuse a count that is not a number', () => {
    const args = ['--out', 'x', '--made-up-countries', '300', '--made-up-currencies', '250'];
    expect(readOptions(args)).toMatchObject({ madeUpCountries: 300, madeUpCurrencies: 250 });
    expect(() => readOptions(['--out', 'x', '--made-up-currencies', 'many'])).toThrow(
      '--made-up-currencies must be a non-negative integer, not "many"',
    );
  });
});
