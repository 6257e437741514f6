import { describe, expect, it } from 'vitest';
import { toolResultObservation } from '../../agent/observation.ts';
import {
  apiOrigin,
  expectFailure,
  expectSuccess,
  httpTool,
  param,
  received,
  receivedAt,
  route,
  SECRET,
  serveTestApi,
  signal,
} from '../../testing/http-test-api.ts';
import { type ReceivedRequest, startTestServer } from '../../testing/http-test-server.ts';
import type { SecurityScheme, Tool } from '../tool.ts';
import { type ConfirmationRequest, createHttpExecutor, createMemorySecrets } from './http-executor.ts';

serveTestApi();

describe('createHttpExecutor guards', () => {
  it('refuses a path that climbs out of the server base path, and never sends it', async () => {
    const execute = createHttpExecutor({ tools: [httpTool('escape', 'GET', '/../admin', [])] });
    const failed = expectFailure(await execute({ name: 'escape', arguments: {} }, signal));
    expect(failed.error).toBe(`Refused: ${apiOrigin().slice('http://'.length)} is not a server of this API`);
    expect(received().some((request) => request.url.startsWith('/admin'))).toBe(false);
  });

  it('refuses a server that is not http(s), and keeps an injected URL inside the path', async () => {
    const ftp = httpTool('ftp', 'GET', '/files', [], { servers: ['ftp://files.example.com/pub'] });
    const city = httpTool('city', 'GET', '/cities/{id}', [param('id', 'path', { type: 'string' }, true)]);
    const execute = createHttpExecutor({ tools: [ftp, city] });
    expect(expectFailure(await execute({ name: 'ftp', arguments: {} }, signal)).error).toBe(
      'Refused: files.example.com is not a server of this API',
    );
    const dots = expectFailure(await execute({ name: 'city', arguments: { id: '..' } }, signal));
    expect(dots.error).toMatch(/^Invalid arguments: id/);
    const injected = expectSuccess(
      await execute({ name: 'city', arguments: { id: 'http://evil.example/steal' } }, signal),
    );
    expect(injected.request?.url).toBe(`${apiOrigin()}/v1/cities/http%3A%2F%2Fevil.example%2Fsteal`);
  });

  it('never sends arguments that fail the schema, and says which argument is wrong', async () => {
    const tool = httpTool('order', 'GET', '/cities/{city_id}', [
      param('city_id', 'path', { type: 'integer' }, true),
      param('units', 'query', { type: 'string', enum: ['metric', 'imperial'] }),
    ]);
    const execute = createHttpExecutor({ tools: [tool] });
    const before = received().length;
    const failed = expectFailure(
      await execute({ name: 'order', arguments: { city_id: '12', units: 'kelvin' } }, signal),
    );
    expect(failed.error).toBe(
      'Invalid arguments: city_id: expected integer, got string; units: does not match any of ["metric","imperial"]',
    );
    expect(failed.responseText).toBe('');
    expect(failed.invalidArguments).toBe(true);
    const missing = expectFailure(await execute({ name: 'order', arguments: {} }, signal));
    expect(missing.error).toBe('Invalid arguments: missing required argument "city_id"');
    expect(received().length).toBe(before);
  });

  it('denies a mutating call when no confirm is given, and never sends it', async () => {
    const tool = httpTool('delete_invoice', 'DELETE', '/invoices/{id}', [
      param('id', 'path', { type: 'string' }, true),
    ]);
    const execute = createHttpExecutor({ tools: [tool] });
    const failed = expectFailure(
      await execute({ name: 'delete_invoice', arguments: { id: 'inv-7' } }, signal),
    );
    expect(failed.error).toBe('The user did not allow DELETE /v1/invoices/inv-7');
    expect(receivedAt('/v1/invoices/inv-7')).toHaveLength(0);
  });

  it('sends a mutating call the user confirmed, with a JSON body of the body arguments', async () => {
    const tool = httpTool(
      'create_order',
      'POST',
      '/orders',
      [param('item', 'body', { type: 'string' }, true), param('qty', 'body', { type: 'integer' })],
      { security: [[{ id: 'key', type: 'apiKey', in: 'query', name: 'api_key' }]] },
    );
    const asked: ConfirmationRequest[] = [];
    const execute = createHttpExecutor({
      tools: [tool],
      secrets: createMemorySecrets({ 'Test API': { key: SECRET } }),
      confirm: async (request) => {
        asked.push(request);
        return true;
      },
    });
    const ok = expectSuccess(
      await execute({ name: 'create_order', arguments: { item: 'pen', qty: 2 } }, signal),
    );
    expect(ok.body).toEqual({ done: true });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      method: 'POST',
      url: `${apiOrigin()}/v1/orders?api_key=***`,
      arguments: { item: 'pen' },
    });
    const sent = receivedAt('/v1/orders').at(-1);
    expect(sent?.body).toBe('{"item":"pen","qty":2}');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.url).toBe(`/v1/orders?api_key=${SECRET}`);
  });

  it('denies a mutating call the user refused', async () => {
    const tool = httpTool('delete_invoice', 'DELETE', '/invoices/{id}', [
      param('id', 'path', { type: 'string' }, true),
    ]);
    const execute = createHttpExecutor({ tools: [tool], confirm: async () => false });
    const failed = expectFailure(
      await execute({ name: 'delete_invoice', arguments: { id: 'inv-8' } }, signal),
    );
    expect(failed.error).toBe('The user did not allow DELETE /v1/invoices/inv-8');
    expect(receivedAt('/v1/invoices/inv-8')).toHaveLength(0);
  });

  it('rethrows the AbortError when the caller aborts, before or during the call', async () => {
    const execute = createHttpExecutor({ tools: [httpTool('hang', 'GET', '/hang', [])] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(execute({ name: 'hang', arguments: {} }, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect(execute({ name: 'hang', arguments: {} }, controller.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('secrets', () => {
  const schemes: Record<string, SecurityScheme> = {
    header: { id: 'key', type: 'apiKey', in: 'header', name: 'X-Api-Key' },
    query: { id: 'key', type: 'apiKey', in: 'query', name: 'api_key' },
    bearer: { id: 'key', type: 'http', scheme: 'bearer' },
  };
  const secrets = createMemorySecrets({ 'Test API': { key: SECRET } });

  it.each([
    ['header', (request: ReceivedRequest) => request.headers['x-api-key']],
    ['query', (request: ReceivedRequest) => new URL(request.url, apiOrigin()).searchParams.get('api_key')],
    ['bearer', (request: ReceivedRequest) => request.headers.authorization?.replace('Bearer ', '')],
  ] as const)(
    'applies a %s secret and keeps it out of the result even when the API echoes it',
    async (kind, sentKey) => {
      const security = [[schemes[kind] as SecurityScheme]];
      const echo = httpTool('echo', 'GET', '/echo', [], { security });
      const denied = httpTool('denied', 'GET', '/echo-denied', [], { security });
      const execute = createHttpExecutor({ tools: [echo, denied], secrets });
      const ok = expectSuccess(await execute({ name: 'echo', arguments: {} }, signal));
      expect(sentKey(received().at(-1) as ReceivedRequest)).toBe(SECRET);
      expect(JSON.stringify(ok)).not.toContain(SECRET);
      expect(toolResultObservation(ok)).toContain('your key is ***');
      if (kind === 'query') expect(ok.request?.url).toBe(`${apiOrigin()}/v1/echo?api_key=***`);
      const failed = expectFailure(await execute({ name: 'denied', arguments: {} }, signal));
      expect(failed.status).toBe(401);
      expect(JSON.stringify(failed)).not.toContain(SECRET);
      expect(failed.responseText).toContain('key *** is not valid');
    },
  );

  it('keeps secrets out of network error messages', async () => {
    const tool = httpTool('echo', 'GET', '/echo', [], { security: [[schemes.query as SecurityScheme]] });
    const execute = createHttpExecutor({
      tools: [tool],
      secrets,
      fetch: async (input) => {
        throw new Error(`socket hang up while fetching ${String(input)}`);
      },
    });
    const failed = expectFailure(await execute({ name: 'echo', arguments: {} }, signal));
    expect(failed.error).toBe(
      `Network error: socket hang up while fetching ${apiOrigin()}/v1/echo?api_key=***`,
    );
  });

  it('tells the user which secret to set when it is missing, and sends nothing', async () => {
    const tool = httpTool('echo', 'GET', '/echo', [], { security: [[schemes.bearer as SecurityScheme]] });
    const before = received().length;
    const execute = createHttpExecutor({ tools: [tool], secrets: createMemorySecrets() });
    const failed = expectFailure(await execute({ name: 'echo', arguments: {} }, signal));
    expect(failed.error).toBe('Missing secret: set "key" (bearer token) for Test API in the tool settings');
    expect(received().length).toBe(before);
  });
});

describe('network failures', () => {
  it('explains a TypeError on a cross-origin URL as CORS', async () => {
    const execute = createHttpExecutor({
      tools: [httpTool('city', 'GET', '/cities/1', [], { servers: ['https://api.example.com/v1'] })],
      pageOrigin: 'https://app.example.org',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const failed = expectFailure(await execute({ name: 'city', arguments: {} }, signal));
    expect(failed.error).toBe(
      'Could not reach https://api.example.com: the browser blocked the response (CORS). The API must send ' +
        '"Access-Control-Allow-Origin: https://app.example.org" (or *), or be served from the same origin as this page.',
    );
  });

  it('reports other network errors with their cause', async () => {
    const closed = await startTestServer(route);
    await closed.close();
    const execute = createHttpExecutor({
      tools: [httpTool('city', 'GET', '/cities/1', [], { servers: [`${closed.origin}/v1`] })],
    });
    const failed = expectFailure(await execute({ name: 'city', arguments: {} }, signal));
    expect(failed.error).toMatch(/^Network error: fetch failed \(.*ECONNREFUSED/);
  });

  it('fails unknown tools and tools without an HTTP binding', async () => {
    const local: Tool = { ...httpTool('local', 'GET', '/x', []) };
    delete local.http;
    const execute = createHttpExecutor({ tools: [local] });
    expect(expectFailure(await execute({ name: 'nope', arguments: {} }, signal)).error).toBe(
      'Unknown tool: nope',
    );
    expect(expectFailure(await execute({ name: 'local', arguments: {} }, signal)).error).toBe(
      'local is not an HTTP tool',
    );
  });
});
