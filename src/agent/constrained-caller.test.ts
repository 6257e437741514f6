import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { CHAIN_TOOLS, drain, recordingExecutor } from '../testing/agent-test-kit.ts';
import { answerGrammar } from './answer-grammar.ts';
import { callerGrammar, docObjectSchema } from './caller-grammar.ts';
import { runAgent } from './run-agent.ts';

const CALL = 'Action: search_city\nAction Input: {"name": "Lausanne"}';

async function runWith(
  grammar: boolean,
  constrainedCaller?: boolean,
  grounding?: boolean,
  answerVocabulary?: string[],
) {
  const engine = (responses: string[]) =>
    new ScriptedEngine({ modelId: 'm', responses, capabilities: { grammar } });
  const planner = engine(['Find the city. Next: caller.', 'Done. Next: conclusion.']);
  const caller = engine([CALL]);
  const summarizer = engine(['Found it.']);
  await Promise.all([planner.load(), caller.load(), summarizer.load()]);
  const { execute } = recordingExecutor({
    search_city: () => ({ ok: true, status: 200, body: [], isJson: true, durationMs: 1 }),
  });
  const { trajectory } = await drain(
    runAgent({
      task: 'Find Lausanne',
      tools: CHAIN_TOOLS,
      roles: { planner, caller, summarizer },
      execute,
      ...(constrainedCaller === undefined ? {} : { constrainedCaller }),
      ...(grounding === undefined ? {} : { grounding }),
      ...(answerVocabulary ? { profile: { kind: 'alpha-umi', systemPrefix: true, answerVocabulary } } : {}),
    }),
  );
  return { planner, caller, summarizer, trajectory };
}

describe('constrained caller', () => {
  it('asks a grammar-capable caller engine for the caller grammar grounded in the task by default, and only the caller', async () => {
    const { planner, caller, trajectory } = await runWith(true);
    expect(caller.requests[0]?.options.constraint).toEqual({
      type: 'grammar',
      grammar: callerGrammar(
        CHAIN_TOOLS.map((tool) => ({ name: tool.name, schema: tool.parameters })),
        { texts: ['Find Lausanne'] },
      ),
    });
    expect(planner.requests.every((request) => request.options.constraint === undefined)).toBe(true);
    const callerStep = trajectory.steps.find((step) => step.type === 'model' && step.role === 'caller');
    expect(callerStep?.flags.constrained).toBe(true);
  });

  it('leaves the grounding out when switched off', async () => {
    const { caller } = await runWith(true, true, false);
    expect(caller.requests[0]?.options.constraint).toEqual({
      type: 'grammar',
      grammar: callerGrammar(CHAIN_TOOLS.map((tool) => ({ name: tool.name, schema: tool.parameters }))),
    });
  });

  it('grounds the summarizer’s words in the task and observations when the profile lists its answer vocabulary', async () => {
    const texts = ['Find Lausanne', '[]'];
    const plain = await runWith(true);
    expect(plain.summarizer.requests[0]?.options.constraint).toEqual({
      type: 'grammar',
      grammar: answerGrammar({ texts }),
    });
    const worded = await runWith(true, true, true, ['Found', 'it']);
    expect(worded.summarizer.requests[0]?.options.constraint).toEqual({
      type: 'grammar',
      grammar: answerGrammar({ texts }, ['Found', 'it']),
    });
    const ungrounded = await runWith(true, true, false, ['Found', 'it']);
    expect(ungrounded.summarizer.requests[0]?.options.constraint).toBeUndefined();
  });

  it('sends no constraint when switched off or when the caller engine has no grammars', async () => {
    for (const [grammar, constrained] of [
      [true, false],
      [false, undefined],
    ] as const) {
      const { caller, trajectory } = await runWith(grammar, constrained);
      expect(caller.requests[0]?.options.constraint).toBeUndefined();
      expect(trajectory.status).toBe('answered');
    }
  });
});

describe('caller grammar', () => {
  it('offers each name once with its own arguments rule, in the json.dumps style', () => {
    const grammar = callerGrammar([
      {
        name: 'get_weather',
        schema: {
          type: 'object',
          properties: { city_id: { type: 'integer' }, units: { enum: ['metric', 'imperial'] } },
          required: ['city_id'],
        },
      },
      { name: 'list "todos"', schema: { type: 'object', properties: {} } },
    ]);
    const root = grammar.split('\n')[0] ?? '';
    expect(root).toMatch(
      /^root ::= "Action: " \( "get_weather" "\\nAction Input: " r\d+ \| "list \\"todos\\"" /,
    );
    expect(grammar).toContain('"\\"city_id\\": " integer');
    expect(grammar).toContain('"\\"metric\\"" | "\\"imperial\\""');
    expect(grammar).toMatch(/r\d+ ::= "\{\}"/);
  });

  it('reads the types of an α-UMi doc object as a schema with nothing required', () => {
    expect(
      docObjectSchema({
        Name: 'x',
        function: 'f',
        input: { city_id: 'integer, id', q: 'string', odd: 'weird, ?' },
      }),
    ).toEqual({
      type: 'object',
      properties: { city_id: { type: 'integer' }, q: { type: 'string' }, odd: {} },
    });
  });
});
