// Test helper (Node only): a demo API on a real local HTTP server, and tools bound to it.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { JsonObject } from '../agent/json.ts';
import type { HttpParameter, SecurityScheme, Tool, ToolResult } from '../tools/tool.ts';
import { type ReceivedRequest, startTestServer, type TestServer } from './http-test-server.ts';

/** The API key the tests store; it must never show in a result. */
export const SECRET = 'sk-live-9f8e7d6c5b4a';

/** An HTTP parameter whose argument name is its API name. */
export function param(
  name: string,
  where: HttpParameter['in'],
  schema: JsonObject,
  required = false,
): HttpParameter {
  return { name, argument: name, in: where, required, schema };
}

/** A tool bound to the test server (unless `servers` says otherwise). */
export function httpTool(
  name: string,
  method: string,
  path: string,
  parameters: HttpParameter[],
  extra: { servers?: string[]; security?: SecurityScheme[][]; mutating?: boolean; schema?: JsonObject } = {},
): Tool {
  const properties: JsonObject = {};
  for (const parameter of parameters) properties[parameter.argument] = parameter.schema;
  const required = parameters
    .filter((parameter) => parameter.required)
    .map((parameter) => parameter.argument);
  return {
    name,
    description: name,
    parameters: extra.schema ?? { type: 'object', properties, required },
    doc: { Name: name, function: name, input: {} },
    mutating: extra.mutating ?? (method !== 'GET' && method !== 'HEAD'),
    api: 'Test API',
    http: {
      method,
      path,
      servers: extra.servers ?? [`${origin}/v1`],
      parameters,
      security: extra.security ?? [],
    },
  };
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

/** The demo routes; `/echo` answers with what it received, secrets included, as APIs sometimes do. */
export function route(request: ReceivedRequest, response: ServerResponse): void {
  const path = request.url.split('?')[0] ?? '';
  if (path.startsWith('/v1/cities/')) json(response, 200, { url: request.url });
  else if (path === '/v1/text') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('plain words');
  } else if (path === '/v1/broken-json') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"a": ');
  } else if (path === '/v1/fail') {
    response.writeHead(500, 'Internal Server Error', { 'content-type': 'text/plain' });
    response.end('database exploded');
  } else if (path === '/v1/hang') {
    // Never answers.
  } else if (path === '/v1/big') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('x'.repeat(5 * 1024 * 1024));
  } else if (path === '/v1/endless') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => response.write('y'.repeat(64 * 1024)), 1);
    response.on('close', () => clearInterval(timer));
  } else if (path === '/v1/latin1') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(Buffer.from([0x61, 0xff, 0xfe, 0x62]));
  } else if (path === '/v1/echo')
    json(response, 200, { url: request.url, headers: request.headers, note: `your key is ${SECRET}` });
  else if (path === '/v1/echo-denied') {
    response.writeHead(401, 'Unauthorized', { 'content-type': 'text/plain' });
    response.end(`key ${SECRET} is not valid; header was ${request.headers.authorization ?? ''}`);
  } else if (path.startsWith('/v1/invoices/') || path === '/v1/orders') json(response, 200, { done: true });
  else json(response, 404, { error: 'no route' });
}

let server: TestServer;
let origin = '';

/** Starts the test server before the file's tests and closes it after them. */
export function serveTestApi(): void {
  beforeAll(async () => {
    server = await startTestServer(route);
    origin = server.origin;
  });
  afterAll(async () => {
    await server.close();
  });
}

/** The test server's origin, e.g. `http://127.0.0.1:41234`. */
export function apiOrigin(): string {
  return origin;
}

/** Every request the test server received so far. */
export function received(): ReceivedRequest[] {
  return server.received;
}

/** The requests the server received whose URL starts with `path`. */
export function receivedAt(path: string): ReceivedRequest[] {
  return server.received.filter((request) => request.url.startsWith(path));
}

/** The result as a failure, or the test fails. */
export function expectFailure(result: ToolResult): Extract<ToolResult, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.body)}`);
  return result;
}

/** The result as a success, or the test fails. */
export function expectSuccess(result: ToolResult): Extract<ToolResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a success, got ${result.error}`);
  return result;
}

/** A signal that never aborts. */
export const signal = new AbortController().signal;
