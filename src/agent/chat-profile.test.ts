import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { CHAIN_TOOLS, drain, recordingExecutor } from '../testing/agent-test-kit.ts';
import { parseChatCallerOutput, parseChatPlannerOutput } from './chat-parsers.ts';
import { chatCallerMessages, chatPlannerMessages } from './chat-prompts.ts';
import { callerSchema, PLANNER_SCHEMA } from './chat-schemas.ts';
import { runAgent } from './run-agent.ts';

async function chatModel(modelId: string, responses: string[], capabilities = {}) {
  const engine = new ScriptedEngine({ modelId, responses, capabilities: { chat: true, ...capabilities } });
  await engine.load();
  return engine;
}

async function runChain(capabilities = {}) {
  const planner = await chatModel(
    'planner',
    [
      '{"thought": "Find the city id of Lausanne.", "next": "caller"}',
      '{"thought": "Get the weather for id 7.", "next": "caller"}',
      'Sure! {"thought": "I have the weather.", "next": "conclusion"}',
    ],
    capabilities,
  );
  const caller = await chatModel(
    'caller',
    [
      '{"name": "search_city", "arguments": {"name": "Lausanne"}}',
      '{"name": "get_weather", "arguments": {"city_id": 7}}',
    ],
    capabilities,
  );
  const summarizer = await chatModel('summarizer', ['It is 21 degrees in Lausanne.'], capabilities);
  const { execute, calls } = recordingExecutor({
    search_city: () => ({
      ok: true,
      status: 200,
      body: [{ id: 7, name: 'Lausanne' }],
      isJson: true,
      durationMs: 1,
    }),
    get_weather: () => ({ ok: true, status: 200, body: { temperature: 21 }, isJson: true, durationMs: 1 }),
  });
  const run = runAgent({
    task: 'Weather in Lausanne?',
    tools: CHAIN_TOOLS,
    roles: { planner, caller, summarizer },
    execute,
    profile: { kind: 'chat' },
  });
  return { ...(await drain(run)), calls, planner, caller, summarizer };
}

describe('chat profile', () => {
  it('runs the same three-role loop through chat messages and JSON replies', async () => {
    const { trajectory, calls, planner } = await runChain();
    expect(trajectory.status).toBe('answered');
    expect(trajectory.answer).toBe('It is 21 degrees in Lausanne.');
    expect(calls).toEqual([
      { name: 'search_city', arguments: { name: 'Lausanne' } },
      { name: 'get_weather', arguments: { city_id: 7 } },
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
    expect(trajectory.turns[1]?.value).toBe('Find the city id of Lausanne. Next: caller.');
    expect(planner.requests.every((request) => request.kind === 'chat')).toBe(true);
  });

  it('keeps each planner request a prefix of the next, so a chat engine can reuse its cache', async () => {
    const { planner } = await runChain();
    const prompts = planner.requests.map((request) =>
      request.prompt.replace(/<\|im_start\|>assistant\n$/, ''),
    );
    for (let i = 1; i < prompts.length; i++) expect(prompts[i]?.startsWith(prompts[i - 1] ?? '')).toBe(true);
  });

  it('constrains the planner and caller with JSON Schemas where the engines take them', async () => {
    const { planner, caller } = await runChain({ jsonSchema: true });
    expect(planner.requests[0]?.options.constraint).toEqual({ type: 'json-schema', schema: PLANNER_SCHEMA });
    expect(caller.requests[0]?.options.constraint).toEqual({
      type: 'json-schema',
      schema: callerSchema(CHAIN_TOOLS),
    });
    const unconstrained = await runChain();
    expect(unconstrained.caller.requests[0]?.options.constraint).toBeUndefined();
  });

  it('sends messages as ChatML text to an engine without a chat template', async () => {
    const planner = new ScriptedEngine({
      modelId: 'raw',
      responses: ['{"thought": "Nothing here can do that.", "next": "give up"}'],
      capabilities: { chat: false },
    });
    await planner.load();
    const { trajectory } = await drain(
      runAgent({
        task: 'Book a flight',
        tools: CHAIN_TOOLS,
        roles: { planner, caller: planner, summarizer: planner },
        execute: recordingExecutor({}).execute,
        profile: { kind: 'chat' },
      }),
    );
    expect(trajectory.status).toBe('gave-up');
    expect(planner.requests[0]?.kind).toBe('complete');
    expect(planner.requests[0]?.prompt).toMatch(/^<\|im_start\|>system\nYou are the planner/);
  });
});

describe('chat replies', () => {
  it('reads a planner reply as an α-UMi plan and asks again for anything else', () => {
    expect(parseChatPlannerOutput('{"thought": "Done.", "next": "conclusion"}')).toEqual({
      type: 'plan',
      decision: 'finish',
      thought: 'Done. Next: conclusion.',
    });
    for (const bad of [
      '',
      'caller',
      '{"thought": "x", "next": "later"}',
      '{"thought": " ", "next": "caller"}',
    ])
      expect(parseChatPlannerOutput(bad)).toEqual({ type: 'retry' });
  });

  it('reads a caller reply as a name and Python-serialized arguments, and no name as none', () => {
    expect(
      parseChatCallerOutput('```json\n{"name": "get_weather", "arguments": {"city_id": 7}}\n```'),
    ).toEqual({
      action: 'get_weather',
      actionInput: '{"city_id": 7}',
    });
    expect(parseChatCallerOutput('I would call get_weather')).toEqual({ action: 'none', actionInput: '{}' });
  });

  it('gives the caller each planner thought as a user message and its own calls as assistant messages', () => {
    const messages = chatCallerMessages(CHAIN_TOOLS, [
      { from: 'user', value: 'Weather in Lausanne?' },
      { from: 'assistant', value: 'Find the city. Next: caller.' },
      { from: 'caller', value: 'Action: search_city\nAction Input: {"name": "Lausanne"}' },
      { from: 'observation', value: '[{"id": 7}]' },
      { from: 'assistant', value: 'Get the weather for id 7. Next: caller.' },
    ]);
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]?.content).toBe('The user asked: Weather in Lausanne?\nThought: Find the city.');
    expect(messages[2]?.content).toBe('{"name": "search_city", "arguments": {"name": "Lausanne"}}');
    expect(messages[3]?.content).toBe('The API returned: [{"id": 7}]\nThought: Get the weather for id 7.');
    expect(chatPlannerMessages(CHAIN_TOOLS, [])[0]?.content).toContain(
      '- search_city(name: string): Find a city by name.',
    );
  });
});
