import { describe, expect, it } from 'vitest';
import type { HttpBinding, HttpParameter } from '../tool.ts';
import { buildRequest, type PreparedRequest } from './build-request.ts';

const server = new URL('https://api.example.com/v2');

function binding(
  method: string,
  path: string,
  parameters: HttpParameter[],
  bodyContentType?: string,
): HttpBinding {
  const http: HttpBinding = { method, path, servers: [server.href], parameters, security: [] };
  if (bodyContentType !== undefined) http.bodyContentType = bodyContentType;
  return http;
}

function p(name: string, where: HttpParameter['in'], argument = name, required = false): HttpParameter {
  return { name, argument, in: where, required, schema: {} };
}

function built(result: ReturnType<typeof buildRequest>): PreparedRequest {
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

describe('buildRequest', () => {
  it('joins the server base path and the expanded path, encoding path values', () => {
    const request = built(
      buildRequest(
        binding('get', '/users/{id}/files/{name}', [p('id', 'path'), p('name', 'path')]),
        { id: 7, name: 'a b?c' },
        server,
      ),
    );
    expect(request.method).toBe('GET');
    expect(request.url.href).toBe('https://api.example.com/v2/users/7/files/a%20b%3Fc');
  });

  it('puts header arguments in headers and cookie arguments aside, under their API names', () => {
    const request = built(
      buildRequest(
        binding('GET', '/me', [p('X-Trace', 'header', 'trace'), p('session', 'cookie')]),
        { trace: 'abc', session: 's1' },
        server,
      ),
    );
    expect(request.headers.get('x-trace')).toBe('abc');
    expect(request.cookies).toEqual([['session', 's1']]);
  });

  it('skips absent optional arguments and null query values', () => {
    const request = built(
      buildRequest(binding('GET', '/search', [p('q', 'query'), p('page', 'query')]), { q: null }, server),
    );
    expect(request.url.search).toBe('');
  });

  it('refuses a missing required path value, a dot segment and a header with a line break', () => {
    const http = binding('GET', '/users/{id}', [p('id', 'path', 'id', true), p('X-A', 'header', 'a')]);
    expect(buildRequest(http, {}, server)).toEqual({ ok: false, error: 'missing required argument "id"' });
    expect(buildRequest(http, { id: '.' }, server)).toMatchObject({ ok: false });
    expect(buildRequest(http, { id: 1, a: 'x\r\nHost: evil' }, server)).toMatchObject({ ok: false });
  });

  it('sends body arguments as a JSON object, or the whole body for a parameter with an empty API name', () => {
    const object = built(
      buildRequest(
        binding('POST', '/pets', [p('name', 'body'), p('kind', 'body', 'is_kind')]),
        { name: 'Rex', is_kind: 'dog' },
        server,
      ),
    );
    expect(object.body).toBe('{"name":"Rex","kind":"dog"}');
    expect(object.headers.get('content-type')).toBe('application/json');
    const whole = built(
      buildRequest(binding('PUT', '/tags', [p('', 'body', 'body')]), { body: ['a', 'b'] }, server),
    );
    expect(whole.body).toBe('["a","b"]');
  });

  it('form-encodes urlencoded bodies and builds FormData for multipart ones', () => {
    const form = built(
      buildRequest(
        binding('POST', '/f', [p('a', 'body'), p('b', 'body')], 'application/x-www-form-urlencoded'),
        { a: 'x y', b: [1, 2] },
        server,
      ),
    );
    expect(form.body).toBe('a=x%20y&b=1&b=2');
    const multipart = built(
      buildRequest(binding('POST', '/m', [p('a', 'body')], 'multipart/form-data'), { a: 'v' }, server),
    );
    expect(multipart.body).toBeInstanceOf(FormData);
    expect(multipart.headers.has('content-type')).toBe(false);
  });

  it('sends no body with GET', () => {
    const request = built(buildRequest(binding('GET', '/x', [p('a', 'body')]), { a: 1 }, server));
    expect(request.body).toBeUndefined();
  });
});
