import { describe, expect, it } from 'vitest';
import { toolResultObservation } from '../../agent/observation.ts';
import {
  apiOrigin,
  expectFailure,
  expectSuccess,
  httpTool,
  param,
  received,
  serveTestApi,
  signal,
} from '../../testing/http-test-api.ts';
import { createHttpExecutor } from './http-executor.ts';

serveTestApi();

describe('createHttpExecutor against a real HTTP server', () => {
  it('places path and query arguments, repeating arrays, and maps argument names to API names', async () => {
    const tool = httpTool('city_weather', 'GET', '/cities/{city_id}/weather', [
      param('city_id', 'path', { type: 'string' }, true),
      param('units', 'query', { type: 'string' }),
      param('tag', 'query', { type: 'array', items: { type: 'string' } }),
      { name: 'from', argument: 'is_from', in: 'query', required: false, schema: { type: 'string' } },
    ]);
    const execute = createHttpExecutor({ tools: [tool] });
    const result = await execute(
      {
        name: 'city_weather',
        arguments: { city_id: 'São Paulo/1', units: 'metric & more', tag: ['a', 'b'], is_from: 'x' },
      },
      signal,
    );
    const ok = expectSuccess(result);
    const url = '/v1/cities/S%C3%A3o%20Paulo%2F1/weather?units=metric%20%26%20more&tag=a&tag=b&from=x';
    expect(ok).toMatchObject({ status: 200, isJson: true, body: { url } });
    expect(ok.request).toEqual({ method: 'GET', url: `${apiOrigin()}${url}` });
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends header arguments, and cookie arguments as a Cookie header outside browsers', async () => {
    const tool = httpTool('echo', 'GET', '/echo', [
      param('X-Request-Id', 'header', { type: 'string' }),
      param('session', 'cookie', { type: 'string' }),
    ]);
    const execute = createHttpExecutor({ tools: [tool] });
    expectSuccess(
      await execute({ name: 'echo', arguments: { 'X-Request-Id': 'r-1', session: 'a b' } }, signal),
    );
    const sent = received().at(-1);
    expect(sent?.headers['x-request-id']).toBe('r-1');
    expect(sent?.headers.cookie).toBe('session=a%20b');
  });

  it('returns JSON bodies parsed, other bodies as text, and invalid JSON as text', async () => {
    const tools = [
      httpTool('text', 'GET', '/text', []),
      httpTool('broken', 'GET', '/broken-json', []),
      httpTool('city', 'GET', '/cities/1', []),
    ];
    const execute = createHttpExecutor({ tools });
    expect(await execute({ name: 'text', arguments: {} }, signal)).toMatchObject({
      ok: true,
      body: 'plain words',
      isJson: false,
    });
    expect(await execute({ name: 'broken', arguments: {} }, signal)).toMatchObject({
      ok: true,
      body: '{"a": ',
      isJson: false,
    });
    expect(await execute({ name: 'city', arguments: {} }, signal)).toMatchObject({ ok: true, isJson: true });
  });

  it('turns a 500 into a failure carrying the status and the body text', async () => {
    const execute = createHttpExecutor({ tools: [httpTool('fail', 'GET', '/fail', [])] });
    const failed = expectFailure(await execute({ name: 'fail', arguments: {} }, signal));
    expect(failed).toMatchObject({
      status: 500,
      error: 'HTTP 500 Internal Server Error',
      responseText: 'database exploded',
    });
    expect(failed.request?.url).toBe(`${apiOrigin()}/v1/fail`);
    expect(toolResultObservation(failed)).toBe(
      '{"error": "HTTP 500 Internal Server Error", "response": "database exploded"}',
    );
  });

  it('fails with "Timed out" when the server never answers', async () => {
    const execute = createHttpExecutor({ tools: [httpTool('hang', 'GET', '/hang', [])], timeoutMs: 200 });
    const started = Date.now();
    const failed = expectFailure(await execute({ name: 'hang', arguments: {} }, signal));
    expect(failed.error).toBe('Timed out after 0.2 s');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('caps a 5 MB body at the byte limit without hanging, and marks it cut', async () => {
    const execute = createHttpExecutor({ tools: [httpTool('big', 'GET', '/big', [])] });
    const ok = expectSuccess(await execute({ name: 'big', arguments: {} }, signal));
    const body = ok.body as string;
    expect(body.startsWith('x'.repeat(1000))).toBe(true);
    expect(body.length).toBeLessThan(2 * 1024 * 1024 + 100);
    expect(body.endsWith('[response cut: it is larger than 2 MB]')).toBe(true);
  });

  it('stops reading an endless body at the cap', async () => {
    const execute = createHttpExecutor({
      tools: [httpTool('endless', 'GET', '/endless', [])],
      maxBodyBytes: 100_000,
    });
    const ok = expectSuccess(await execute({ name: 'endless', arguments: {} }, signal));
    expect((ok.body as string).length).toBeLessThan(100_100);
  });

  it('decodes invalid UTF-8 with replacement characters', async () => {
    const execute = createHttpExecutor({ tools: [httpTool('latin1', 'GET', '/latin1', [])] });
    expect(await execute({ name: 'latin1', arguments: {} }, signal)).toMatchObject({
      body: 'a\uFFFD\uFFFDb',
    });
  });
});
