import { describe, expect, it } from 'vitest';
import { SEED, WORDS } from './data-files.ts';
import { heldOutTerms } from './entities.ts';
import { madeUpCurrencies } from './made-up-currencies.ts';
import { NameGuard, realAndHeldOutNames, upperCaseWordsInUse } from './made-up-names.ts';
import { Rng } from './rng.ts';

const draw = (seed: number, count = 400) =>
  madeUpCurrencies(Rng.derive(seed, 'made-up-currencies'), count, new NameGuard(realAndHeldOutNames()));

describe('made-up currencies', () => {
  it('are the same for a seed and differ for another', () => {
    expect(draw(5)).toEqual(draw(5));
    expect(draw(6).map((currency) => currency.code)).not.toEqual(draw(5).map((currency) => currency.code));
  });

  it('take distinct three-letter codes no seeded, held-out or unknown currency has, nor a word in use', () => {
    const codes = draw(5).map((currency) => currency.code);
    expect(new Set(codes).size).toBe(400);
    const taken = new Set([
      ...Object.keys(SEED.usd_rates),
      ...heldOutTerms().codes,
      ...WORDS.unknownCurrencies.train,
      ...WORDS.unknownCurrencies.ood,
      ...upperCaseWordsInUse(),
    ]);
    expect(taken).toContain('ISO');
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(taken.has(code), code).toBe(false);
    }
  });

  it('have one or two names that neither contain nor sit inside a real, held-out or other made-up name', () => {
    const currencies = draw(5);
    const forbidden = realAndHeldOutNames().map((name) => name.toLowerCase());
    expect(forbidden).toEqual(expect.arrayContaining(['swiss franc', 'forint', 'bolivia', 'seashells']));
    const adjectives = currencies.map((currency) => currency.names[0]?.split(' ')[0]?.toLowerCase() ?? '');
    expect(new Set(adjectives).size).toBe(currencies.length);
    for (const { names } of currencies) {
      expect(names.length === 1 || names.length === 2, names.join()).toBe(true);
      for (const name of names.map((text) => text.toLowerCase())) {
        const clash = forbidden.find((real) => name.includes(real) || real.includes(name));
        expect(clash, name).toBeUndefined();
      }
    }
    const ownUnits = currencies.flatMap((currency) => currency.names.slice(1));
    expect(ownUnits.length).toBeGreaterThan(100);
    expect(new Set(ownUnits).size).toBe(ownUnits.length);
  });

  it('have positive rates spread log-uniformly from about 0.25 to 25,000 units per dollar', () => {
    const rates = draw(5).map((currency) => currency.usd_rate);
    for (const rate of rates) {
      expect(rate).toBeGreaterThanOrEqual(0.25);
      expect(rate).toBeLessThanOrEqual(25_000);
      expect(Number(rate.toPrecision(3))).toBe(rate);
    }
    expect(rates.filter((rate) => rate < 1).length).toBeGreaterThan(40);
    expect(rates.filter((rate) => rate > 1000).length).toBeGreaterThan(40);
  });
});
