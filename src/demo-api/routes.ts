import type { DemoData } from './demo-data.ts';
import * as input from './route-inputs.ts';

/** What a route answers: a status and a JSON body. */
export interface RouteResponse {
  status: number;
  body: unknown;
}

/** The parts of a request a route reads. */
export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  now: Date;
}

/** One operation of the demo API's OpenAPI document; `handle` throws a RouteError for bad input. */
export interface Route {
  method: string;
  /** Path template as in the OpenAPI document, e.g. `/weather/{city_id}`. */
  path: string;
  operationId: string;
  /** The query parameters the document declares; any other is refused with a 400. */
  query: readonly string[];
  /** Whether the operation changes data (the agent asks the user first). */
  mutating: boolean;
  handle(data: DemoData, request: RouteRequest): RouteResponse;
}

const ok = (body: unknown): RouteResponse => ({ status: 200, body });
const CITY_HINT = 'find it with searchCities';

/** The seeded city for a `city_id` path value (400 when not an integer, 404 when unknown). */
function cityOf(data: DemoData, raw: string | undefined) {
  const id = input.pathId(raw, 'city_id', CITY_HINT);
  const city = data.city(id);
  if (!city) throw new input.RouteError(`No city with id ${id}`, 404);
  return city;
}

/** The index of a todo for a `todo_id` path value (400 when not an integer, 404 when unknown). */
function todoIndex(data: DemoData, raw: string | undefined): number {
  const id = input.pathId(raw, 'todo_id', 'see listTodos');
  const index = data.todos.findIndex((todo) => todo.id === id);
  if (index === -1) throw new input.RouteError(`No todo with id ${id}`, 404);
  return index;
}

/** Every operation of the demo API, in the document's order. */
export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/cities',
    operationId: 'searchCities',
    query: ['name', 'country', 'limit'],
    mutating: false,
    handle(data, { query }) {
      const limit = input.limitParam(query, 20, 5);
      const country = query.get('country');
      const code = country === null ? undefined : input.countryParam(data, country);
      const cities = data.searchCities(query.get('name') ?? undefined, code, limit);
      return ok(cities.map(({ id, name, country, population }) => ({ id, name, country, population })));
    },
  },
  {
    method: 'GET',
    path: '/weather/{city_id}',
    operationId: 'getWeather',
    query: ['units'],
    mutating: false,
    handle(data, { params, query }) {
      const units = query.get('units') ?? 'metric';
      if (units !== 'metric' && units !== 'imperial')
        throw new input.RouteError('units must be metric or imperial');
      return ok(data.weather(cityOf(data, params.city_id), units));
    },
  },
  {
    method: 'GET',
    path: '/time/{city_id}',
    operationId: 'getLocalTime',
    query: [],
    mutating: false,
    handle: (data, { params, now }) => ok(data.localTime(cityOf(data, params.city_id), now)),
  },
  {
    method: 'GET',
    path: '/countries/{code}',
    operationId: 'getCountry',
    query: [],
    mutating: false,
    handle(data, { params }) {
      const raw = params.code ?? '';
      const code = data.countryCodeOf(raw);
      const country = code === undefined ? undefined : data.country(code);
      if (country) return ok(country);
      if (/^[A-Za-z]{2}$/.test(raw.trim())) {
        throw new input.RouteError(`No country with code ${raw.trim().toUpperCase()}`, 404);
      }
      throw new input.RouteError(`No country named "${raw}"`, 404);
    },
  },
  {
    method: 'GET',
    path: '/convert',
    operationId: 'convertCurrency',
    query: ['source', 'target', 'amount'],
    mutating: false,
    handle(data, { query }) {
      const source = input.currencyParam(data, query, 'source');
      const target = input.currencyParam(data, query, 'target');
      const amount = input.numberParam(query, 'amount');
      const from = data.usdRate(source) ?? 1;
      const rate = Math.round(((data.usdRate(target) ?? 1) / from) * 1e6) / 1e6;
      const result = Math.round(amount * rate * 100) / 100;
      return ok({ source, target, amount, rate, result });
    },
  },
  {
    method: 'GET',
    path: '/todos',
    operationId: 'listTodos',
    query: ['done', 'limit'],
    mutating: false,
    handle(data, { query }) {
      const limit = input.limitParam(query, 50, 50);
      const done = input.booleanParam(query, 'done');
      return ok(data.todos.filter((todo) => done === undefined || todo.done === done).slice(0, limit));
    },
  },
  {
    method: 'POST',
    path: '/todos',
    operationId: 'createTodo',
    query: [],
    mutating: true,
    handle(data, { body }) {
      const { text, due } = input.todoInput(body);
      return { status: 201, body: data.addTodo(text, due) };
    },
  },
  {
    method: 'POST',
    path: '/todos/{todo_id}/complete',
    operationId: 'completeTodo',
    query: [],
    mutating: true,
    handle(data, { params }) {
      const todo = data.todos[todoIndex(data, params.todo_id)];
      if (todo) todo.done = true;
      return ok(todo);
    },
  },
  {
    method: 'DELETE',
    path: '/todos/{todo_id}',
    operationId: 'deleteTodo',
    query: [],
    mutating: true,
    handle(data, { params }) {
      const [removed] = data.todos.splice(todoIndex(data, params.todo_id), 1);
      return ok({ deleted: removed?.id });
    },
  },
];

/** A path's match: the route for the method, or only the methods the path allows (for a 405). */
export type RouteMatch = { route: Route; params: Record<string, string> } | { allow: string[] };

/** Matches a method and path (path parameters URI-decoded; throws URIError on bad escapes). */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  const allow: string[] = [];
  for (const route of ROUTES) {
    const pattern = route.path.split('/').filter((segment) => segment !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (!part.startsWith('{')) return part === segment;
      params[part.slice(1, -1)] = decodeURIComponent(segment);
      return true;
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { allow } : undefined;
}
