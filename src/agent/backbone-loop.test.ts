import { describe, expect, it } from 'vitest';
import {
  CHAIN_TOOLS,
  drain,
  jsonResult,
  recordingExecutor,
  scriptedModel,
} from '../testing/agent-test-kit.ts';
import { backboneInput } from './alpha-umi-prompts.ts';
import { runAgent } from './run-agent.ts';
import type { ModelStep, ToolStep } from './trajectory.ts';

const answers = {
  search_city: () => jsonResult({ id: 42 }),
  get_weather: () => jsonResult({ sky: 'snow' }),
};

describe('runAgent (single-LLM backbone baseline)', () => {
  it('plans, calls and answers with one model, rendering the history in the backbone format', async () => {
    const backbone = await scriptedModel('backbone', [
      'Find the city.\nAction: search_city\nAction Input: {"name": "Oslo"}',
      'Now the weather.\nAction: get_weather\nAction Input: {"city_id": 42}',
      'I know it.\nconclusion: It snows in Oslo.',
    ]);
    const { execute, calls } = recordingExecutor(answers);
    const { trajectory, events } = await drain(
      runAgent({ task: 'Weather in Oslo?', tools: CHAIN_TOOLS, roles: { backbone }, execute }),
    );
    expect(trajectory.mode).toBe('backbone');
    expect(trajectory.status).toBe('answered');
    expect(trajectory.answer).toBe('It snows in Oslo.');
    expect(calls.map((call) => call.name)).toEqual(['search_city', 'get_weather']);
    expect(trajectory.turns).toEqual([
      { from: 'user', value: 'Weather in Oslo?' },
      { from: 'assistant', value: 'Find the city. Next: caller.' },
      { from: 'caller', value: 'Action: search_city\nAction Input: {"name": "Oslo"}' },
      { from: 'observation', value: '{"id": 42}' },
      { from: 'assistant', value: 'Now the weather. Next: caller.' },
      { from: 'caller', value: 'Action: get_weather\nAction Input: {"city_id": 42}' },
      { from: 'observation', value: '{"sky": "snow"}' },
      { from: 'assistant', value: 'I know it. Next: conclusion.' },
      { from: 'conclusion', value: 'It snows in Oslo.' },
    ]);
    const docs = CHAIN_TOOLS.map((tool) => tool.doc);
    expect(backbone.requests[1]?.prompt).toBe(
      backboneInput(docs, trajectory.turns.slice(0, 4), { systemPrefix: true }),
    );
    expect(backbone.requests[1]?.prompt).toContain(
      'user: Weather in Oslo?</s>assistant: Find the city.\nAction: search_city\nAction Input: {"name": "Oslo"}</s>observation: {"id": 42}',
    );
    expect(
      events
        .filter((event) => event.type === 'plan-decision')
        .map((event) => event.type === 'plan-decision' && event.decision),
    ).toEqual(['call', 'call', 'finish']);
    expect(trajectory.steps.map((step) => (step.type === 'model' ? step.role : 'tool'))).toEqual([
      'backbone',
      'tool',
      'backbone',
      'tool',
      'backbone',
    ]);
  });

  it('gives up when the model concludes with give up', async () => {
    const backbone = await scriptedModel('backbone', ['No tool books flights.\nconclusion: give up.']);
    const { trajectory } = await drain(
      runAgent({
        task: 'Book a flight',
        tools: CHAIN_TOOLS,
        roles: { backbone },
        execute: recordingExecutor({}).execute,
      }),
    );
    expect(trajectory.status).toBe('gave-up');
    expect(trajectory.turns.at(-1)).toEqual({
      from: 'assistant',
      value: 'No tool books flights. Next: give up.',
    });
    expect((trajectory.steps[0] as ModelStep).decision).toBe('give up');
  });

  it('flags hallucinated names and output with no action, and keeps going', async () => {
    const backbone = await scriptedModel('backbone', [
      'Try.\nAction: book_flight\nAction Input: {}',
      'Hmm, no idea',
      'conclusion: give up',
    ]);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { backbone },
        execute: recordingExecutor({}).execute,
      }),
    );
    const tools = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
    expect(tools.map((step) => step.flags)).toEqual([{ hallucinated: true }, { invalid: true }]);
    expect((trajectory.steps[2] as ModelStep).flags.invalid).toBe(true);
    expect(trajectory.status).toBe('gave-up');
  });

  it('refuses to continue an α-UMi run in backbone mode', async () => {
    const backbone = await scriptedModel('backbone', ['conclusion: give up']);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { backbone },
        execute: recordingExecutor({}).execute,
      }),
    );
    const planner = await scriptedModel('planner', []);
    const run = runAgent({
      task: 'y',
      tools: CHAIN_TOOLS,
      roles: { planner, caller: planner, summarizer: planner },
      execute: recordingExecutor({}).execute,
      previous: trajectory,
    });
    await expect(run.next()).rejects.toMatchObject({ name: 'UserError' });
  });
});
