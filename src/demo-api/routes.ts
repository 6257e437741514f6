import type { DemoData } from './demo-data.ts';

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

/** One operation of the demo API's OpenAPI document. */
export interface Route {
  method: string;
  /** Path template as in the OpenAPI document, e.g. `/weather/{city_id}`. */
  path: string;
  operationId: string;
  handle(data: DemoData, request: RouteRequest): RouteResponse;
}

const bad = (error: string): RouteResponse => ({ status: 400, body: { error } });
const missing = (error: string): RouteResponse => ({ status: 404, body: { error } });

/** An integer from a path or query value, or undefined when it is not one. */
function integer(text: string | null | undefined): number | undefined {
  return text !== null && text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** A `limit` query value between 1 and `max`, `fallback` when absent, or an error message. */
function limitOf(query: URLSearchParams, max: number, fallback: number): number | string {
  if (!query.has('limit')) return fallback;
  const limit = integer(query.get('limit'));
  return limit !== undefined && limit >= 1 && limit <= max
    ? limit
    : `limit must be an integer from 1 to ${max}`;
}

/** Every operation of the demo API, in the document's order. */
export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: '/cities',
    operationId: 'searchCities',
    handle(data, { query }) {
      const limit = limitOf(query, 20, 5);
      if (typeof limit === 'string') return bad(limit);
      const name = query.get('name') ?? undefined;
      const country = query.get('country') ?? undefined;
      const cities = data.searchCities(name, country, limit);
      return {
        status: 200,
        body: cities.map(({ id, name, country, population }) => ({ id, name, country, population })),
      };
    },
  },
  {
    method: 'GET',
    path: '/weather/{city_id}',
    operationId: 'getWeather',
    handle(data, { params, query }) {
      const units = query.get('units') ?? 'metric';
      if (units !== 'metric' && units !== 'imperial') return bad('units must be "metric" or "imperial"');
      const id = integer(params.city_id);
      if (id === undefined) return bad('city_id must be an integer; find it with searchCities');
      const city = data.city(id);
      return city ? { status: 200, body: data.weather(city, units) } : missing(`No city with id ${id}`);
    },
  },
  {
    method: 'GET',
    path: '/time/{city_id}',
    operationId: 'getLocalTime',
    handle(data, { params, now }) {
      const id = integer(params.city_id);
      if (id === undefined) return bad('city_id must be an integer; find it with searchCities');
      const city = data.city(id);
      return city ? { status: 200, body: data.localTime(city, now) } : missing(`No city with id ${id}`);
    },
  },
  {
    method: 'GET',
    path: '/countries/{code}',
    operationId: 'getCountry',
    handle(data, { params }) {
      const country = data.country(params.code ?? '');
      return country ? { status: 200, body: country } : missing(`No country with code ${params.code}`);
    },
  },
  {
    method: 'GET',
    path: '/convert',
    operationId: 'convertCurrency',
    handle(data, { query }) {
      const from = query.get('source') ?? '';
      const to = query.get('target') ?? '';
      const amount = Number(query.get('amount') ?? Number.NaN);
      if (!Number.isFinite(amount)) return bad('amount must be a number');
      const fromRate = data.usdRate(from);
      const toRate = data.usdRate(to);
      if (fromRate === undefined) return bad(`Unknown currency "${from}"`);
      if (toRate === undefined) return bad(`Unknown currency "${to}"`);
      const rate = Math.round((toRate / fromRate) * 1e6) / 1e6;
      const result = Math.round(amount * rate * 100) / 100;
      return {
        status: 200,
        body: { source: from.toUpperCase(), target: to.toUpperCase(), amount, rate, result },
      };
    },
  },
  {
    method: 'GET',
    path: '/todos',
    operationId: 'listTodos',
    handle(data, { query }) {
      const limit = limitOf(query, 50, 50);
      if (typeof limit === 'string') return bad(limit);
      const done = query.get('done');
      if (done !== null && done !== 'true' && done !== 'false') return bad('done must be true or false');
      const todos = data.todos.filter((todo) => done === null || todo.done === (done === 'true'));
      return { status: 200, body: todos.slice(0, limit) };
    },
  },
  {
    method: 'POST',
    path: '/todos',
    operationId: 'createTodo',
    handle(data, { body }) {
      const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (typeof input.text !== 'string' || input.text.trim() === '')
        return bad('text is required: what to do');
      const due = input.due ?? null;
      if (due !== null && (typeof due !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(due))) {
        return bad('due must be a date like 2026-05-01');
      }
      return { status: 201, body: data.addTodo(input.text.trim(), due) };
    },
  },
  {
    method: 'POST',
    path: '/todos/{todo_id}/complete',
    operationId: 'completeTodo',
    handle(data, { params }) {
      const todo = data.todos.find((item) => item.id === integer(params.todo_id));
      if (!todo) return missing(`No todo with id ${params.todo_id}`);
      todo.done = true;
      return { status: 200, body: todo };
    },
  },
  {
    method: 'DELETE',
    path: '/todos/{todo_id}',
    operationId: 'deleteTodo',
    handle(data, { params }) {
      const index = data.todos.findIndex((item) => item.id === integer(params.todo_id));
      if (index === -1) return missing(`No todo with id ${params.todo_id}`);
      const [removed] = data.todos.splice(index, 1);
      return { status: 200, body: { deleted: removed?.id } };
    },
  },
];

/** The route and path parameters for a method and path, if any route matches. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter((segment) => segment !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith('{')) {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (matches) return { route, params };
  }
  return undefined;
}
