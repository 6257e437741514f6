import seed from './seed-data.json' with { type: 'json' };

/** A city of the demo data. */
export type City = (typeof seed.cities)[number];
/** A country of the demo data. */
export type Country = (typeof seed.countries)[number];
/** A currency added through the control endpoint: its code, names and units per US dollar. */
export interface AddedCurrency {
  code: string;
  names: string[];
  usd_rate: number;
}
/** A todo item. */
export interface Todo {
  id: number;
  text: string;
  due: string | null;
  done: boolean;
}

const CONDITIONS = [
  'clear',
  'partly cloudy',
  'cloudy',
  'light rain',
  'rain',
  'fog',
  'snow',
  'thunderstorm',
  'windy',
];

/** A small deterministic hash (FNV-1a) so generated weather is stable across runs and machines. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** How names are compared: lower case, single spaces, no leading "the ", no plural "s" (so "Swiss francs" is "swiss franc"). */
export function nameKey(text: string): string {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^the /, '');
  return key.length > 3 && key.endsWith('s') ? key.slice(0, -1) : key;
}

/** Country codes by name and alias, and currency codes by name, under `nameKey`. */
const COUNTRY_BY_NAME = new Map<string, string>([
  ...seed.countries.map((country): [string, string] => [nameKey(country.name), country.code]),
  ...Object.entries(seed.country_aliases).map(([alias, code]): [string, string] => [nameKey(alias), code]),
]);
const CURRENCY_BY_NAME = new Map<string, string>(
  Object.entries(seed.currency_names).flatMap(([code, names]) =>
    names.map((name): [string, string] => [nameKey(name), code]),
  ),
);

/** Rounds to one decimal. */
function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The demo API's data: read-only seeded facts plus a todo list that resets with each instance. */
export class DemoData {
  todos: Todo[] = structuredClone(seed.todos);
  /** The seeded cities plus any added through the control endpoint (training data generation). */
  cities: City[] = [...seed.cities];
  /** Countries by code, and country and currency codes by name: seeded plus added ones. */
  #countries = new Map<string, Country>(seed.countries.map((country) => [country.code, country]));
  #countryByName = new Map(COUNTRY_BY_NAME);
  #usdRates = new Map<string, number>(Object.entries(seed.usd_rates));
  #currencyByName = new Map(CURRENCY_BY_NAME);
  #nextTodoId = Math.max(...seed.todos.map((todo) => todo.id)) + 1;

  /** Cities whose name contains `name` (case-insensitive) and, if given, in `country`. */
  searchCities(name: string | undefined, country: string | undefined, limit: number): City[] {
    const needle = name?.trim().toLowerCase();
    const code = country?.trim().toUpperCase();
    return this.cities
      .filter((city) => (needle ? city.name.toLowerCase().includes(needle) : true))
      .filter((city) => (code ? city.country === code : true))
      .slice(0, limit);
  }

  city(id: number): City | undefined {
    return this.cities.find((city) => city.id === id);
  }

  country(code: string): Country | undefined {
    return this.#countries.get(code.trim().toUpperCase());
  }

  /** The code of a country given by code, name or alias (any case), when known. */
  countryCodeOf(text: string): string | undefined {
    const code = text.trim().toUpperCase();
    if (this.country(code) !== undefined) return code;
    return this.#countryByName.get(nameKey(text));
  }

  /** The code of a currency given by code or name (any case, singular or plural), when known. */
  currencyCodeOf(text: string): string | undefined {
    const code = text.trim().toUpperCase();
    if (this.usdRate(code) !== undefined) return code;
    return this.#currencyByName.get(nameKey(text));
  }

  /** Units of `code` per US dollar, when the currency is known. */
  usdRate(code: string): number | undefined {
    return this.#usdRates.get(code.trim().toUpperCase());
  }

  /** The (generated, stable) current weather of a city. */
  weather(city: City, units: 'metric' | 'imperial') {
    const seedValue = hash(`weather:${city.id}`);
    const celsius = round1(-8 + (seedValue % 400) / 10);
    const windKph = round1(((seedValue >>> 9) % 450) / 10);
    return {
      city_id: city.id,
      city: city.name,
      temperature: units === 'metric' ? celsius : round1((celsius * 9) / 5 + 32),
      units: units === 'metric' ? 'celsius' : 'fahrenheit',
      conditions: CONDITIONS[(seedValue >>> 5) % CONDITIONS.length] ?? 'clear',
      wind_kph: windKph,
      humidity: 20 + ((seedValue >>> 13) % 76),
    };
  }

  /** The local time of a city at the instant `now`, as `YYYY-MM-DD HH:MM`. */
  localTime(city: City, now: Date) {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: city.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
    const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
    const localTime = `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
    return { city_id: city.id, city: city.name, timezone: city.timezone, local_time: localTime };
  }

  /** Replaces the todo list (tests and data generation); new ids continue after the largest. */
  replaceTodos(todos: readonly Todo[]): void {
    this.todos = todos.map((todo) => ({ ...todo }));
    this.#nextTodoId = Math.max(0, ...this.todos.map((todo) => todo.id)) + 1;
  }

  /** Adds cities after the seeded ones (ids must be new; tests and data generation only). */
  addCities(cities: readonly City[]): void {
    this.cities.push(...cities.map((city) => ({ ...city })));
  }

  /** Adds countries, found by code or name like seeded ones (codes and names must be new; data generation only). */
  addCountries(countries: readonly Country[]): void {
    for (const country of countries) {
      const copy = { ...country, languages: [...country.languages] };
      this.#countries.set(copy.code, copy);
      this.#countryByName.set(nameKey(copy.name), copy.code);
    }
  }

  /** Adds currencies convertCurrency converts by code or name (codes and names must be new; data generation only). */
  addCurrencies(currencies: readonly AddedCurrency[]): void {
    for (const { code, names, usd_rate } of currencies) {
      this.#usdRates.set(code, usd_rate);
      for (const name of names) this.#currencyByName.set(nameKey(name), code);
    }
  }

  addTodo(text: string, due: string | null): Todo {
    const todo: Todo = { id: this.#nextTodoId++, text, due, done: false };
    this.todos.push(todo);
    return todo;
  }
}
