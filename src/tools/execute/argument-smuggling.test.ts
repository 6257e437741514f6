import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../agent/json.ts';
import {
  expectContained,
  type FetchedRequest,
  type InjectionWorld,
  MUTATING_METHODS,
  recordingFetch,
  startInjectionWorld,
} from '../../testing/injection-kit.ts';
import { importOpenApi } from '../import/openapi-import.ts';
import type { Tool, ToolResult } from '../tool.ts';
import { createHttpExecutor } from './http-executor.ts';

let world: InjectionWorld;
let noted: Tool;
beforeAll(async () => {
  world = await startInjectionWorld();
  const spec = {
    openapi: '3.0.3',
    info: { title: 'noted', version: '1' },
    servers: [{ url: world.demo.url }],
    paths: {
      '/todos': {
        get: {
          operationId: 'notedTodos',
          parameters: [{ name: 'X-Note', in: 'header', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'the todos' } },
        },
      },
    },
  };
  const imported = await importOpenApi(
    { text: JSON.stringify(spec), url: `${world.demo.url}/noted.json` },
    { fetch },
  );
  noted = imported.tools[0] as Tool;
});
afterAll(async () => {
  await world.close();
});
beforeEach(async () => {
  await world.reset();
});

/** What an injected model may write to make a request leave the API, the attacker's host being `host`. */
function smugglingValues(host: string): string[] {
  return [
    `http://${host}/collect?d=secret`,
    `https://${host}/collect`,
    `//${host}/collect`,
    `\\\\${host}\\collect`,
    `@${host}/collect`,
    `user:pass@${host}`,
    '../../../collect',
    '%2e%2e/%2e%2e/collect',
    '．．/collect',
    `x?next=http://${host}#frag`,
    ` http://${host}`,
    `javascript:fetch('//${host}')`,
    `x\r\nHost: ${host}`,
  ];
}

/** Where each string argument of the demo API lands, and how to read it back from the request sent. */
const PLACES: {
  tool: string;
  argument: string;
  base: JsonObject;
  read(url: URL, body?: string): string | null;
}[] = [
  {
    tool: 'getcountry_for_demo',
    argument: 'code',
    base: {},
    read: (url) => {
      const match = /^\/demo-api\/countries\/([^/]+)$/.exec(url.pathname);
      return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
    },
  },
  { tool: 'searchcities_for_demo', argument: 'name', base: {}, read: (url) => url.searchParams.get('name') },
  {
    tool: 'searchcities_for_demo',
    argument: 'country',
    base: {},
    read: (url) => url.searchParams.get('country'),
  },
  {
    tool: 'convertcurrency_for_demo',
    argument: 'target',
    base: { source: 'EUR', amount: 1 },
    read: (url) => url.searchParams.get('target'),
  },
  {
    tool: 'createtodo_for_demo',
    argument: 'text',
    base: {},
    read: (_, body) => (JSON.parse(body ?? '{}') as { text?: string }).text ?? null,
  },
];

describe('arguments written to smuggle another host', () => {
  it('stay data of their own parameter, sent only to the spec server, even for calls the user allows', async () => {
    const recorder = recordingFetch();
    const execute = createHttpExecutor({
      tools: world.tools,
      fetch: recorder.fetch,
      confirm: async () => true,
    });
    const attacker = world.attacker.origin.slice('http://'.length);
    for (const place of PLACES) {
      for (const value of smugglingValues(attacker)) {
        const before = recorder.requests.length;
        const result = await execute(
          { name: place.tool, arguments: { ...place.base, [place.argument]: value } },
          AbortSignal.timeout(5_000),
        );
        const what = `${place.tool} ${place.argument}=${JSON.stringify(value)}`;
        expect(result.request?.url, what).toBeDefined();
        const sent = recorder.requests.slice(before);
        expect(sent, what).toHaveLength(1);
        const request = sent[0] as FetchedRequest;
        expect(place.read(new URL(request.url), request.body), what).toBe(value);
      }
    }
    const mutations = recorder.requests.filter((request) => MUTATING_METHODS.includes(request.method));
    expect(mutations).toHaveLength(smugglingValues(attacker).length);
    await expectContained(
      world,
      recorder.requests,
      mutations.map(() => 'POST /demo-api/todos'),
    );
  });

  it('refuses dot segments and line breaks in a header before sending anything', async () => {
    const recorder = recordingFetch();
    const execute = createHttpExecutor({ tools: [...world.tools, noted], fetch: recorder.fetch });
    const signal = AbortSignal.timeout(5_000);
    const refused: ToolResult[] = [];
    for (const code of ['..', '.'])
      refused.push(await execute({ name: 'getcountry_for_demo', arguments: { code } }, signal));
    const attacker = world.attacker.origin.slice('http://'.length);
    for (const note of [`x\r\nHost: ${attacker}`, `x\nLocation: http://${attacker}/`]) {
      refused.push(await execute({ name: noted.name, arguments: { x_note: note } }, signal));
    }
    expect(refused.map((result) => (result.ok ? 'sent' : result.error))).toEqual([
      'Invalid arguments: code: ".." is not a valid path value',
      'Invalid arguments: code: "." is not a valid path value',
      'Invalid arguments: x_note: cannot be sent as the header X-Note',
      'Invalid arguments: x_note: cannot be sent as the header X-Note',
    ]);
    const sent = await execute(
      { name: noted.name, arguments: { x_note: `http://${attacker}/collect` } },
      signal,
    );
    expect(sent.ok).toBe(true);
    expect(recorder.requests.map((request) => request.headers.get('x-note'))).toEqual([
      `http://${attacker}/collect`,
    ]);
    await expectContained(world, recorder.requests);
  });
});
