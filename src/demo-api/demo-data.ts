import seed from './seed-data.json' with { type: 'json' };

/** A city of the demo data. */
export type City = (typeof seed.cities)[number];
/** A country of the demo data. */
export type Country = (typeof seed.countries)[number];
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

/** Rounds to one decimal. */
function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The demo API's data: read-only seeded facts plus a todo list that resets with each instance. */
export class DemoData {
  todos: Todo[] = structuredClone(seed.todos);
  #nextTodoId = Math.max(...seed.todos.map((todo) => todo.id)) + 1;

  /** Cities whose name contains `name` (case-insensitive) and, if given, in `country`. */
  searchCities(name: string | undefined, country: string | undefined, limit: number): City[] {
    const needle = name?.trim().toLowerCase();
    const code = country?.trim().toUpperCase();
    return seed.cities
      .filter((city) => (needle ? city.name.toLowerCase().includes(needle) : true))
      .filter((city) => (code ? city.country === code : true))
      .slice(0, limit);
  }

  city(id: number): City | undefined {
    return seed.cities.find((city) => city.id === id);
  }

  country(code: string): Country | undefined {
    return seed.countries.find((country) => country.code === code.trim().toUpperCase());
  }

  /** Units of `code` per US dollar, when the currency is known. */
  usdRate(code: string): number | undefined {
    return (seed.usd_rates as Record<string, number>)[code.trim().toUpperCase()];
  }

  /** The codes of the currencies convertCurrency knows. */
  currencies(): string[] {
    return Object.keys(seed.usd_rates);
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

  addTodo(text: string, due: string | null): Todo {
    const todo: Todo = { id: this.#nextTodoId++, text, due, done: false };
    this.todos.push(todo);
    return todo;
  }
}
