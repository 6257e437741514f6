import type { IncomingMessage, ServerResponse } from 'node:http';
import { controlAnswer, type LoggedRequest } from './control.ts';
import { CORS_HEADERS, withCors } from './cors.ts';
import { type AddedCurrency, type City, type Country, DemoData, type Todo } from './demo-data.ts';
import { answerWithFault, FaultTable } from './faults.ts';
import { InjectionTable, injectText } from './injections.ts';
import openApiDocument from './openapi.json' with { type: 'json' };
import { checkQueryNames, RouteError } from './route-inputs.ts';
import { matchRoute, type Route, type RouteRequest, type RouteResponse } from './routes.ts';

/** Options of the demo API handler. */
export interface DemoHandlerOptions {
  /** Path prefix the API lives under (default `/demo-api`); also the served document's server URL. */
  basePath?: string;
  /** Enables `/_control/*` (faults, injections, reset, stats, the request log) for tests; off by default. */
  control?: boolean;
  /** The clock for local times; a fixed instant by default so answers are deterministic. */
  now?: () => Date;
}

/** The instant the demo API lives in unless told otherwise: local times never change between runs. */
export const DEMO_NOW = new Date('2026-01-15T12:00:00Z');

/** How many requests the log keeps (a dev server runs for days). */
const MAX_LOGGED_REQUESTS = 10_000;

/** The largest request body the demo API reads. */
const MAX_BODY_BYTES = 65_536;

/** A connect-style request handler; `next` is called for paths outside the API. */
export type DemoHandler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => void;

/** Creates the demo API's request handler, usable by a plain server and as Vite middleware. */
export function createDemoHandler(options: DemoHandlerOptions = {}): DemoHandler & { data: DemoData } {
  const basePath = (options.basePath ?? '/demo-api').replace(/\/$/, '');
  const now = options.now ?? (() => DEMO_NOW);
  const faults = new FaultTable();
  const injections = new InjectionTable();
  const stats: Record<string, number> = {};
  const requests: LoggedRequest[] = [];
  // The document's server URL is relative (`/demo-api` in the file): importers resolve it against
  // the document's own URL, so one document works on any origin. Here it follows the base path.
  const document = { ...openApiDocument, servers: [{ url: basePath === '' ? '/' : basePath }] };
  const control = {
    faults,
    injections,
    stats,
    requests,
    resetData() {
      handler.data = new DemoData();
    },
    replaceTodos(todos: readonly Todo[]) {
      handler.data.replaceTodos(todos);
    },
    addCities(cities: readonly City[]) {
      handler.data.addCities(cities);
    },
    cityIds() {
      return new Set(handler.data.cities.map((city) => city.id));
    },
    addCountries(countries: readonly Country[]) {
      handler.data.addCountries(countries);
    },
    addCurrencies(currencies: readonly AddedCurrency[]) {
      handler.data.addCurrencies(currencies);
    },
    countryCodeOf(text: string) {
      return handler.data.countryCodeOf(text);
    },
    currencyCodeOf(text: string) {
      return handler.data.currencyCodeOf(text);
    },
  };

  const handler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    const method = request.method ?? 'GET';
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      // Under Vite the rest is the app's traffic; on its own server it is a request that missed the API.
      if (next) return next();
      logRequest(method, request.url);
      send(response, 404, { error: `Not found: the demo API lives under ${basePath}` });
      return;
    }
    const path = url.pathname.slice(basePath.length) || '/';
    if (!path.startsWith('/_control/')) logRequest(method, request.url);
    if (method === 'OPTIONS') {
      preflight(path, request.headers['access-control-request-method'], response);
      return;
    }
    readJsonBody(request)
      .then((body) => dispatch(method, path, url.searchParams, body, response))
      .catch((error: unknown) => {
        if (response.headersSent) return;
        if (error instanceof RouteError) send(response, error.status, { error: error.message });
        else send(response, 500, { error: `Demo API bug: ${String(error)}` });
      });
  };

  /** Adds a request to the log, forgetting the oldest past `MAX_LOGGED_REQUESTS`. */
  function logRequest(method: string, url = '/') {
    if (requests.length >= MAX_LOGGED_REQUESTS) requests.shift();
    requests.push({ method, url });
  }

  /** Answers a CORS preflight; a pending `no-cors` fault answers it without CORS headers (and is used up). */
  function preflight(path: string, requested: string | string[] | undefined, response: ServerResponse) {
    let match: ReturnType<typeof matchRoute>;
    try {
      match = typeof requested === 'string' ? matchRoute(requested.toUpperCase(), path) : undefined;
    } catch {
      match = undefined;
    }
    const operationId = match !== undefined && 'route' in match ? match.route.operationId : undefined;
    const blocked = operationId !== undefined && faults.peek(operationId) === 'no-cors';
    if (blocked) faults.take(operationId);
    response.writeHead(204, blocked ? {} : { ...CORS_HEADERS });
    response.end();
  }

  function dispatch(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    response: ServerResponse,
  ) {
    if (path === '/openapi.json' && method === 'GET') return send(response, 200, document);
    if (path.startsWith('/_control/') && options.control === true) {
      const { status, answer } = controlAnswer(control, method, path, body);
      return send(response, status, answer);
    }
    const match = safeMatch(method, path);
    if (match === undefined) {
      return send(response, 404, { error: `No operation ${method} ${path}; see ${basePath}/openapi.json` });
    }
    if ('allow' in match) {
      response.setHeader('allow', match.allow.join(', '));
      return send(response, 405, {
        error: `${method} is not allowed on ${path}; use ${match.allow.join(' or ')}`,
      });
    }
    const { route, params } = match;
    stats[route.operationId] = (stats[route.operationId] ?? 0) + 1;
    const fault = faults.take(route.operationId);
    if (fault !== undefined && fault !== 'no-cors') {
      for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
      return answerWithFault(fault, response);
    }
    const result = answerRoute(route, { params, query, body, now: now() });
    const injection = injections.take(route.operationId);
    const answer = injection === undefined ? result.body : injectText(result.body, injection);
    send(response, result.status, answer, fault !== 'no-cors');
  }

  /** The route's answer; its client errors as `{error}` answers, so an injection can reach them too. */
  function answerRoute(route: Route, request: RouteRequest): RouteResponse {
    try {
      checkQueryNames(request.query, route.query, route.operationId);
      return route.handle(handler.data, request);
    } catch (error) {
      if (!(error instanceof RouteError)) throw error;
      return { status: error.status, body: { error: error.message } };
    }
  }

  handler.data = new DemoData();
  return handler;
}

/** `matchRoute`, with a malformed %-escape in the path reported as a 400. */
function safeMatch(method: string, path: string): ReturnType<typeof matchRoute> {
  try {
    return matchRoute(method, path);
  } catch {
    throw new RouteError('Malformed URL encoding in the path');
  }
}

/** Writes a JSON response, with CORS headers unless told not to. */
function send(response: ServerResponse, status: number, body: unknown, cors = true): void {
  response.writeHead(status, withCors({ 'content-type': 'application/json; charset=utf-8' }, cors));
  response.end(body === undefined ? '' : JSON.stringify(body));
}

/** The request body parsed as JSON (undefined when empty); 413 over 64 KB, 400 when not JSON. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RouteError(`The request body is over ${MAX_BODY_BYTES} bytes`, 413);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new RouteError('The request body must be JSON');
  }
}
