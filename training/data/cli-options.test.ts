import { describe, expect, it } from 'vitest';
import { readOptions, USAGE } from './cli-options.ts';

describe('the generator options', () => {
  it('add 3,000 made-up cities and 300 made-up countries and currencies unless told otherwise', () => {
    expect(readOptions(['--out', 'x'])).toMatchObject({
      madeUpCities: 3000,
      madeUpCountries: 300,
      madeUpCurrencies: 300,
    });
    expect(USAGE).toContain('--made-up-countries 300');
    expect(USAGE).toContain('--made-up-currencies 300');
  });

  it('read the made-up country and currency counts, and refuse a count that is not a number', () => {
    const args = ['--out', 'x', '--made-up-countries', '0', '--made-up-currencies', '250'];
    expect(readOptions(args)).toMatchObject({ madeUpCountries: 0, madeUpCurrencies: 250 });
    expect(() => readOptions(['--out', 'x', '--made-up-currencies', 'many'])).toThrow(
      '--made-up-currencies must be a non-negative integer, not "many"',
    );
  });
});
