import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolStep } from '../agent/trajectory.ts';
import { EMBEDDED_MODELS_DIR } from '../catalog/node-model-files.ts';
import { type DemoServer, startDemoServer } from '../demo-api/demo-server.ts';
import { OpenAiEngine } from '../engines/openai/openai-engine.ts';
import type { OpenAiServer } from '../engines/openai/openai-server.ts';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { type ServedRoleModels, serveEmbeddedRoleModels } from '../testing/served-role-models.ts';
import { createAgentStore } from './agent-store.ts';
import { createRemoteStore, roleServer } from './remote-store.ts';
import { memorySessionStorage } from './session-storage.ts';
import { createSessionStore } from './session-store.ts';
import { memorySettingsStorage } from './settings-storage.ts';
import { createSettingsStore } from './settings-store.ts';

/** The embedded role models behind a real OpenAI-compatible server (with an API key), and the demo API. */
let served: ServedRoleModels;
let server: OpenAiServer;
let demo: DemoServer;

beforeAll(async () => {
  served = await serveEmbeddedRoleModels('sk-remote-secret');
  server = served.server;
  demo = await startDemoServer();
}, 60_000);

afterAll(async () => {
  await served?.close();
  await demo?.close();
});

/** The key each engine was made with, by server URL. */
type KeysSeen = { baseUrl: string; apiKey: string | undefined }[];

function setup(keysSeen: KeysSeen = []) {
  const sessions = createSessionStore(memorySessionStorage());
  const settings = createSettingsStore(memorySettingsStorage());
  const agent = createAgentStore({
    sessions,
    settings,
    // The page's own models are never used while the remote roles are connected.
    createEngine: (entry) => new ScriptedEngine({ modelId: entry.id, responses: [] }),
    manifestUrl: `file://${EMBEDDED_MODELS_DIR}/manifest.json`,
    openApiUrl: `${demo.url}/openapi.json`,
    fetch: (input, init) =>
      String(input).startsWith('file://')
        ? import('node:fs/promises').then(
            async ({ readFile }) => new Response(await readFile(new URL(String(input)))),
          )
        : fetch(input, init),
  });
  const remote = createRemoteStore({
    agent,
    settings,
    createEngine: (options) => {
      keysSeen.push({ baseUrl: options.baseUrl, apiKey: options.apiKey });
      return new OpenAiEngine(options);
    },
  });
  remote.getState().setBaseUrl(server.baseUrl);
  return { agent, remote, settings };
}

describe('the remote store', { timeout: 60_000 }, () => {
  it('connects to the served role models with the key it stores, and runs go through them', async () => {
    const { agent, remote } = setup();
    await remote.getState().connect('sk-remote-secret');
    expect(remote.getState().problem).toBe('');
    expect(remote.getState().status).toBe('connected');
    expect(remote.getState().keySet).toBe(true);
    expect(JSON.stringify(remote.getState())).not.toContain('sk-remote-secret');
    expect(agent.getState().external?.label).toBe(`the server at ${server.baseUrl}`);

    const trajectory = await agent.getState().run("What's the weather in Lausanne?");
    expect(trajectory?.status).toBe('answered');
    const calls = trajectory?.steps.filter((step): step is ToolStep => step.type === 'tool') ?? [];
    expect(calls.map((call) => [call.name, call.ok])).toEqual([
      ['searchcities_for_demo', true],
      ['getweather_for_demo', true],
    ]);

    // The stored key serves the next connection; disconnecting hands runs back to the page's models.
    await remote.getState().disconnect();
    expect(agent.getState().external).toBeUndefined();
    await remote.getState().connect();
    expect(remote.getState().status).toBe('connected');
  });

  it('says which models the server has when one is not there, and leaves runs on the page’s models', async () => {
    const { agent, remote } = setup();
    remote.getState().setModel('caller', 'alpha-umi-caller-7b');
    await remote.getState().connect('sk-remote-secret');
    expect(remote.getState().status).toBe('error');
    expect(remote.getState().problem).toContain('does not serve "alpha-umi-caller-7b"');
    expect(agent.getState().external).toBeUndefined();
  });

  it('puts a role written name@url on a server of its own', async () => {
    expect(roleServer('caller-7b@http://gpu:8002/v1', 'http://a/v1')).toEqual({
      model: 'caller-7b',
      baseUrl: 'http://gpu:8002/v1',
    });
    expect(roleServer('caller-7b', 'http://a/v1')).toEqual({ model: 'caller-7b', baseUrl: 'http://a/v1' });
    const keysSeen: KeysSeen = [];
    const { agent, remote } = setup(keysSeen);
    // Nothing listens on the base URL: every role names the real server itself.
    remote.getState().setBaseUrl('http://127.0.0.1:9/v1');
    for (const role of ['planner', 'caller', 'summarizer'] as const)
      remote.getState().setModel(role, `umi-tiny-${role}@${server.baseUrl}`);
    expect(remote.getState().otherServers).toEqual([{ url: server.baseUrl, keySet: false }]);
    await remote.getState().connect(undefined, { [server.baseUrl]: 'sk-remote-secret' });
    expect(remote.getState().problem).toBe('');
    expect(remote.getState().status).toBe('connected');
    expect(remote.getState().otherServers).toEqual([{ url: server.baseUrl, keySet: true }]);
    expect(keysSeen).toEqual(
      ['planner', 'caller', 'summarizer'].map(() => ({
        baseUrl: server.baseUrl,
        apiKey: 'sk-remote-secret',
      })),
    );
    expect((await agent.getState().run("What's the weather in Lausanne?"))?.status).toBe('answered');
  });

  it('never sends the base URL’s key to a server a role names itself', async () => {
    const keysSeen: KeysSeen = [];
    const { remote } = setup(keysSeen);
    remote.getState().setModel('caller', `umi-tiny-caller@${server.baseUrl}/`);
    await remote.getState().connect('sk-remote-secret');
    expect(keysSeen.find((seen) => seen.baseUrl === `${server.baseUrl}/`)).toEqual({
      baseUrl: `${server.baseUrl}/`,
      apiKey: undefined,
    });
    // That server refuses a request without its key, and the panel says so.
    expect(remote.getState().status).toBe('error');
    expect(remote.getState().problem).toMatch(/HTTP 401/);
  });

  it('reports a refused key with what to do, never the key', async () => {
    const { remote } = setup();
    await remote.getState().connect('sk-wrong');
    expect(remote.getState().status).toBe('error');
    expect(remote.getState().problem).toMatch(/HTTP 401.*Check the API key/);
    expect(remote.getState().problem).not.toContain('sk-wrong');
  });
});
