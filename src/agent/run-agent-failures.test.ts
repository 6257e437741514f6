import { describe, expect, it } from 'vitest';
import {
  CHAIN_TOOLS,
  drain,
  OSLO_WEATHER_ANSWERS,
  recordingExecutor,
  scriptedModel,
} from '../testing/agent-test-kit.ts';
import { runAgent } from './run-agent.ts';
import type { ModelStep, ToolStep } from './trajectory.ts';

describe('runAgent (α-UMi) when a model, a tool or the user goes wrong', () => {
  it('turns a hallucinated API name into the SPEC observation, flags it, and carries on', async () => {
    const planner = await scriptedModel('planner', ['Call it. Next: caller.', 'It failed. Next: give up.']);
    const caller = await scriptedModel('caller', ['Action: get_forecast\nAction Input: {"city": "Oslo"}']);
    const { execute, calls } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    const { events, trajectory } = await drain(
      runAgent({
        task: 'Forecast?',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute,
      }),
    );
    const toolStep = trajectory.steps.find((step): step is ToolStep => step.type === 'tool');
    expect(toolStep?.observation).toBe('{"error": "No such function name: get_forecast", "response": ""}');
    expect(toolStep?.flags.hallucinated).toBe(true);
    expect(calls).toHaveLength(0);
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({
      hallucinated: true,
      ok: false,
    });
    expect(trajectory.status).toBe('gave-up');
  });

  it('records malformed Action Input as an invalid step with an error observation, without calling the API', async () => {
    const planner = await scriptedModel('planner', [
      'Call. Next: caller.',
      'Call again. Next: caller.',
      'Stop. Next: give up.',
    ]);
    const caller = await scriptedModel('caller', [
      'Action: search_city\nAction Input: {"name": "Oslo"',
      'Action: search_city\nAction Input: ["Oslo"]',
    ]);
    const { execute, calls } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    const { trajectory } = await drain(
      runAgent({
        task: 'Oslo?',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute,
      }),
    );
    const toolSteps = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
    expect(toolSteps).toHaveLength(2);
    for (const step of toolSteps) {
      expect(step.flags.invalid).toBe(true);
      expect(step.ok).toBe(false);
      expect(JSON.parse(step.observation)).toMatchObject({ response: '' });
    }
    expect(JSON.parse(toolSteps[0]?.observation ?? '').error).toMatch(/^Action Input is not valid JSON/);
    expect(JSON.parse(toolSteps[1]?.observation ?? '').error).toBe(
      'Action Input must be a JSON object of arguments',
    );
    expect(calls).toHaveLength(0);
    expect(trajectory.status).toBe('gave-up');
  });

  it('flags a caller output without any Action as invalid, not as a hallucination', async () => {
    const planner = await scriptedModel('planner', ['Call. Next: caller.', 'Stop. Next: give up.']);
    const caller = await scriptedModel('caller', ['I do not know what to call']);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute: recordingExecutor({}).execute,
      }),
    );
    const [, callerStep, toolStep] = trajectory.steps;
    expect((callerStep as ModelStep).flags.invalid).toBe(true);
    expect((toolStep as ToolStep).flags).toEqual({ invalid: true });
    expect((toolStep as ToolStep).observation).toBe(
      '{"error": "No such function name: none", "response": ""}',
    );
  });

  it('generates the planner again on empty output and ends with a model error after five empty tries', async () => {
    const planner = await scriptedModel('planner', ['', '  ', '.', ',', '\n']);
    const other = await scriptedModel('other', []);
    const { events, trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller: other, summarizer: other },
        execute: recordingExecutor({}).execute,
      }),
    );
    expect(trajectory.status).toBe('error');
    expect(trajectory.error).toMatchObject({ name: 'ModelError', fault: 'model' });
    expect(trajectory.error?.message).toContain('5 tries');
    expect(trajectory.steps).toHaveLength(5);
    expect(trajectory.steps.map((step) => (step as ModelStep).flags)).toEqual([
      { invalid: true },
      { retries: 1, invalid: true },
      { retries: 2, invalid: true },
      { retries: 3, invalid: true },
      { retries: 4, invalid: true },
    ]);
    expect(events.filter((event) => event.type === 'error')).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });

  it('uses a planner retry that succeeds', async () => {
    const planner = await scriptedModel('planner', ['', 'Nothing to do. Next: give up.']);
    const other = await scriptedModel('other', []);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller: other, summarizer: other },
        execute: recordingExecutor({}).execute,
      }),
    );
    expect(trajectory.status).toBe('gave-up');
    expect(trajectory.steps).toHaveLength(2);
  });

  it('stops mid-generation on abort, keeping the partial step and losing nothing before it', async () => {
    const controller = new AbortController();
    const planner = await scriptedModel('planner', ['Find the city. Next: caller.']);
    const longCall = `Action: search_city\nAction Input: {"name": "${'Oslo '.repeat(200)}"}`;
    const caller = await scriptedModel('caller', [longCall], 2);
    const { execute, calls } = recordingExecutor(OSLO_WEATHER_ANSWERS);
    const run = runAgent({
      task: 'Oslo?',
      tools: CHAIN_TOOLS,
      roles: { planner, caller, summarizer: caller },
      execute,
      signal: controller.signal,
    });
    const events = [];
    let deltas = 0;
    let result = await run.next();
    while (result.done !== true) {
      events.push(result.value);
      if (result.value.type === 'token-delta' && result.value.role === 'caller' && ++deltas === 3)
        controller.abort();
      result = await run.next();
    }
    const trajectory = result.value;
    expect(trajectory.status).toBe('aborted');
    expect(calls).toHaveLength(0);
    const callerStep = trajectory.steps[1] as ModelStep;
    expect(callerStep.role).toBe('caller');
    expect(callerStep.output.length).toBeGreaterThan(0);
    expect(callerStep.output.length).toBeLessThan(longCall.length);
    expect(trajectory.steps[0]).toMatchObject({ role: 'planner', decision: 'call' });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'aborted' });
    expect(events.some((event) => event.type === 'error')).toBe(false);
  });

  it('ends as aborted when the signal fires while a tool is running', async () => {
    const controller = new AbortController();
    const planner = await scriptedModel('planner', ['Call. Next: caller.']);
    const caller = await scriptedModel('caller', ['Action: search_city\nAction Input: {"name": "Oslo"}']);
    const { trajectory } = await drain(
      runAgent({
        task: 'Oslo?',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        signal: controller.signal,
        execute: (_call, signal) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
            controller.abort();
          }),
      }),
    );
    expect(trajectory.status).toBe('aborted');
    expect(trajectory.steps).toHaveLength(2);
  });

  it('turns an executor that throws into a failed-call observation', async () => {
    const planner = await scriptedModel('planner', ['Call. Next: caller.', 'Failed. Next: give up.']);
    const caller = await scriptedModel('caller', ['Action: search_city\nAction Input: {"name": "Oslo"}']);
    const { trajectory } = await drain(
      runAgent({
        task: 'Oslo?',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute: async () => {
          throw new Error('socket hang up');
        },
      }),
    );
    const toolStep = trajectory.steps[2] as ToolStep;
    expect(toolStep.observation).toBe('{"error": "socket hang up", "response": ""}');
    expect(trajectory.status).toBe('gave-up');
  });

  it('writes failed calls and long bodies as the SPEC observation, cut at 1024 code points', async () => {
    const planner = await scriptedModel('planner', [
      'a. Next: caller.',
      'b. Next: caller.',
      'c. Next: give up.',
    ]);
    const caller = await scriptedModel('caller', [
      'Action: search_city\nAction Input: {"name": "x"}',
      'Action: get_weather\nAction Input: {"city_id": 1}',
    ]);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute: recordingExecutor({
          search_city: () => ({
            ok: false,
            status: 500,
            error: 'HTTP 500',
            responseText: 'boom',
            durationMs: 1,
          }),
          get_weather: () => ({
            ok: true,
            status: 200,
            body: '😀'.repeat(2000),
            isJson: false,
            durationMs: 1,
          }),
        }).execute,
      }),
    );
    const [failed, long] = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
    expect(failed?.observation).toBe('{"error": "HTTP 500", "response": "boom"}');
    expect(failed?.status).toBe(500);
    expect(long?.observation).toBe(`${'😀'.repeat(1024)}...`);
  });

  it('stops after the step limit with a clear error', async () => {
    const planner = await scriptedModel('planner', ['a. Next: caller.', 'b. Next: caller.']);
    const caller = await scriptedModel('caller', [
      'Action: search_city\nAction Input: {}',
      'Action: search_city\nAction Input: {}',
    ]);
    const { trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute: recordingExecutor(OSLO_WEATHER_ANSWERS).execute,
        maxSteps: 2,
      }),
    );
    expect(trajectory.status).toBe('max-steps');
    expect(trajectory.error?.message).toContain('within 2 steps');
  });

  it('ends with an engine error event when a model fails, keeping the steps before it', async () => {
    const planner = await scriptedModel('planner', ['a. Next: caller.']);
    const caller = await scriptedModel('caller', []);
    const { events, trajectory } = await drain(
      runAgent({
        task: 'x',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer: caller },
        execute: recordingExecutor({}).execute,
      }),
    );
    expect(trajectory.status).toBe('error');
    expect(trajectory.error).toMatchObject({ name: 'EngineError', fault: 'engine' });
    expect(trajectory.steps).toHaveLength(1);
    expect(events.at(-2)).toMatchObject({ type: 'error' });
  });

  it('refuses an empty task with a user error before running anything', async () => {
    const engine = await scriptedModel('x', []);
    const run = runAgent({
      task: '  ',
      tools: CHAIN_TOOLS,
      roles: { planner: engine, caller: engine, summarizer: engine },
      execute: recordingExecutor({}).execute,
    });
    await expect(run.next()).rejects.toMatchObject({ name: 'UserError', fault: 'user' });
  });
});
