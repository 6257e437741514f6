import { describe, expect, it } from 'vitest';
import { HOLDOUT, SEED } from './data-files.ts';
import { buildPools, heldOutTerms } from './entities.ts';
import { madeUpCountries } from './made-up-countries.ts';
import { madeUpCurrencies } from './made-up-currencies.ts';
import { NameGuard, realAndHeldOutNames } from './made-up-names.ts';
import { Rng } from './rng.ts';

/** Made-up countries (and the currencies they use, when `currencies`) of a seed, as the dataset draws them. */
function draw(seed: number, count: number, currencies = 50) {
  const guard = new NameGuard(realAndHeldOutNames());
  const added = madeUpCurrencies(Rng.derive(seed, 'made-up-currencies'), currencies, guard);
  return {
    currencies: added,
    countries: madeUpCountries(Rng.derive(seed, 'made-up-countries'), count, guard, added),
  };
}

describe('made-up countries', () => {
  it('are the same for a seed and differ for another', () => {
    expect(draw(5, 300)).toEqual(draw(5, 300));
    expect(draw(6, 300).countries.map((country) => country.name)).not.toEqual(
      draw(5, 300).countries.map((country) => country.name),
    );
  });

  it('take distinct new two-letter codes, up to every free one, and refuse more', () => {
    const { countries } = draw(5, 400);
    const codes = countries.map((country) => country.code);
    expect(new Set(codes).size).toBe(400);
    const taken = new Set([...SEED.countries.map((country) => country.code), ...heldOutTerms().codes, 'UK']);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(taken.has(code), code).toBe(false);
    }
    expect(() => draw(5, 676)).toThrow(/At most \d+ made-up countries fit/);
  });

  it('have names, capitals and made-up languages clear of every real, held-out and other made-up name', () => {
    const { countries, currencies } = draw(5, 300);
    const forbidden = realAndHeldOutNames().map((name) => name.toLowerCase());
    const realLanguages = new Set(SEED.countries.flatMap((country) => country.languages));
    const made = [
      ...countries.flatMap((country) => [country.name, country.capital]),
      // A currency's own unit word sits in its full name by design ("Haimdrus nourkdral", "nourkdral").
      ...currencies.flatMap((currency) => [
        currency.names[0]?.split(' ')[0] ?? '',
        ...currency.names.slice(1),
      ]),
    ].map((name) => name.toLowerCase());
    const madeLanguages = countries.flatMap((country) =>
      country.languages.filter((l) => !realLanguages.has(l)),
    );
    expect(madeLanguages.length).toBeGreaterThan(100);
    for (const name of [...made, ...madeLanguages.map((language) => language.toLowerCase())]) {
      const clash = forbidden.find((real) => name.includes(real) || real.includes(name));
      expect(clash, name).toBeUndefined();
    }
    made.forEach((name, index) => {
      const other = made.find((known, at) => at !== index && (known.includes(name) || name.includes(known)));
      expect(other, name).toBeUndefined();
    });
  });

  it('use made-up currencies when there are any, real training-side ones otherwise, and speak one or two languages', () => {
    const { countries, currencies } = draw(5, 300);
    const madeCodes = new Set(currencies.map((currency) => currency.code));
    expect(countries.every((country) => madeCodes.has(country.currency))).toBe(true);
    const trainCodes = new Set(buildPools('train').currencies.map((currency) => currency.code));
    const plain = draw(5, 100, 0).countries;
    expect(
      plain.every(
        (country) => trainCodes.has(country.currency) && !HOLDOUT.currencies.includes(country.currency),
      ),
    ).toBe(true);
    for (const { languages, population } of countries) {
      expect(languages.length === 1 || languages.length === 2).toBe(true);
      expect(new Set(languages).size).toBe(languages.length);
      expect(population % 1000).toBe(0);
      expect(population).toBeGreaterThanOrEqual(50_000);
    }
  });
});
