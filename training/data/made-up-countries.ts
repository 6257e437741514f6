import type { AddedCurrency, Country } from '../../src/demo-api/demo-data.ts';
import { HOLDOUT, SEED } from './data-files.ts';
import { buildPools, type CountryEntity, heldOutTerms } from './entities.ts';
import { madeUpName, madeUpWord, type NameGuard, upperCaseWordsInUse, withEnding } from './made-up-names.ts';
import type { Rng } from './rng.ts';

const NAME_ENDINGS = ['', '', 'ia', 'ia', 'land', 'stan', 'ova', 'ea', 'ar', 'ay'];
const LANGUAGE_ENDINGS = ['ian', 'ese', 'i', 'ish'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** People, drawn log-uniformly from a micro-state's to a large country's, rounded to thousands. */
const MIN_POPULATION = 50_000;
const MAX_POPULATION = 300_000_000;

/** The two-letter codes a made-up country may take: no seeded or held-out code, alias or word in use. */
function freeCodes(): string[] {
  const taken = new Set([
    ...upperCaseWordsInUse(),
    ...SEED.countries.map((country) => country.code),
    ...Object.keys(SEED.country_aliases).map((alias) => alias.toUpperCase()),
    ...heldOutTerms().codes,
  ]);
  return [...LETTERS]
    .flatMap((first) => [...LETTERS].map((second) => first + second))
    .filter((code) => !taken.has(code));
}

/** The languages of training-side countries. */
function trainLanguages(): string[] {
  const countries = SEED.countries.filter((country) => !HOLDOUT.countries.includes(country.name));
  return [...new Set(countries.flatMap((country) => country.languages))].sort();
}

/**
 * `count` made-up countries for the training split only: new two-letter codes, made-up names and
 * capitals clear of every name `guard` holds, a currency of `currencies` (made-up ones; a real
 * training-side one when there are none), a population and one or two languages (a made-up one
 * named after the country, or real ones). Trained on ~80 real countries, the models answered
 * memorised facts instead of the API's; made-up ones leave copying the observation as the only way.
 */
export function madeUpCountries(
  rng: Rng,
  count: number,
  guard: NameGuard,
  currencies: readonly AddedCurrency[],
): Country[] {
  const codes = freeCodes();
  if (count > codes.length)
    throw new Error(`At most ${codes.length} made-up countries fit in two-letter codes`);
  const currencyCodes =
    currencies.length > 0
      ? currencies.map((currency) => currency.code)
      : buildPools('train').currencies.map((currency) => currency.code);
  const languages = trainLanguages();
  const countries: Country[] = [];
  while (countries.length < count) {
    const root = madeUpWord(rng);
    const name = withEnding(root, rng.pick(NAME_ENDINGS));
    const capital = madeUpName(rng);
    const language = withEnding(root, rng.pick(LANGUAGE_ENDINGS));
    if (!guard.isNew(language) || !guard.takeAll([name, capital])) continue;
    const [code] = codes.splice(rng.int(0, codes.length - 1), 1) as [string];
    const spoken = rng.chance(0.6) ? [language] : [rng.pick(languages)];
    if (rng.chance(0.35)) spoken.push(rng.pick(languages.filter((other) => !spoken.includes(other))));
    const population = Math.exp(
      Math.log(MIN_POPULATION) + rng.next() * Math.log(MAX_POPULATION / MIN_POPULATION),
    );
    countries.push({
      code,
      name,
      capital,
      currency: rng.pick(currencyCodes),
      population: Math.round(population / 1000) * 1000,
      languages: spoken,
    });
  }
  return countries;
}

/** The country entities of made-up countries (what a task may mention; no aliases). */
export function countryEntities(countries: readonly Country[]): CountryEntity[] {
  return countries.map(({ code, name }) => ({ code, name, aliases: [] }));
}
