import type { IncomingMessage, ServerResponse } from 'node:http';
import { DemoData } from './demo-data.ts';
import { answerWithFault, FAULT_KINDS, type FaultKind, FaultTable } from './faults.ts';
import openApiDocument from './openapi.json' with { type: 'json' };
import { matchRoute } from './routes.ts';

/** Options of the demo API handler. */
export interface DemoHandlerOptions {
  /** Path prefix the API lives under; also written as the served document's server URL. */
  basePath?: string;
  /** Enables `/_control/*` (faults, reset, stats) for tests. */
  control?: boolean;
  /** The clock for local times; a fixed instant by default so answers are deterministic. */
  now?: () => Date;
}

/** The instant the demo API lives in unless told otherwise: local times never change between runs. */
export const DEMO_NOW = new Date('2026-01-15T12:00:00Z');

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, x-api-key',
  'cross-origin-resource-policy': 'cross-origin',
};

/** A connect-style request handler; `next` is called for paths outside the API. */
export type DemoHandler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => void;

/** Creates the demo API's request handler, usable by a plain server and as Vite middleware. */
export function createDemoHandler(options: DemoHandlerOptions = {}): DemoHandler & { data: DemoData } {
  const basePath = (options.basePath ?? '/demo-api').replace(/\/$/, '');
  const now = options.now ?? (() => DEMO_NOW);
  const faults = new FaultTable();
  const stats: Record<string, number> = {};
  let data = new DemoData();
  const document = { ...openApiDocument, servers: [{ url: basePath === '' ? '/' : basePath }] };

  const handler = (request: IncomingMessage, response: ServerResponse, next?: () => void) => {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
      if (next) next();
      else send(response, 404, { error: `Not found: the demo API lives under ${basePath}` });
      return;
    }
    const path = url.pathname.slice(basePath.length) || '/';
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS_HEADERS);
      response.end();
      return;
    }
    void readJsonBody(request).then(
      (body) => {
        if (path === '/openapi.json' && request.method === 'GET') {
          send(response, 200, document);
          return;
        }
        if (path.startsWith('/_control/') && options.control === true) {
          control(path, body, response);
          return;
        }
        let match: ReturnType<typeof matchRoute>;
        try {
          match = matchRoute(request.method ?? 'GET', path);
        } catch {
          send(response, 400, { error: 'Malformed URL encoding in the path' });
          return;
        }
        if (!match)
          return send(response, 404, {
            error: `No operation ${request.method} ${path}; see ${basePath}/openapi.json`,
          });
        const { route, params } = match;
        stats[route.operationId] = (stats[route.operationId] ?? 0) + 1;
        const fault = faults.take(route.operationId);
        if (fault !== undefined && fault !== 'no-cors') {
          for (const [name, value] of Object.entries(CORS_HEADERS)) response.setHeader(name, value);
          answerWithFault(fault, response);
          return;
        }
        const result = route.handle(data, { params, query: url.searchParams, body, now: now() });
        send(response, result.status, result.body, fault !== 'no-cors');
      },
      () => send(response, 400, { error: 'The request body must be JSON' }),
    );
  };

  /** The test-only control endpoints. */
  function control(path: string, body: unknown, response: ServerResponse): void {
    const { status, answer } = controlAnswer(path, body);
    send(response, status, answer);
  }

  function controlAnswer(path: string, body: unknown): { status: number; answer: unknown } {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (path === '/_control/reset') {
      data = new DemoData();
      handler.data = data;
      faults.clear();
      for (const key of Object.keys(stats)) delete stats[key];
      return { status: 200, answer: { reset: true } };
    }
    if (path === '/_control/stats') return { status: 200, answer: stats };
    if (path !== '/_control/fault') return { status: 404, answer: { error: `No control endpoint ${path}` } };
    const kind = input.kind as FaultKind;
    if (typeof input.operation !== 'string' || !FAULT_KINDS.includes(kind)) {
      return {
        status: 400,
        answer: { error: `Give {"operation": operationId, "kind": one of ${FAULT_KINDS.join(', ')}}` },
      };
    }
    const times = typeof input.times === 'number' && input.times > 0 ? Math.floor(input.times) : 1;
    faults.add(input.operation, kind, times);
    return { status: 200, answer: { operation: input.operation, kind, times } };
  }

  handler.data = data;
  return handler;
}

/** Writes a JSON response, with CORS headers unless told not to. */
function send(response: ServerResponse, status: number, body: unknown, cors = true): void {
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    ...(cors ? CORS_HEADERS : {}),
  };
  response.writeHead(status, headers);
  response.end(body === undefined ? '' : JSON.stringify(body));
}

/** The request body parsed as JSON (undefined when empty); rejects bodies over 64 KB or not JSON. */
async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 65_536) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text === '' ? undefined : JSON.parse(text);
}
