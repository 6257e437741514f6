import {
  COUNTRIES_USAGE,
  CURRENCIES_USAGE,
  isCountryList,
  isCurrencyList,
  type KnownWorld,
} from './control-world.ts';
import type { AddedCurrency, City, Country, Todo } from './demo-data.ts';
import { FAULT_KINDS, type FaultKind, type FaultTable } from './faults.ts';
import { type InjectionTable, parseInjection } from './injections.ts';
import { ROUTES } from './routes.ts';

/** A request the demo API received: its method and URL as sent (path and query, undecoded). */
export interface LoggedRequest {
  method: string;
  url: string;
}

/** What the test-only control endpoints act on. */
export interface ControlTarget extends KnownWorld {
  faults: FaultTable;
  injections: InjectionTable;
  /** Every request since the last reset (the latest 10,000), the control endpoint's own aside. */
  requests: LoggedRequest[];
  /** Calls per operationId since the last reset (operations never called are absent). */
  stats: Record<string, number>;
  /** Restores the seeded data. */
  resetData(): void;
  /** Replaces the todo list with these items. */
  replaceTodos(todos: readonly Todo[]): void;
  /** Adds cities after the seeded ones. */
  addCities(cities: readonly City[]): void;
  /** The ids already taken by cities. */
  cityIds(): ReadonlySet<number>;
  /** Adds countries to the seeded ones. */
  addCountries(countries: readonly Country[]): void;
  /** Adds currencies to the seeded ones. */
  addCurrencies(currencies: readonly AddedCurrency[]): void;
}

/** The status and JSON body a control endpoint answers. */
export interface ControlAnswer {
  status: number;
  answer: unknown;
}

const ENDPOINTS: Readonly<Record<string, string>> = {
  '/_control/fault': 'POST',
  '/_control/reset': 'POST',
  '/_control/stats': 'GET',
  '/_control/todos': 'POST',
  '/_control/cities': 'POST',
  '/_control/countries': 'POST',
  '/_control/currencies': 'POST',
  '/_control/inject': 'POST',
  '/_control/requests': 'GET',
};

/**
 * `POST /_control/fault` `{operation, kind, times?}` makes the next `times` calls of an operation
 * fail; `POST /_control/reset` restores the seeded data and clears faults and counts;
 * `GET /_control/stats` gives the calls per operation; `POST /_control/todos` `[todo, ...]` replaces
 * the todo list (new ids continue after the largest); `POST /_control/cities` `[city, ...]` adds cities
 * (made-up ones for training data: thousands of names a model must copy rather than memorise);
 * `POST /_control/countries` `[{code, name, capital, currency, population, languages}, ...]` adds
 * countries getCountry and the city search then know by code or name (new codes and names, known
 * currencies); `POST /_control/currencies` `[{code, names, usd_rate}, ...]` adds currencies
 * convertCurrency converts by code or name (new codes and names, positive rates) — both made-up
 * ones for training data too, refused whole (400) when any item is malformed or taken;
 * `POST /_control/inject` `{operation, text, field?, times?}` makes the next `times` answers of an
 * operation carry an attacker's text in their string values (prompt-injection tests);
 * `GET /_control/requests` lists every request received since the last reset.
 */
export function controlAnswer(
  target: ControlTarget,
  method: string,
  path: string,
  body: unknown,
): ControlAnswer {
  const expected = ENDPOINTS[path];
  if (expected === undefined) {
    return {
      status: 404,
      answer: { error: `No control endpoint ${path}; use ${Object.keys(ENDPOINTS).join(', ')}` },
    };
  }
  if (method !== expected) return { status: 405, answer: { error: `Use ${expected} ${path}` } };
  if (path === '/_control/stats') return { status: 200, answer: { ...target.stats } };
  if (path === '/_control/requests') return { status: 200, answer: [...target.requests] };
  if (path === '/_control/reset') {
    target.resetData();
    target.faults.clear();
    target.injections.clear();
    target.requests.length = 0;
    for (const key of Object.keys(target.stats)) delete target.stats[key];
    return { status: 200, answer: { reset: true } };
  }
  if (path === '/_control/todos') {
    if (!isTodoList(body)) {
      const usage = 'Give an array of {"id": n, "text": "...", "due": "YYYY-MM-DD" or null, "done": bool}';
      return { status: 400, answer: { error: `${usage} with distinct positive ids` } };
    }
    target.replaceTodos(body);
    return { status: 200, answer: { todos: body.length } };
  }
  if (path === '/_control/cities') {
    if (!isCityList(body, target.cityIds())) {
      const usage =
        'Give an array of {"id": n, "name": "...", "country": "XX", "population": n, "timezone": "Area/City"}';
      return {
        status: 400,
        answer: { error: `${usage} with new distinct positive ids and valid time zones` },
      };
    }
    target.addCities(body);
    return { status: 200, answer: { cities: body.length } };
  }
  if (path === '/_control/countries') {
    if (!isCountryList(body, target)) return { status: 400, answer: { error: COUNTRIES_USAGE } };
    target.addCountries(body);
    return { status: 200, answer: { countries: body.length } };
  }
  if (path === '/_control/currencies') {
    if (!isCurrencyList(body, target)) return { status: 400, answer: { error: CURRENCIES_USAGE } };
    target.addCurrencies(body);
    return { status: 200, answer: { currencies: body.length } };
  }
  const operations = ROUTES.map((route) => route.operationId);
  if (path === '/_control/inject') {
    const parsed = parseInjection(body, operations);
    if ('error' in parsed) return { status: 400, answer: parsed };
    target.injections.add(parsed.operation, parsed.injection, parsed.times);
    return { status: 200, answer: { operation: parsed.operation, ...parsed.injection, times: parsed.times } };
  }
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const usage = `Give {"operation": one of ${operations.join(', ')}, "kind": one of ${FAULT_KINDS.join(', ')}, "times"?: n}`;
  const kind = input.kind as FaultKind;
  if (
    typeof input.operation !== 'string' ||
    !operations.includes(input.operation) ||
    !FAULT_KINDS.includes(kind)
  ) {
    return { status: 400, answer: { error: usage } };
  }
  const times = input.times ?? 1;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 1000) {
    return { status: 400, answer: { error: 'times must be an integer from 1 to 1000' } };
  }
  target.faults.add(input.operation, kind, times);
  return { status: 200, answer: { operation: input.operation, kind, times } };
}

/** True for an array of well-formed todo items with distinct positive integer ids. */
function isTodoList(body: unknown): body is Todo[] {
  if (!Array.isArray(body)) return false;
  const ids = new Set<number>();
  return body.every((item: unknown) => {
    if (typeof item !== 'object' || item === null) return false;
    const { id, text, due, done } = item as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || ids.has(id)) return false;
    ids.add(id);
    return typeof text === 'string' && (due === null || typeof due === 'string') && typeof done === 'boolean';
  });
}

/** True for an array of well-formed cities whose positive integer ids are distinct and not yet taken. */
function isCityList(body: unknown, taken: ReadonlySet<number>): body is City[] {
  if (!Array.isArray(body)) return false;
  const ids = new Set<number>();
  return body.every((item: unknown) => {
    if (typeof item !== 'object' || item === null) return false;
    const { id, name, country, population, timezone } = item as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || ids.has(id) || taken.has(id))
      return false;
    ids.add(id);
    return (
      typeof name === 'string' &&
      name.trim() !== '' &&
      typeof country === 'string' &&
      /^[A-Z]{2}$/.test(country) &&
      typeof population === 'number' &&
      typeof timezone === 'string' &&
      isTimeZone(timezone)
    );
  });
}

/** True when `Intl` knows the IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
