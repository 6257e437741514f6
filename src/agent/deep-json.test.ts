import { describe, expect, it } from 'vitest';
import {
  CHAIN_TOOLS,
  drain,
  jsonResult,
  recordingExecutor,
  scriptedModel,
} from '../testing/agent-test-kit.ts';
import { parseChatCallerOutput } from './chat-parsers.ts';
import type { JsonValue } from './json.ts';
import { runAgent } from './run-agent.ts';

/** A JSON value nested `depth` levels deep. */
function nested(depth: number): JsonValue {
  let value: JsonValue = 1;
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

const deepText = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('deeply nested JSON from models and tools (fuzzing regressions)', () => {
  it('reads a chat caller reply whose arguments nest 3,000 deep as no action, without a stack overflow', () => {
    const reply = `{"name": "search_city", "arguments": {"name": ${deepText(3000)}}}`;
    expect(parseChatCallerOutput(reply)).toEqual({ action: 'none', actionInput: '{}' });
  });

  it('records an Action Input nested 5,000 deep as an invalid call, and the run still ends', async () => {
    const planner = await scriptedModel('planner', ['Find it. Next: caller.', 'Done. Next: conclusion.']);
    const caller = await scriptedModel('caller', [
      `Action: search_city\nAction Input: {"name": ${deepText(5000)}}`,
    ]);
    const summarizer = await scriptedModel('summarizer', ['No answer.']);
    const { execute, calls } = recordingExecutor({});
    const { events, trajectory } = await drain(
      runAgent({
        task: 'Weather in Oslo?',
        tools: CHAIN_TOOLS,
        roles: { planner, caller, summarizer },
        execute,
      }),
    );
    expect(events.at(-1)?.type).toBe('run-end');
    expect(trajectory.status).toBe('answered');
    expect(calls).toEqual([]);
    const step = trajectory.steps[2];
    expect(step?.type === 'tool' && step.flags.invalid).toBe(true);
    expect(step?.type === 'tool' && step.observation).toMatch(
      /Nesting deeper than 1000: line 1 column 1009 \(char 1008\)/,
    );
  });

  it('records a tool answer nested 3,000 deep as a failed call that says why', async () => {
    const backbone = await scriptedModel('backbone', [
      'Find it.\nAction: search_city\nAction Input: {"name": "Oslo"}',
      'conclusion: no',
    ]);
    const { execute } = recordingExecutor({ search_city: () => jsonResult(nested(3000)) });
    const { trajectory } = await drain(
      runAgent({ task: 'Weather in Oslo?', tools: CHAIN_TOOLS, roles: { backbone }, execute }),
    );
    expect(trajectory.status).toBe('answered');
    const step = trajectory.steps[1];
    expect(step?.type === 'tool' && step.observation).toBe(
      '{"error": "The response nests more than 1000 levels deep, too deep to read.", "response": ""}',
    );
  });
});
