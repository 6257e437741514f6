import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import {
  CHAIN_TOOLS,
  drain,
  jsonResult,
  recordingExecutor,
  scriptedModel,
} from '../testing/agent-test-kit.ts';
import { EarlyCall, wholeAlphaUmiCall } from './early-call.ts';
import { runAgent } from './run-agent.ts';
import type { ModelStep, ToolStep } from './trajectory.ts';

const answers = { search_city: () => jsonResult({ id: 42, name: 'Oslo' }) };

describe('the whole call in a caller output so far', () => {
  it('is there only once the arguments after Action Input are a closed JSON object', () => {
    expect(wholeAlphaUmiCall('Action: search_city')).toBeUndefined();
    expect(wholeAlphaUmiCall('Action: search_city\nAction Input: {"name": "Os')).toBeUndefined();
    expect(wholeAlphaUmiCall('Action: search_city\nAction Input: {"name": "Oslo"}')).toEqual({
      action: 'search_city',
      actionInput: '{"name": "Oslo"}',
    });
  });
});

describe('starting the tool call before the caller has ended', () => {
  const early = () => {
    const { execute, calls } = recordingExecutor(answers);
    const call = new EarlyCall({
      whole: wholeAlphaUmiCall,
      names: new Set(['search_city']),
      execute,
      signal: new AbortController().signal,
      now: () => 7,
    });
    return { call, calls };
  };

  it('starts the call once, the first time the output holds it whole', () => {
    const { call, calls } = early();
    call.watch('Action: search_city\nAction Input: {"name": ');
    expect(call.started).toBeUndefined();
    call.watch('Action: search_city\nAction Input: {"name": "Oslo"}');
    call.watch('Action: search_city\nAction Input: {"name": "Oslo"}\n');
    expect(calls).toEqual([{ name: 'search_city', arguments: { name: 'Oslo' } }]);
    expect(call.started?.startedAt).toBe(7);
  });

  it('never starts a call of a tool that is not offered, or whose arguments are not an object', () => {
    const { call, calls } = early();
    call.watch('Action: delete_everything\nAction Input: {}');
    call.watch('Action: search_city\nAction Input: ["Oslo"]');
    call.watch("Action: search_city\nAction Input: {'name': }");
    expect(calls).toEqual([]);
    expect(call.started).toBeUndefined();
  });

  it('calls the API while a grammar-constrained caller is still finishing, and records that one call', async () => {
    const planner = await scriptedModel('planner', [
      'Find the id of Oslo. Next: caller.',
      'Done. Next: conclusion.',
    ]);
    // A caller that takes grammars and pauses 80 ms after each token, its end-of-sequence included.
    const caller = new ScriptedEngine({
      modelId: 'caller',
      responses: ['Action: search_city\nAction Input: {"name": "Oslo"}'],
      capabilities: { grammar: true },
      tokenDelayMs: 80,
    });
    await caller.load();
    const summarizer = await scriptedModel('summarizer', ['Oslo has id 42.']);
    const { execute, calls } = recordingExecutor(answers);
    const { trajectory } = await drain(
      runAgent({ task: 'Id of Oslo?', tools: CHAIN_TOOLS, roles: { planner, caller, summarizer }, execute }),
    );

    expect(trajectory.status).toBe('answered');
    expect(calls).toHaveLength(1);
    const callerStep = trajectory.steps.find(
      (step) => step.type === 'model' && step.role === 'caller',
    ) as ModelStep;
    const toolStep = trajectory.steps.find((step) => step.type === 'tool') as ToolStep;
    expect(toolStep.arguments).toEqual({ name: 'Oslo' });
    expect(toolStep.observation).toBe('{"id": 42, "name": "Oslo"}');
    expect(toolStep.startedAt).toBeLessThan(callerStep.startedAt + callerStep.durationMs - 40);
  });

  it('waits for the end of an unconstrained caller, whose output could still change the call', async () => {
    const planner = await scriptedModel('planner', [
      'Find the id of Oslo. Next: caller.',
      'Done. Next: conclusion.',
    ]);
    const caller = await scriptedModel('caller', ['Action: search_city\nAction Input: {"name": "Oslo"}'], 40);
    const summarizer = await scriptedModel('summarizer', ['Oslo has id 42.']);
    const { execute } = recordingExecutor(answers);
    const { trajectory } = await drain(
      runAgent({ task: 'Id of Oslo?', tools: CHAIN_TOOLS, roles: { planner, caller, summarizer }, execute }),
    );

    const callerStep = trajectory.steps.find(
      (step) => step.type === 'model' && step.role === 'caller',
    ) as ModelStep;
    const toolStep = trajectory.steps.find((step) => step.type === 'tool') as ToolStep;
    expect(toolStep.startedAt).toBeGreaterThanOrEqual(callerStep.startedAt + callerStep.durationMs);
  });
});
