import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../agent/events.ts';
import { runAgent } from '../../agent/run-agent.ts';
import { drain, scriptedModel } from '../../testing/agent-test-kit.ts';
import { importOpenApi } from '../import/openapi-import.ts';
import { createHttpExecutor, createMemorySecrets } from './http-executor.ts';

const HEADER_KEY = 'sk-live-7Hq2vX9pLm4Rt8Zw';
const QUERY_KEY = 'qk-5Nd3Jf8Ks2Lp0Vb6';

let server: Server;
let origin = '';
const received: string[] = [];

/** An API that echoes its credentials back in bodies, errors and URLs, as careless APIs do. */
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const key = String(request.headers['x-api-key'] ?? '');
    received.push(`${key} ${url.searchParams.get('api_key') ?? ''}`);
    if (url.pathname === '/account') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ owner: 'ada', your_key: key, note: `Authenticated with ${key}` }));
    } else if (url.pathname === '/broken') {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(`Key ${key} is revoked (base64: ${Buffer.from(key).toString('base64')})`);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ url: request.url, query_key: url.searchParams.get('api_key') }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

function spec(): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'vault', version: '1' },
    servers: [{ url: origin }],
    components: {
      securitySchemes: {
        headerKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        queryKey: { type: 'apiKey', in: 'query', name: 'api_key' },
      },
    },
    security: [{ headerKey: [] }],
    paths: {
      '/account': { get: { operationId: 'getAccount', responses: { '200': { description: 'ok' } } } },
      '/broken': { get: { operationId: 'getBroken', responses: { '200': { description: 'ok' } } } },
      '/search': {
        get: {
          operationId: 'search',
          security: [{ queryKey: [] }],
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  });
}

describe('secrets', () => {
  it('never appear in prompts, events, the serialized trajectory or errors, even when the API echoes them', async () => {
    const { tools, problems } = await importOpenApi({ text: spec(), url: `${origin}/openapi.json` }, {});
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const planner = await scriptedModel('planner', [
      'Read the account. Next: caller.',
      'Try the broken one. Next: caller.',
      'Search too. Next: caller.',
      'Done. Next: conclusion.',
    ]);
    const caller = await scriptedModel('caller', [
      'Action: getaccount_for_vault\nAction Input: {}',
      'Action: getbroken_for_vault\nAction Input: {}',
      'Action: search_for_vault\nAction Input: {"q": "ada"}',
    ]);
    const summarizer = await scriptedModel('summarizer', ['The account belongs to ada.']);
    const execute = createHttpExecutor({
      tools,
      fetch,
      secrets: createMemorySecrets({ vault: { headerKey: HEADER_KEY, queryKey: QUERY_KEY } }),
    });
    const { events, trajectory } = await drain(
      runAgent({ task: 'Who owns my account?', tools, roles: { planner, caller, summarizer }, execute }),
    );

    // The credentials were really sent…
    expect(received).toEqual([`${HEADER_KEY} `, `${HEADER_KEY} `, ` ${QUERY_KEY}`]);
    expect(trajectory.status).toBe('answered');

    // …and are nowhere the agent can see or store.
    const prompts = [planner, caller, summarizer].flatMap((engine) =>
      engine.requests.map((request) => request.prompt),
    );
    const places: [string, string][] = [
      ['prompts', prompts.join('\n')],
      ['events', events.map((event: AgentEvent) => JSON.stringify(event)).join('\n')],
      ['trajectory', JSON.stringify(trajectory)],
      ['errors', JSON.stringify(trajectory.error ?? null)],
    ];
    const forms = [HEADER_KEY, QUERY_KEY, Buffer.from(HEADER_KEY).toString('base64')];
    for (const [place, text] of places) {
      for (const secret of forms) expect(text.includes(secret), `${place} contains ${secret}`).toBe(false);
    }
    expect(prompts.join('\n')).toContain('***');
  });

  it('tell the user which secret to set when it is missing, without sending the call', async () => {
    const { tools } = await importOpenApi({ text: spec(), url: `${origin}/openapi.json` }, {});
    const before = received.length;
    const execute = createHttpExecutor({ tools, fetch, secrets: createMemorySecrets({}) });
    const result = await execute(
      { name: 'getaccount_for_vault', arguments: {} },
      new AbortController().signal,
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/^Missing secret: set "headerKey"/);
    expect(received.length).toBe(before);
  });
});
