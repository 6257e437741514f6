import { HOLDOUT, type PoolSide, SEED, type SidedList, WORDS } from './data-files.ts';
import type { Rng } from './rng.ts';

/** A city of the demo data a task can mention. */
export interface CityEntity {
  id: number;
  name: string;
}

/** A country of the demo data, with the other names the API accepts for it. */
export interface CountryEntity {
  code: string;
  name: string;
  aliases: string[];
}

/** A currency of the demo data with the names the API accepts for it. */
export interface CurrencyEntity {
  code: string;
  names: string[];
}

/** The entities one side (train or held-out) may use. */
export interface Pools {
  side: PoolSide;
  cities: CityEntity[];
  /** Made-up cities the demo server was given for this split (training only), drawn as often as real ones. */
  madeUpCities: CityEntity[];
  countries: CountryEntity[];
  /** Made-up countries the demo server was given for this split (training only), drawn as often as real ones. */
  madeUpCountries: CountryEntity[];
  currencies: CurrencyEntity[];
  /** Made-up currencies the demo server was given for this split (training only), drawn as often as real ones. */
  madeUpCurrencies: CurrencyEntity[];
  persons: string[];
  companies: string[];
  unknownCurrencies: string[];
  pseudoCountries: string[];
}

const sideOf = (list: SidedList, side: PoolSide): string[] => (side === 'train' ? list.train : list.ood);

/** The entity pools of a side: held-out values for `ood`, all others for `train`; made-up ones as given. */
export function buildPools(
  side: PoolSide,
  madeUpCities: CityEntity[] = [],
  madeUpCountries: CountryEntity[] = [],
  madeUpCurrencies: CurrencyEntity[] = [],
): Pools {
  const held = (heldOut: readonly string[], value: string) => heldOut.includes(value) === (side === 'ood');
  const aliases = Object.entries(SEED.country_aliases);
  return {
    side,
    cities: SEED.cities
      .filter((city) => held(HOLDOUT.cities, city.name))
      .map(({ id, name }) => ({ id, name })),
    madeUpCities,
    countries: SEED.countries
      .filter((country) => held(HOLDOUT.countries, country.name))
      .map(({ code, name }) => ({
        code,
        name,
        aliases: aliases.filter(([, target]) => target === code).map(([alias]) => alias),
      })),
    madeUpCountries,
    currencies: Object.entries(SEED.currency_names)
      .filter(([code]) => held(HOLDOUT.currencies, code))
      .map(([code, names]) => ({ code, names })),
    madeUpCurrencies,
    persons: sideOf(WORDS.persons, side),
    companies: sideOf(WORDS.companies, side),
    unknownCurrencies: sideOf(WORDS.unknownCurrencies, side),
    pseudoCountries: sideOf(WORDS.pseudoCountries, side),
  };
}

/** A city a task mentions: a made-up one (when the pools have them) or a real one, with even odds. */
export function pickCity(rng: Rng, pools: Pools): CityEntity {
  return pools.madeUpCities.length > 0 && rng.chance(0.5)
    ? rng.pick(pools.madeUpCities)
    : rng.pick(pools.cities);
}

/** A country a task mentions: a made-up one (when the pools have them) or a real one, with even odds. */
export function pickCountry(rng: Rng, pools: Pools): CountryEntity {
  return pools.madeUpCountries.length > 0 && rng.chance(0.5)
    ? rng.pick(pools.madeUpCountries)
    : rng.pick(pools.countries);
}

/** A currency a task mentions: a made-up one (when the pools have them) or a real one, with even odds. */
export function pickCurrency(rng: Rng, pools: Pools): CurrencyEntity {
  return pools.madeUpCurrencies.length > 0 && rng.chance(0.5)
    ? rng.pick(pools.madeUpCurrencies)
    : rng.pick(pools.currencies);
}

/** Two different currencies, each drawn as `pickCurrency` does (undefined when the pools have fewer). */
export function pickCurrencyPair(rng: Rng, pools: Pools): [CurrencyEntity, CurrencyEntity] | undefined {
  if (pools.madeUpCurrencies.length === 0) {
    const [source, target] = rng.shuffle(pools.currencies);
    return source === undefined || target === undefined ? undefined : [source, target];
  }
  const source = pickCurrency(rng, pools);
  let target = pickCurrency(rng, pools);
  while (target.code === source.code) target = pickCurrency(rng, pools);
  return [source, target];
}

/** How a user names a country: mostly its name, sometimes an alias or (`allowCode`) its ISO code. */
export function countrySurface(rng: Rng, country: CountryEntity, allowCode: boolean): string {
  if (country.aliases.length > 0 && rng.chance(0.2)) return rng.pick(country.aliases);
  if (allowCode && rng.chance(0.06)) return country.code;
  return country.name;
}

const lastWord = (name: string) => name.split(' ').at(-1) ?? name;

/** How a user names a currency: its code, or one of its names in the singular or plural. */
export function currencySurface(rng: Rng, currency: CurrencyEntity, plural: boolean): string {
  if (rng.chance(0.55)) return currency.code;
  if (!plural) {
    const singular = currency.names.filter((name) => !WORDS.pluralOnlyCurrencyWords.includes(lastWord(name)));
    return rng.pick(singular.length > 0 ? singular : currency.names);
  }
  const name = rng.pick(currency.names);
  const invariant = [...WORDS.invariantCurrencyWords, ...WORDS.pluralOnlyCurrencyWords];
  return invariant.includes(lastWord(name)) || name.endsWith('s') ? name : `${name}s`;
}

/** A made-up place name no city of the API matches (syllables differ between the sides). */
export function pseudoName(rng: Rng, side: PoolSide): string {
  const parts = WORDS.pseudoNames[side];
  const core = rng.pick(parts.onsets) + rng.pick(parts.middles) + rng.pick(parts.codas);
  return rng.pick(parts.prefixes) + core;
}

/** Every held-out term a training dialogue must not contain outside observations. */
export function heldOutTerms(): { names: string[]; codes: string[] } {
  const currencies = HOLDOUT.currencies;
  const countryCodes = SEED.countries.filter((c) => HOLDOUT.countries.includes(c.name)).map((c) => c.code);
  const aliases = Object.entries(SEED.country_aliases)
    .filter(([, code]) => countryCodes.includes(code))
    .map(([alias]) => alias);
  const currencyNames = currencies.flatMap(
    (code) => (SEED.currency_names as Record<string, string[]>)[code] ?? [],
  );
  const words = [
    ...Object.values(WORDS.todoSlots).flatMap((list) => list.ood),
    ...WORDS.persons.ood,
    ...WORDS.companies.ood,
    ...WORDS.unknownCurrencies.ood.filter((word) => !/^[A-Z]{3}$/.test(word)),
    ...WORDS.pseudoCountries.ood,
  ];
  return {
    names: [...HOLDOUT.cities, ...HOLDOUT.countries, ...aliases, ...currencyNames, ...words],
    codes: [
      ...currencies,
      ...countryCodes,
      ...WORDS.unknownCurrencies.ood.filter((word) => /^[A-Z]{3}$/.test(word)),
    ],
  };
}
