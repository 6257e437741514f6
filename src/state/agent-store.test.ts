import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolStep } from '../agent/trajectory.ts';
import { webLlmCatalog } from '../catalog/webllm-catalog.ts';
import { type DemoServer, startDemoServer } from '../demo-api/demo-server.ts';
import { ScriptedEngine, type ScriptedResponse } from '../engines/scripted/scripted-engine.ts';
import { GPU_WITH_F16 } from '../testing/gpu-adapters.ts';
import { scriptedWorld } from '../testing/scripted-agent-world.ts';
import { createAgentStore } from './agent-store.ts';
import { createGpuStore } from './gpu-store.ts';
import { memorySettingsStorage } from './settings-storage.ts';
import { createSettingsStore } from './settings-store.ts';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ control: true });
});
afterAll(async () => {
  await server.close();
});

describe('the agent store', () => {
  it('loads the three role models and the API, runs a chained task for real and records it', async () => {
    const setup = await scriptedWorld(server, {
      planner: ['Find the city. Next: caller.', 'Get the weather. Next: caller.', 'Done. Next: conclusion.'],
      caller: [
        'Action: searchcities_for_demo\nAction Input: {"name": "Lausanne"}',
        'Action: getweather_for_demo\nAction Input: {"city_id": 17}',
      ],
      summarizer: ['It is mild in Lausanne.'],
    });
    const agent = createAgentStore(setup);
    await agent.getState().prepare();
    expect(agent.getState().problem).toBe('');
    const { planner, caller, summarizer, backbone } = agent.getState().models;
    expect([planner, caller, summarizer, backbone].map((model) => model.status)).toEqual([
      'ready',
      'ready',
      'ready',
      'idle',
    ]);
    expect(planner.device).toBe('scripted responses, no model');
    await agent.getState().run("What's the weather in Lausanne?");
    const [run] = setup.sessions.getState().runs;
    expect(run?.trajectory.status).toBe('answered');
    const calls = run?.trajectory.steps.filter((step): step is ToolStep => step.type === 'tool') ?? [];
    expect(calls.map((call) => [call.name, call.ok])).toEqual([
      ['searchcities_for_demo', true],
      ['getweather_for_demo', true],
    ]);
    expect(calls[0]?.observation).toContain('Lausanne');
    expect(agent.getState().running).toBe(false);
  });

  it('runs the single-LLM backbone preset with one model, and unloads the role models it does not use', async () => {
    const setup = await scriptedWorld(server, {
      planner: ['Nothing fits. Next: give up.'],
      backbone: [
        'Find the city.\nAction: searchcities_for_demo\nAction Input: {"name": "Lausanne"}',
        'Found it.\nconclusion: Lausanne is in CH.',
      ],
    });
    const agent = createAgentStore(setup);
    await agent.getState().prepare();
    expect(agent.getState().models.planner.status).toBe('ready');
    await agent.getState().choosePreset('umi-tiny-backbone');
    expect(agent.getState().models.planner).toMatchObject({ status: 'idle', device: '' });
    await agent.getState().run('Which country is Lausanne in?');
    expect(agent.getState().models.backbone).toMatchObject({ id: 'umi-tiny-backbone', status: 'ready' });
    const run = setup.sessions.getState().runs[0];
    expect(run?.trajectory).toMatchObject({
      mode: 'backbone',
      status: 'answered',
      answer: 'Lausanne is in CH.',
    });
    expect(run?.trajectory.steps.filter((step) => step.type === 'tool')).toHaveLength(1);
  });

  it('puts another manifest model in one role slot and loads it on the next run', async () => {
    const setup = await scriptedWorld(server, {
      planner: ['Nothing fits. Next: give up.'],
      backbone: ['Nothing fits. Next: give up.'],
    });
    const agent = createAgentStore(setup);
    await agent.getState().prepare();
    await agent.getState().setSlotModel('planner', 'umi-tiny-backbone');
    expect(agent.getState().models.planner).toMatchObject({ id: 'umi-tiny-backbone', status: 'idle' });
    await agent.getState().run('Anything');
    expect(agent.getState().models.planner.status).toBe('ready');
    const planned = setup.sessions.getState().runs[0]?.trajectory.steps[0];
    expect(planned).toMatchObject({ type: 'model', role: 'planner', modelId: 'umi-tiny-backbone' });
  });

  it('lets a run started while the models and tools are still loading wait for them', async () => {
    const setup = await scriptedWorld(server, { planner: ['Nothing fits. Next: give up.'] });
    const agent = createAgentStore(setup);
    const preparing = agent.getState().prepare();
    await agent.getState().run('Anything');
    await preparing;
    expect(agent.getState().problem).toBe('');
    expect(setup.sessions.getState().runs[0]?.trajectory.status).toBe('gave-up');
  });

  it('waits for the user before a call that changes data, and records a denial', async () => {
    const setup = await scriptedWorld(server, {
      planner: ['Add it. Next: caller.', 'It was refused. Next: give up.'],
      caller: ['Action: createtodo_for_demo\nAction Input: {"text": "buy milk"}'],
    });
    const agent = createAgentStore(setup);
    const running = agent.getState().run('Add buy milk to my todos');
    await expect.poll(() => agent.getState().confirmation?.request.method, { timeout: 10_000 }).toBe('POST');
    agent.getState().confirmation?.answer(false);
    await running;
    const todos = (await (await fetch(`${server.url}/todos`)).json()) as { text: string }[];
    expect(todos.map((todo) => todo.text)).not.toContain('buy milk');
    const call = setup.sessions.getState().runs[0]?.trajectory.steps.find((step) => step.type === 'tool');
    expect(call).toMatchObject({ ok: false });
  });

  it('stops a run in progress: the run ends as stopped and the store is ready for the next', async () => {
    const setup = await scriptedWorld(
      server,
      { planner: [`${'Thinking hard '.repeat(200)}Next: caller.`] },
      5,
    );
    const agent = createAgentStore(setup);
    await agent.getState().prepare();
    const running = agent.getState().run('Anything');
    await expect
      .poll(() => setup.sessions.getState().runs[0]?.live?.text.length ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0);
    agent.getState().stop();
    await running;
    expect(setup.sessions.getState().runs[0]?.trajectory.status).toBe('aborted');
    expect(agent.getState().running).toBe(false);
  });

  it('offers the models only the enabled operations of an imported document', async () => {
    const setup = await scriptedWorld(server, { planner: ['Nothing fits. Next: give up.'] });
    const agent = createAgentStore(setup);
    const document = await (await fetch(`${server.url}/openapi.json`)).text();
    await agent.getState().importTools({ text: document }, 'demo.json');
    expect(agent.getState()).toMatchObject({ toolsSource: 'demo.json', problem: '' });
    expect(agent.getState().tools.length).toBeGreaterThan(5);
    for (const tool of agent.getState().tools) {
      if (tool.name !== 'listtodos_for_demo') agent.getState().setToolEnabled(tool.name, false);
    }
    await agent.getState().run('What is on my list?');
    const offered = setup.sessions.getState().runs[0]?.trajectory.tools.map((doc) => doc.Name);
    expect(offered).toEqual(['listtodos_for_demo']);
    agent.getState().setToolEnabled('listtodos_for_demo', false);
    await agent.getState().run('Again');
    expect(agent.getState().problem).toMatch(/enable at least one/);
  });

  it('keeps the current tools and explains when an import finds none', async () => {
    const setup = await scriptedWorld(server, {});
    const agent = createAgentStore(setup);
    await agent.getState().importTools({ text: '{"openapi": "3.0.3"' }, 'broken.json');
    expect(agent.getState().problem).toMatch(/broken\.json/);
    expect(agent.getState().tools).toEqual([]);
  });

  it('says what to do when the models cannot be found', async () => {
    const setup = await scriptedWorld(server, {});
    const agent = createAgentStore({ ...setup, manifestUrl: `${server.url}/no-such-manifest.json` });
    await agent.getState().prepare();
    expect(agent.getState().problem).toMatch(/HTTP 404.*npm run train:tiny/);
  });

  it('follows the confirmation policy: "allow" sends a call that changes data without asking, "deny" refuses it', async () => {
    const settings = createSettingsStore(memorySettingsStorage());
    const todoTexts = async () =>
      ((await (await fetch(`${server.url}/todos`)).json()) as { text: string }[]).map((todo) => todo.text);
    for (const [policy, text] of [
      ['allow', 'water the ferns'],
      ['deny', 'feed the cat'],
    ] as const) {
      const setup = await scriptedWorld(server, {
        planner: ['Add it. Next: caller.', 'Done. Next: give up.'],
        caller: [`Action: createtodo_for_demo\nAction Input: {"text": "${text}"}`],
      });
      settings.getState().setConfirmPolicy(policy);
      const agent = createAgentStore({ ...setup, settings });
      await agent.getState().run(`Add ${text} to my todos`);
      expect(agent.getState().confirmation).toBeUndefined();
      const call = setup.sessions.getState().runs[0]?.trajectory.steps.find((step) => step.type === 'tool');
      expect(call).toMatchObject({ ok: policy === 'allow' });
      expect((await todoTexts()).includes(text)).toBe(policy === 'allow');
    }
  });

  it('sends a stored API secret at call time and never lets its value into the trajectory', async () => {
    const secret = 'sk-live-8f2d1c';
    const document = {
      openapi: '3.0.3',
      info: { title: 'Vault', version: '1' },
      servers: [{ url: 'http://vault.test' }],
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
      security: [{ key: [] }],
      paths: { '/number': { get: { operationId: 'getNumber', summary: 'A secret number.' } } },
    };
    const scripts: Record<string, ScriptedResponse[]> = {
      planner: ['Ask. Next: caller.', 'Done. Next: conclusion.'],
    };
    const setup = await scriptedWorld(server, scripts);
    const sent: (string | null)[] = [];
    const fetchVault: typeof fetch = async (input, init) => {
      if (!String(input).startsWith('http://vault.test/'))
        return setup.fetch?.(input, init) ?? fetch(input, init);
      const key = new Headers(init?.headers).get('x-api-key');
      sent.push(key);
      return Response.json({ number: 7, echo: `your key is ${key}` });
    };
    const settings = createSettingsStore(memorySettingsStorage());
    const agent = createAgentStore({ ...setup, fetch: fetchVault, settings });
    await agent.getState().importTools({ text: JSON.stringify(document) }, 'vault.json');
    const [tool] = agent.getState().tools;
    expect(tool?.api).toBe('Vault');
    scripts.caller = [`Action: ${tool?.name}\nAction Input: {}`];
    scripts.summarizer = ['The number is 7.'];
    await settings.getState().setSecret('Vault', 'key', secret);
    expect(settings.getState().secretKeys).toHaveLength(1);
    await agent.getState().run('What is the secret number?');
    expect(sent).toEqual([secret]);
    const run = setup.sessions.getState().runs[0];
    expect(run?.trajectory.status).toBe('answered');
    const call = run?.trajectory.steps.find((step) => step.type === 'tool');
    expect(call?.observation).toContain('7');
    expect(JSON.stringify(run)).not.toContain(secret);
  });

  it('brings back the imported tools and the operations switched off on the next visit', async () => {
    const storage = memorySettingsStorage();
    const first = createAgentStore({
      ...(await scriptedWorld(server, {})),
      settings: createSettingsStore(storage),
    });
    const document = await (await fetch(`${server.url}/openapi.json`)).text();
    await first.getState().importTools({ text: document }, 'my-api.json');
    first.getState().setToolEnabled('deletetodo_for_demo', false);

    const settings = createSettingsStore(storage);
    const next = createAgentStore({ ...(await scriptedWorld(server, {})), settings });
    await next.getState().prepare();
    expect(next.getState()).toMatchObject({
      toolsSource: 'my-api.json',
      disabled: ['deletetodo_for_demo'],
      problem: '',
    });
    expect(next.getState().tools).toHaveLength(first.getState().tools.length);
  });

  it('falls back to the demo API and says why when the tools imported earlier cannot be loaded again', async () => {
    const storage = memorySettingsStorage();
    await storage.savePreferences({
      confirmPolicy: 'ask',
      theme: 'system',
      tools: { url: `${server.url}/gone.json`, label: 'gone.json', disabled: [] },
    });
    const agent = createAgentStore({
      ...(await scriptedWorld(server, {})),
      settings: createSettingsStore(storage),
    });
    await agent.getState().prepare();
    expect(agent.getState().problem).toMatch(
      /imported earlier from gone\.json could not be loaded again.*demo API is used instead/,
    );
    expect(agent.getState().toolsSource).toMatch(/openapi\.json$/);
  });
});

describe('the agent store with a GPU preset', () => {
  it('runs with the role models the GPU store loaded, through the chat profile, and with the embedded ones after unloading', async () => {
    const setup = await scriptedWorld(server, { planner: ['Nothing fits. Next: give up.'] });
    const agent = createAgentStore(setup);
    const made: ScriptedEngine[] = [];
    const replies: Record<string, string[]> = {
      'Qwen3-4B-q4f16_1-MLC': [
        '{"thought": "Find the city id of Lausanne.", "next": "caller"}',
        '{"thought": "The city is known.", "next": "conclusion"}',
      ],
      'Qwen3-1.7B-q4f16_1-MLC': [
        '{"name": "searchcities_for_demo", "arguments": {"name": "Lausanne"}}',
        'Lausanne is in the demo data.',
      ],
    };
    const gpu = createGpuStore({
      detect: async () => ({ adapter: GPU_WITH_F16 }),
      catalog: webLlmCatalog,
      deviceMemoryMB: 8192,
      checkStorage: async () => ({ ok: true, persisted: true }),
      createEngines: (models) =>
        models.map(({ model }) => {
          const engine = new ScriptedEngine({
            modelId: model.id,
            responses: replies[model.id] ?? [],
            capabilities: { chat: true, rawCompletion: false },
          });
          made.push(engine);
          return engine;
        }),
      agent,
    });
    await gpu.getState().detect();
    await gpu.getState().load('balanced');
    expect(gpu.getState().problem).toBe('');
    expect(gpu.getState().active?.models.map((model) => [model.id, model.status])).toEqual([
      ['Qwen3-4B-q4f16_1-MLC', 'ready'],
      ['Qwen3-1.7B-q4f16_1-MLC', 'ready'],
    ]);
    expect(agent.getState().external?.label).toContain('Balanced');

    await agent.getState().run('Find Lausanne');
    const [run] = setup.sessions.getState().runs;
    expect(run?.trajectory.status).toBe('answered');
    expect(run?.trajectory.answer).toBe('Lausanne is in the demo data.');
    expect(made.every((engine) => engine.requests.every((request) => request.kind === 'chat'))).toBe(true);
    expect(agent.getState().models.planner.status).toBe('idle');

    await gpu.getState().unload();
    expect(agent.getState().external).toBeUndefined();
    expect(made.every((engine) => !engine.loaded)).toBe(true);
  });
});
