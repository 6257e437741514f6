import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importOpenApi } from './openapi-import.ts';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/openapi/', import.meta.url));

/** A fetch that serves `files` (URL → text) and answers 404 otherwise, recording what was asked. */
function fakeFetch(files: Record<string, string>): typeof fetch & { asked: string[] } {
  const asked: string[] = [];
  const fake = async (input: string | URL | Request) => {
    const url = String(input);
    asked.push(url);
    const body = files[url];
    return body === undefined
      ? new Response('missing', { status: 404, statusText: 'Not Found' })
      : new Response(body);
  };
  return Object.assign(fake as typeof fetch, { asked });
}

const API_URL = 'https://api.example.com/specs/openapi.yaml';
const minimal = (extra: string) =>
  `openapi: 3.0.3\ninfo: {title: Demo, version: '1'}\n${extra}\npaths:\n  /things/{id}:\n    get:\n      operationId: getThing\n      responses: {'200': {description: ok}}\n`;

describe('importOpenApi through an injected world (as in the page)', () => {
  it('resolves relative servers against the document URL and drops trailing slashes', async () => {
    const servers = "servers: [{url: /v2}, {url: 'https://other.example.com/x/'}]";
    const result = await importOpenApi(
      { url: API_URL },
      { fetch: fakeFetch({ [API_URL]: minimal(servers) }) },
    );
    expect(result.tools[0]?.http?.servers).toEqual([
      'https://api.example.com/v2',
      'https://other.example.com/x',
    ]);
  });

  it('uses the document origin when a web document has no servers', async () => {
    const result = await importOpenApi({ text: minimal(''), url: API_URL });
    expect(result.tools[0]?.http?.servers).toEqual(['https://api.example.com']);
  });

  it('takes a Swagger 2.0 host and scheme from the document URL when they are missing', async () => {
    const text = JSON.stringify({
      swagger: '2.0',
      info: { title: 'S', version: '1' },
      basePath: '/v1',
      paths: { '/a': { get: { operationId: 'a', responses: { 200: { description: 'ok' } } } } },
    });
    const result = await importOpenApi({ text, url: 'http://legacy.example.com/swagger.json' });
    expect(result.tools[0]?.http?.servers).toEqual(['http://legacy.example.com/v1']);
  });

  it('fetches multi-file documents through the injected fetch, relative to each file', async () => {
    const base = 'https://files.example.com/petstore/';
    const names = [
      'spec/swagger.yaml',
      'spec/parameters.yaml',
      'spec/Pet.yaml',
      'spec/NewPet.yaml',
      'common/Error.yaml',
    ];
    const files: Record<string, string> = {};
    for (const name of names)
      files[`${base}${name}`] = await readFile(`${FIXTURES}examples/v2.0_petstore-separate/${name}`, 'utf8');
    const fetcher = fakeFetch(files);
    const result = await importOpenApi({ url: `${base}spec/swagger.yaml` }, { fetch: fetcher });
    expect(result.problems).toEqual([]);
    expect(result.tools).toHaveLength(4);
    expect([...new Set(fetcher.asked)].sort()).toEqual(names.map((name) => `${base}${name}`).sort());
  });

  it('reports a document that cannot be fetched', async () => {
    const result = await importOpenApi({ url: API_URL }, { fetch: fakeFetch({}) });
    expect(result.problems).toEqual([
      {
        severity: 'error',
        location: 'openapi.yaml',
        message: 'cannot read the document: HTTP 404 Not Found',
      },
    ]);
  });

  it('explains that text given without a URL cannot reach relative files', async () => {
    const text = minimal('components: {schemas: {Thing: {$ref: "thing.yaml"}}}');
    const result = await importOpenApi({ text });
    expect(result.problems).toContainEqual({
      severity: 'error',
      location: 'components.schemas.Thing',
      message: expect.stringMatching(
        /^unresolvable \$ref "thing\.yaml": cannot read .*given as text without a URL/,
      ),
    });
  });

  it('refuses a relative path, which it cannot place', async () => {
    const result = await importOpenApi({ url: 'specs/api.yaml' });
    expect(result.problems[0]?.message).toBe('"specs/api.yaml" is neither a URL nor an absolute file path');
  });

  it('locates JSON errors that the engine reports without a position', async () => {
    const result = await importOpenApi({ text: '{\n  "openapi": tru\n}' });
    expect(result.problems).toEqual([
      {
        severity: 'error',
        location: 'document:2:17',
        message: "invalid JSON: Unexpected token '\\n' (line 2, column 17)",
      },
    ]);
  });
});

describe('importOpenApi on tricky but valid documents', () => {
  it('cuts a recursive schema with a note instead of looping, and follows a $ref into another file', async () => {
    const result = await importOpenApi(
      { url: `${FIXTURES}edge/recursive-schema.yaml` },
      { readFile: (path) => readFile(path, 'utf8') },
    );
    const [create, get] = result.tools;
    expect(create?.parameters).toMatchObject({
      properties: {
        children: {
          type: 'array',
          items: { $comment: 'recursive $ref "#/components/schemas/Node" not expanded again' },
        },
      },
      required: ['label'],
    });
    expect(get?.http?.parameters[0]).toMatchObject({
      name: 'id',
      argument: 'is_id',
      in: 'path',
      schema: { type: 'string', format: 'uuid' },
    });
    expect(result.problems.map((problem) => `${problem.severity} ${problem.location}`)).toEqual([
      'warning paths./trees.post',
      'warning servers[0]',
    ]);
  });

  it('maps API keys, bearer and basic auth, and warns about schemes it cannot apply', async () => {
    const text = `openapi: 3.0.3
info: {title: Secure, version: '1'}
servers: [{url: 'https://secure.example.com'}]
security: [{key: []}, {oauth: []}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
    token: {type: http, scheme: Bearer}
    login: {type: http, scheme: basic}
    oauth: {type: oauth2, flows: {}}
paths:
  /a: {get: {operationId: a, responses: {'200': {description: ok}}}}
  /b: {get: {operationId: b, security: [{token: [], key: []}, {login: []}, {}], responses: {'200': {description: ok}}}}
`;
    const result = await importOpenApi({ text });
    expect(result.tools[0]?.http?.security).toEqual([
      [{ id: 'key', type: 'apiKey', in: 'header', name: 'X-Api-Key' }],
    ]);
    expect(result.tools[1]?.http?.security).toEqual([
      [
        { id: 'token', type: 'http', scheme: 'bearer' },
        { id: 'key', type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      ],
      [{ id: 'login', type: 'http', scheme: 'basic' }],
      [],
    ]);
    expect(result.problems).toContainEqual({
      severity: 'warning',
      location: 'security[1]',
      message: 'security scheme "oauth" uses "oauth2" authentication, which umi cannot apply',
    });
  });

  it('renames clashing arguments and adds path variables that no parameter describes', async () => {
    const text = `openapi: 3.0.3
info: {title: Clash, version: '1'}
servers: [{url: 'https://clash.example.com'}]
paths:
  /users/{id}/posts/{postId}:
    get:
      operationId: listPosts
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: ID, in: query, schema: {type: string}}
      responses: {'200': {description: ok}}
`;
    const result = await importOpenApi({ text });
    expect(
      result.tools[0]?.http?.parameters.map(
        (parameter) => `${parameter.name}->${parameter.argument}:${parameter.in}`,
      ),
    ).toEqual(['id->is_id:path', 'ID->is_id_query:query', 'postId->postid:path']);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'path "/users/{id}/posts/{postId}" has {postId} but no parameter describes it; it is added as a required string',
      'argument name "is_id" is already taken in this operation; this one is called "is_id_query"',
    ]);
  });
});
