import { describe, expect, it } from 'vitest';
import {
  CHAIN_TOOLS,
  drain,
  jsonResult,
  OSLO_WEATHER_ANSWERS,
  recordingExecutor,
  scriptedModel,
} from '../testing/agent-test-kit.ts';
import { callerInput, plannerInput, summarizerInput } from './alpha-umi-prompts.ts';
import { runAgent } from './run-agent.ts';
import type { ToolStep, Turn } from './trajectory.ts';

describe('runAgent (α-UMi)', () => {
  it('runs a chained two-call task to an answer built from the real observations', async () => {
    const planner = await scriptedModel('planner', [
      'Find the city id first. Next: caller.',
      'Now get the weather for city 42. Next: caller.',
      'I have the weather. Next: conclusion.',
    ]);
    const caller = await scriptedModel('caller', [
      'Action: search_city\nAction Input: {"name": "Oslo"}',
      'Action: get_weather\nAction Input: {\n  "city_id": 42\n}',
    ]);
    const summarizer = await scriptedModel('summarizer', [' It is -3 °C with snow in Oslo. ']);
    const { execute, calls } = recordingExecutor(OSLO_WEATHER_ANSWERS);

    const { events, trajectory } = await drain(
      runAgent({
        task: 'Weather in Oslo?',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer },
        execute,
      }),
    );

    expect(trajectory.status).toBe('answered');
    expect(trajectory.answer).toBe('It is -3 °C with snow in Oslo.');
    expect(calls).toEqual([
      { name: 'search_city', arguments: { name: 'Oslo' } },
      { name: 'get_weather', arguments: { city_id: 42 } },
    ]);
    expect(trajectory.turns.map((turn) => turn.from)).toEqual([
      'user',
      'assistant',
      'caller',
      'observation',
      'assistant',
      'caller',
      'observation',
      'assistant',
      'conclusion',
    ]);
    expect(trajectory.turns[3]?.value).toBe('{"id": 42, "name": "Oslo"}');
    expect(trajectory.turns[6]?.value).toBe('{"city_id": 42, "temperature_c": -3, "sky": "snow"}');

    const types = events.map((event) => event.type).filter((type) => type !== 'token-delta');
    expect(types[0]).toBe('run-start');
    expect(types.at(-1)).toBe('run-end');
    expect(types.filter((type) => type === 'tool-call')).toHaveLength(2);
    expect(types.filter((type) => type === 'plan-decision')).toHaveLength(3);
    expect(types.at(-2)).toBe('answer');
    const deltas = events.filter((event) => event.type === 'token-delta' && event.role === 'summarizer');
    expect(deltas.length).toBeGreaterThan(1);

    const roles = trajectory.steps.map((step) => (step.type === 'model' ? step.role : 'tool'));
    expect(roles).toEqual([
      'planner',
      'caller',
      'tool',
      'planner',
      'caller',
      'tool',
      'planner',
      'summarizer',
    ]);
    for (const [index, step] of trajectory.steps.entries()) expect(step.index).toBe(index);
  });

  it('renders every prompt exactly as the α-UMi contract says, with the system prefix by default', async () => {
    const planner = await scriptedModel('planner', [
      'Look up the city. Next: caller.',
      'Done. Next: conclusion.',
    ]);
    const caller = await scriptedModel('caller', ['Action: search_city\nAction Input: {"name": "Oslo"}']);
    const summarizer = await scriptedModel('summarizer', ['Oslo has id 42.']);
    const { execute } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    await drain(
      runAgent({ task: 'Id of Oslo?', tools: CHAIN_TOOLS, roles: { planner, caller, summarizer }, execute }),
    );

    const docs = CHAIN_TOOLS.map((tool) => tool.doc);
    const afterPlan: Turn[] = [
      { from: 'user', value: 'Id of Oslo?' },
      { from: 'assistant', value: 'Look up the city. Next: caller.' },
    ];
    const afterCall: Turn[] = [
      ...afterPlan,
      { from: 'caller', value: 'Action: search_city\nAction Input: {"name": "Oslo"}' },
      { from: 'observation', value: '{"id": 42, "name": "Oslo"}' },
    ];
    const withPrefix = { systemPrefix: true };
    expect(planner.requests.map((request) => request.prompt)).toEqual([
      plannerInput(docs, afterPlan.slice(0, 1), withPrefix),
      plannerInput(docs, afterCall, withPrefix),
    ]);
    expect(planner.requests[1]?.prompt).toContain(
      'assistant: Look up the city. Next: caller.</s>caller: Action: search_city\nAction Input: {"name": "Oslo"}</s>observation: {"id": 42, "name": "Oslo"}',
    );
    expect(planner.requests[0]?.prompt.startsWith('system: You have assess to the following apis:\n')).toBe(
      true,
    );
    expect(caller.requests[0]?.prompt).toBe(callerInput(docs, afterPlan, withPrefix));
    expect(summarizer.requests[0]?.prompt).toBe(
      summarizerInput(
        docs,
        [...afterCall, { from: 'assistant', value: 'Done. Next: conclusion.' }],
        withPrefix,
      ),
    );
    expect(planner.requests[0]?.options.sampling?.temperature).toBe(0);
    expect(planner.requests[0]?.options.maxTokens).toBe(512);
  });

  it('leaves the system prefix out when the profile says so', async () => {
    const planner = await scriptedModel('planner', ['Nothing fits. Next: give up.']);
    const other = await scriptedModel('other', []);
    await drain(
      runAgent({
        task: 'Book a flight',
        tools: CHAIN_TOOLS,
        roles: { planner, caller: other, summarizer: other },
        execute: recordingExecutor({}).execute,
        profile: { kind: 'alpha-umi', systemPrefix: false },
      }),
    );
    expect(planner.requests[0]?.prompt.startsWith('You have assess')).toBe(true);
  });

  it('gives up without running the caller or the summarizer', async () => {
    const planner = await scriptedModel('planner', ['No API can book flights. Next: give up. Next: caller.']);
    const other = await scriptedModel('other', []);
    const { execute, calls } = recordingExecutor({});
    const { events, trajectory } = await drain(
      runAgent({
        task: 'Book a flight',
        tools: CHAIN_TOOLS,
        roles: { planner, caller: other, summarizer: other },
        execute,
      }),
    );
    expect(trajectory.status).toBe('gave-up');
    expect(trajectory.turns.at(-1)).toEqual({
      from: 'assistant',
      value: 'No API can book flights. Next: give up.',
    });
    expect(events.find((event) => event.type === 'give-up')).toEqual({
      type: 'give-up',
      thought: 'No API can book flights. Next: give up.',
    });
    expect(other.requests).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it('continues a finished run with a follow-up question as a new user turn', async () => {
    const planner = await scriptedModel('planner', [
      'Look up. Next: caller.',
      'Done. Next: conclusion.',
      'Weather now. Next: caller.',
      'Done. Next: conclusion.',
    ]);
    const caller = await scriptedModel('caller', [
      'Action: search_city\nAction Input: {"name": "Oslo"}',
      'Action: get_weather\nAction Input: {"city_id": 42}',
    ]);
    const summarizer = await scriptedModel('summarizer', ['Oslo is 42.', 'It snows.']);
    const roles = { planner, caller, summarizer };
    const execute = recordingExecutor(OSLO_WEATHER_ANSWERS).execute;
    const first = await drain(runAgent({ task: 'Id of Oslo?', tools: CHAIN_TOOLS, roles, execute }));
    const second = await drain(
      runAgent({ task: 'And its weather?', tools: CHAIN_TOOLS, roles, execute, previous: first.trajectory }),
    );
    expect(second.trajectory.id).toBe(first.trajectory.id);
    expect(second.trajectory.status).toBe('answered');
    expect(second.trajectory.answer).toBe('It snows.');
    expect(second.trajectory.turns.slice(0, first.trajectory.turns.length)).toEqual(first.trajectory.turns);
    expect(second.trajectory.turns[first.trajectory.turns.length]).toEqual({
      from: 'user',
      value: 'And its weather?',
    });
    expect(second.trajectory.steps).toHaveLength(first.trajectory.steps.length * 2);
    expect(planner.requests[2]?.prompt).toContain('conclusion: Oslo is 42.</s>user: And its weather?</s>');
    expect(first.trajectory.turns).toHaveLength(6);
  });

  it('records which tools were offered and why, and the request each call sent', async () => {
    const planner = await scriptedModel('planner', ['Look up. Next: caller.', 'Stop. Next: give up.']);
    const caller = await scriptedModel('caller', ['Action: search_city\nAction Input: {"name": "Oslo"}']);
    const toolSelection = { offered: ['search_city'], reason: 'ranked for the task', warnings: [] };
    const { trajectory } = await drain(
      runAgent({
        task: 'Oslo?',
        tools: CHAIN_TOOLS.slice(0, 1),
        toolSelection,
        roles: { planner, caller, summarizer: caller },
        execute: async () => ({
          ...jsonResult({ id: 42 }),
          request: { method: 'GET', url: 'http://127.0.0.1/cities?name=Oslo' },
        }),
      }),
    );
    expect(trajectory.toolSelection).toEqual(toolSelection);
    expect(trajectory.tools).toEqual([CHAIN_TOOLS[0]?.doc]);
    expect((trajectory.steps[2] as ToolStep).request).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1/cities?name=Oslo',
    });
    expect((trajectory.steps[2] as ToolStep).status).toBe(200);
  });

  it('produces a trajectory that survives a JSON round trip unchanged', async () => {
    const planner = await scriptedModel('planner', ['Nothing fits. Next: give up.']);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller: planner, summarizer: planner },
        execute: recordingExecutor({}).execute,
      }),
    );
    expect(JSON.parse(JSON.stringify(trajectory))).toEqual(trajectory);
    expect(trajectory.version).toBe(1);
  });
});
