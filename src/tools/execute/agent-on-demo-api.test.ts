import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAgent } from '../../agent/run-agent.ts';
import type { ModelStep, ToolStep, Trajectory } from '../../agent/trajectory.ts';
import { type DemoServer, startDemoServer } from '../../demo-api/demo-server.ts';
import type { ScriptedRequest } from '../../engines/scripted/scripted-engine.ts';
import { drain, scriptedModel } from '../../testing/agent-test-kit.ts';
import { importOpenApi } from '../import/openapi-import.ts';
import { selectionRecord, selectTools } from '../select/select-tools.ts';
import type { Tool } from '../tool.ts';
import { createHttpExecutor } from './http-executor.ts';

let server: DemoServer;
let tools: Tool[];

beforeAll(async () => {
  server = await startDemoServer({ control: true });
  const imported = await importOpenApi({ url: `${server.url}/openapi.json` }, { fetch });
  tools = imported.tools;
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  await fetch(`${server.url}/_control/reset`, { method: 'POST' });
});

/** The text of the last observation turn in a rendered prompt (observations have no `</s>`: the next turn follows). */
function lastObservation(prompt: string): string {
  const at = prompt.lastIndexOf('observation: ');
  const end = prompt.indexOf('assistant: ', at);
  return prompt.slice(at + 'observation: '.length, end === -1 ? undefined : end);
}

/** Runs one task where the planner calls `action` once with `input`, then gives up. */
async function singleCall(action: string, input: string, timeoutMs = 5_000): Promise<ToolStep> {
  const planner = await scriptedModel('planner', [
    'Call the API. Next: caller.',
    'Report the failure. Next: give up.',
  ]);
  const caller = await scriptedModel('caller', [`Action: ${action}\nAction Input: ${input}`]);
  const execute = createHttpExecutor({ tools, fetch, timeoutMs });
  const { trajectory } = await drain(
    runAgent({ task: 'Try it', tools, roles: { planner, caller, summarizer: caller }, execute }),
  );
  expect(trajectory.status).toBe('gave-up');
  const step = trajectory.steps.find((item): item is ToolStep => item.type === 'tool');
  if (step === undefined) throw new Error('no tool step recorded');
  expect(trajectory.turns[3]).toEqual({ from: 'observation', value: step.observation });
  return step;
}

async function injectFault(operation: string, kind: string): Promise<void> {
  await fetch(`${server.url}/_control/fault`, { method: 'POST', body: JSON.stringify({ operation, kind }) });
}

describe('the agent loop against the demo API over real sockets', () => {
  it('finishes a chained two-call task with an answer built from the real responses', async () => {
    const planner = await scriptedModel('planner', [
      "Find Lyon's city id. Next: caller.",
      'Now get the weather for that id. Next: caller.',
      'I have the weather. Next: conclusion.',
    ]);
    const caller = await scriptedModel('caller', [
      'Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}',
      (request: ScriptedRequest) => {
        const cityId = /"id": (\d+)/.exec(lastObservation(request.prompt))?.[1];
        return `Action: getweather_for_demo\nAction Input: {\n  "city_id": ${cityId}\n}`;
      },
    ]);
    const summarizer = await scriptedModel('summarizer', [
      (request: ScriptedRequest) => {
        const weather = JSON.parse(lastObservation(request.prompt)) as {
          temperature: number;
          conditions: string;
        };
        return `In Lyon it is ${weather.temperature} °C with ${weather.conditions}.`;
      },
    ]);
    const execute = createHttpExecutor({ tools, fetch });
    const { trajectory } = await drain(
      runAgent({
        task: 'What is the weather in Lyon?',
        tools,
        roles: { planner, caller, summarizer },
        execute,
      }),
    );

    expect(trajectory.error).toBeUndefined();
    const truth = (await (await fetch(`${server.url}/weather/12`)).json()) as {
      temperature: number;
      conditions: string;
    };
    expect(trajectory.status).toBe('answered');
    expect(trajectory.answer).toBe(`In Lyon it is ${truth.temperature} °C with ${truth.conditions}.`);
    const calls = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
    expect(calls.map((step) => [step.name, step.status, step.request?.url])).toEqual([
      ['searchcities_for_demo', 200, `${server.url}/cities?name=Lyon`],
      ['getweather_for_demo', 200, `${server.url}/weather/12`],
    ]);
    expect(calls[0]?.observation).toBe('[{"id": 12, "name": "Lyon", "country": "FR", "population": 522000}]');
  });

  it('records an API 500 as the SPEC failure observation', async () => {
    await injectFault('getCountry', '500');
    const step = await singleCall('getcountry_for_demo', '{"code": "FR"}');
    expect(step.ok).toBe(false);
    expect(step.status).toBe(500);
    expect(step.observation).toBe(
      '{"error": "HTTP 500 Internal Server Error", "response": "{\\"error\\":\\"Internal server error (injected fault)\\"}"}',
    );
  });

  it('records a timeout as a failed call', async () => {
    await injectFault('getCountry', 'timeout');
    const step = await singleCall('getcountry_for_demo', '{"code": "FR"}', 300);
    expect(step.observation).toBe('{"error": "Timed out after 0.3 s", "response": ""}');
  });

  it('passes a non-JSON body through as text', async () => {
    await injectFault('getCountry', 'text');
    const step = await singleCall('getcountry_for_demo', '{"code": "FR"}');
    expect(step.ok).toBe(true);
    expect(step.observation).toBe('Service busy, plain text instead of JSON.');
  });

  it('cuts a 5 MB body to 1024 characters plus "..."', async () => {
    await injectFault('getCountry', 'huge');
    const step = await singleCall('getcountry_for_demo', '{"code": "FR"}');
    expect(step.observation).toHaveLength(1027);
    expect(step.observation.endsWith('...')).toBe(true);
    expect(step.observation.startsWith('[{"id":0,"text":"xxx')).toBe(true);
  });

  it('refuses a call whose URL would leave the servers of the spec', async () => {
    const spec = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'escape', version: '1' },
      servers: [{ url: server.url }],
      paths: {
        '/../_control/stats': { get: { operationId: 'peek', responses: { '200': { description: 'ok' } } } },
      },
    });
    const escaping = (await importOpenApi({ text: spec, url: `${server.url}/escape.json` }, { fetch })).tools;
    const planner = await scriptedModel('planner', ['Peek. Next: caller.', 'Refused. Next: give up.']);
    const caller = await scriptedModel('caller', ['Action: peek_for_escape\nAction Input: {}']);
    const { trajectory } = await drain(
      runAgent({
        task: 'Peek',
        tools: escaping,
        roles: { planner, caller, summarizer: caller },
        execute: createHttpExecutor({ tools: escaping, fetch }),
      }),
    );
    const step = trajectory.steps[2] as ToolStep;
    expect(step.ok).toBe(false);
    expect(JSON.parse(step.observation).error).toMatch(/^Refused: /);
  });

  it('never sends arguments that fail the schema, and flags the step', async () => {
    const step = await singleCall('getweather_for_demo', '{"city_id": "Lyon"}');
    expect(step.flags).toEqual({ invalid: true });
    expect(JSON.parse(step.observation)).toEqual({
      error: 'Invalid arguments: city_id: expected integer, got string',
      response: '',
    });
    const stats = (await (await fetch(`${server.url}/_control/stats`)).json()) as Record<string, number>;
    expect(stats.getWeather).toBeUndefined();
  });

  it('does not run a mutating call without confirmation', async () => {
    const step = await singleCall('createtodo_for_demo', '{"text": "Sell the car"}');
    expect(JSON.parse(step.observation).error).toMatch(/^The user did not allow POST/);
    const stats = (await (await fetch(`${server.url}/_control/stats`)).json()) as Record<string, number>;
    expect(stats.createTodo).toBeUndefined();
    const todos = (await (await fetch(`${server.url}/todos`)).json()) as unknown[];
    expect(todos).toHaveLength(3);
  });

  it('runs a mutating call once the user confirms it', async () => {
    const planner = await scriptedModel('planner', ['Add it. Next: caller.', 'Done. Next: conclusion.']);
    const caller = await scriptedModel('caller', [
      'Action: createtodo_for_demo\nAction Input: {"text": "Sell the car"}',
    ]);
    const summarizer = await scriptedModel('summarizer', ['Added.']);
    const asked: string[] = [];
    const execute = createHttpExecutor({
      tools,
      fetch,
      confirm: async (request) => {
        asked.push(`${request.method} ${request.url}`);
        return true;
      },
    });
    const { trajectory }: { trajectory: Trajectory } = await drain(
      runAgent({ task: 'Add a todo', tools, roles: { planner, caller, summarizer }, execute }),
    );
    expect(asked).toEqual([`POST ${server.url}/todos`]);
    expect((trajectory.steps[2] as ToolStep).status).toBe(201);
    expect((trajectory.steps[1] as ModelStep).action).toBe('createtodo_for_demo');
    expect(trajectory.status).toBe('answered');
  });

  it('offers only the relevant operations when the docs do not fit, and records which and why', async () => {
    const task = 'What is the weather in Oslo?';
    const selection = selectTools({ task, tools, budgetTokens: 120 });
    const offered = selection.offered.map((tool) => tool.name);
    expect(offered).toContain('getweather_for_demo');
    expect(offered).toContain('searchcities_for_demo');
    expect(offered.length).toBeLessThan(tools.length);
    const planner = await scriptedModel('planner', ['Nothing to do. Next: give up.']);
    const { trajectory } = await drain(
      runAgent({
        task,
        tools: selection.offered,
        toolSelection: selectionRecord(selection),
        roles: { planner, caller: planner, summarizer: planner },
        execute: createHttpExecutor({ tools: selection.offered, fetch }),
      }),
    );
    expect(trajectory.toolSelection?.offered).toEqual(offered);
    expect(trajectory.toolSelection?.reason).toMatch(/more than the budget of 120/);
    expect(trajectory.tools).toEqual(selection.offered.map((tool) => tool.doc));
    expect(planner.requests[0]?.prompt).not.toContain('deletetodo_for_demo');
  });
});
