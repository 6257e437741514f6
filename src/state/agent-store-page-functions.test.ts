import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolStep } from '../agent/trajectory.ts';
import { type DemoServer, startDemoServer } from '../demo-api/demo-server.ts';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { scriptedWorld } from '../testing/scripted-agent-world.ts';
import { createAgentStore } from './agent-store.ts';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ control: true });
});
afterAll(async () => {
  await server.close();
});

describe('the agent store with page functions', () => {
  it('runs a page function in place of the REST tool of the same name, beside the REST tools, and reports every event', async () => {
    const setup = await scriptedWorld(server, {
      planner: ['Find the city. Next: caller.', 'Get the weather. Next: caller.', 'Done. Next: conclusion.'],
      caller: [
        'Action: searchcities_for_demo\nAction Input: {"name": "Lausanne"}',
        'Action: getweather_for_demo\nAction Input: {"city_id": 113}',
      ],
      summarizer: ['It is 21 degrees in Lausanne, says the page.'],
    });
    const events: string[] = [];
    const agent = createAgentStore({ ...setup, onEvent: (event) => events.push(event.type) });
    const asked: unknown[] = [];
    agent.getState().registerPageTool({
      name: 'getweather_for_demo',
      description: "Current weather in a city, from this page's station board.",
      parameters: { type: 'object', properties: { city_id: { type: 'integer' } }, required: ['city_id'] },
      execute: (args) => {
        asked.push(args);
        return { city_id: args.city_id, temperature: 21, source: 'page' };
      },
    });
    const trajectory = await agent.getState().run("What's the weather in Lausanne?");
    expect(trajectory?.status).toBe('answered');
    expect(asked).toEqual([{ city_id: 113 }]);
    const calls = trajectory?.steps.filter((step): step is ToolStep => step.type === 'tool') ?? [];
    expect(calls.map((call) => [call.name, call.ok])).toEqual([
      ['searchcities_for_demo', true],
      ['getweather_for_demo', true],
    ]);
    expect(calls[0]?.observation).toContain('Lausanne');
    expect(calls[1]?.observation).toContain('"source": "page"');
    expect(events[0]).toBe('run-start');
    expect(events.filter((type) => type === 'step-end')).toHaveLength(trajectory?.steps.length ?? -1);
    expect(events).toContain('answer');
    expect(events.at(-1)).toBe('run-end');
  });

  it('asks before a mutating page function runs, and records a refusal as a failed call', async () => {
    const setup = await scriptedWorld(server, {
      planner: ['Add it. Next: caller.', 'Not allowed. Next: conclusion.'],
      caller: ['Action: addnote\nAction Input: {"text": "milk"}'],
      summarizer: ['The note was not added.'],
    });
    const agent = createAgentStore({ ...setup, openApiUrl: null });
    let ran = false;
    agent.getState().registerPageTool({
      name: 'addnote',
      description: 'Adds a note to the page.',
      parameters: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
      mutating: true,
      execute: () => {
        ran = true;
        return { added: true };
      },
    });
    const unsubscribe = agent.subscribe((state) => state.confirmation?.answer(false));
    const trajectory = await agent.getState().run('Add milk to my notes');
    unsubscribe();
    expect(agent.getState().tools).toEqual([]);
    expect(ran).toBe(false);
    const call = trajectory?.steps.find((step): step is ToolStep => step.type === 'tool');
    expect(call?.ok).toBe(false);
    expect(call?.observation).toContain('did not allow');
  });

  it('refuses a page function with an unusable name, and runs nothing without any tool', async () => {
    const setup = await scriptedWorld(server, {});
    const agent = createAgentStore({ ...setup, openApiUrl: null });
    expect(() =>
      agent.getState().registerPageTool({
        name: 'has space',
        description: '',
        parameters: { type: 'object' },
        execute: () => null,
      }),
    ).toThrow(/not usable/);
    expect(await agent.getState().run('Anything')).toBeUndefined();
    expect(agent.getState().problem).toMatch(/no tools/);
  });

  it('unloads every engine on dispose, and loads them again for the next run', async () => {
    const made: ScriptedEngine[] = [];
    const setup = await scriptedWorld(server, {});
    const agent = createAgentStore({
      ...setup,
      createEngine: (entry) => {
        const engine = new ScriptedEngine({
          modelId: entry.id,
          responses: entry.role === 'planner' ? ['Hello. Next: conclusion.'] : ['Hi.'],
        });
        made.push(engine);
        return engine;
      },
    });
    await agent.getState().prepare();
    expect(made.filter((engine) => engine.loaded)).toHaveLength(3);
    await agent.getState().dispose();
    expect(made.every((engine) => !engine.loaded)).toBe(true);
    expect(agent.getState().models.planner.status).toBe('idle');
    const trajectory = await agent.getState().run('Hello');
    expect(trajectory?.status).toBe('answered');
    expect(made.filter((engine) => engine.loaded)).toHaveLength(3);
    expect(made).toHaveLength(6);
  });
});
