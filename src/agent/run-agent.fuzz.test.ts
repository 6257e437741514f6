import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { CHAIN_TOOLS, jsonResult } from '../testing/agent-test-kit.ts';
import { fragmentText, hugeText, jsonValue, loopOutput } from '../testing/fuzz-arbitraries.ts';
import { checkFuzz, fuzzTimeoutMs, reportFuzzTotal } from '../testing/fuzz-runs.ts';
import type { ToolExecutor, ToolResult } from '../tools/tool.ts';
import { UserError } from './errors.ts';
import type { AgentEvent } from './events.ts';
import type { JsonValue } from './json.ts';
import { runAgent } from './run-agent.ts';
import type { AlphaUmiRoles, BackboneRoles, RunAgentOptions } from './run-options.ts';
import type { RunStatus, Trajectory } from './trajectory.ts';

reportFuzzTotal('agent loops');

const FINAL_STATUSES: RunStatus[] = ['answered', 'gave-up', 'error', 'aborted', 'max-steps'];
const PLANNER_ATTEMPTS = 5;
const RUNS = 60;
const CASE_TIMEOUT_MS = 10_000;
/** Messages of JavaScript's own failures, which tell a user nothing about what went wrong. */
const INTERNAL_ERROR =
  /Maximum call stack|is not a function|Cannot read propert|is not defined|Invalid string length/;

/** A JSON value nested `depth` levels deep, as a careless API might answer. */
function nested(depth: number): JsonValue {
  let value: JsonValue = 1;
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** What the executor does with a call: answer (JSON, text, failure, deep JSON, huge text) or throw. */
type ToolAnswer =
  | { json: JsonValue }
  | { text: string }
  | { failure: string; responseText: string }
  | { throwError: string }
  | { throwValue: string }
  | { depth: number };

const toolAnswer: fc.Arbitrary<ToolAnswer> = fc.oneof(
  fc.record({ json: jsonValue(3) }),
  fc.record({ text: fc.oneof({ weight: 6, arbitrary: fragmentText() }, { weight: 1, arbitrary: hugeText }) }),
  fc.record({ failure: fragmentText(), responseText: fragmentText() }),
  fc.record({ throwError: fragmentText() }),
  fc.record({ throwValue: fragmentText() }),
  fc.record({ depth: fc.integer({ min: 1, max: 5000 }) }),
);

/** Carries out a drawn answer. */
function answer(drawn: ToolAnswer): ToolResult {
  if ('json' in drawn) return jsonResult(drawn.json);
  if ('text' in drawn) return { ok: true, body: drawn.text, isJson: false, durationMs: 1 };
  if ('failure' in drawn)
    return { ok: false, error: drawn.failure, responseText: drawn.responseText, durationMs: 1 };
  if ('throwError' in drawn) throw new Error(drawn.throwError);
  if ('throwValue' in drawn) throw drawn.throwValue;
  return jsonResult(nested(drawn.depth));
}

/** Replies of one scripted model: used in order (and running out), or cycled for ever. */
interface Replies {
  outputs: string[];
  cycle: boolean;
  grammar: boolean;
}

const replies: fc.Arbitrary<Replies> = fc.record({
  outputs: fc.array(loopOutput, { maxLength: 10 }),
  cycle: fc.boolean(),
  grammar: fc.boolean(),
});

/** A scripted model whose replies were drawn by fast-check; grammars are accepted and ignored. */
async function fuzzedModel(role: string, drawn: Replies): Promise<ScriptedEngine> {
  let next = 0;
  const engine = new ScriptedEngine({
    modelId: role,
    responses: drawn.cycle ? () => drawn.outputs[next++ % drawn.outputs.length] ?? '' : drawn.outputs,
    capabilities: { grammar: drawn.grammar },
  });
  await engine.load();
  return engine;
}

const common = {
  task: fc.oneof({ weight: 9, arbitrary: fc.constant('Weather in Oslo?') }, fragmentText(20)),
  answers: fc.array(toolAnswer, { minLength: 1, maxLength: 5 }),
  maxSteps: fc.integer({ min: 1, max: 3 }),
  // Few tokens: replies get cut (tags included), and runs stay fast (a scripted token takes ~1.5 ms).
  maxTokens: fc.integer({ min: 2, max: 32 }),
  abortAfterEvents: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.nat(80) },
  ),
};

/** Drains a run, aborting after some events when asked; returns every event and the final trajectory. */
async function runFuzzed(
  options: Omit<RunAgentOptions, 'tools' | 'execute' | 'signal'>,
  answers: readonly ToolAnswer[],
  abortAfterEvents: number | null,
): Promise<{ events: AgentEvent[]; trajectory: Trajectory }> {
  let calls = 0;
  const execute: ToolExecutor = async () => {
    const drawn = answers[calls++ % answers.length];
    if (drawn === undefined) throw new Error('no tool answer drawn');
    return answer(drawn);
  };
  const controller = new AbortController();
  const run = runAgent({ ...options, tools: CHAIN_TOOLS, execute, signal: controller.signal });
  const events: AgentEvent[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done === true) return { events, trajectory: next.value };
    events.push(next.value);
    if (events.length === abortAfterEvents) controller.abort();
  }
}

/** The guarantees every run keeps, whatever its models and tools did. */
function expectRecordedEnd(
  events: AgentEvent[],
  trajectory: Trajectory,
  maxSteps: number,
  stepsPerTurn: number,
): void {
  const end = events.at(-1);
  expect(end?.type).toBe('run-end');
  expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);
  if (end?.type !== 'run-end') return;
  expect(FINAL_STATUSES).toContain(end.status);
  expect(trajectory.status).toBe(end.status);
  expect(end.trajectory.steps).toHaveLength(trajectory.steps.length);
  const positions = trajectory.steps.map((_, index) => index);
  expect(trajectory.steps.map((step) => step.index)).toEqual(positions);
  const ended = events.flatMap((event) => (event.type === 'step-end' ? [event.step.index] : []));
  expect(ended).toEqual(positions);
  // A started step is recorded, unless the run ended in it (an engine failure or an abort).
  const started = events.flatMap((event) => (event.type === 'step-start' ? [event.index] : []));
  const unrecorded = started.filter((index) => !ended.includes(index));
  expect(unrecorded.length).toBeLessThanOrEqual(1);
  if (unrecorded.length === 1) expect(['error', 'aborted']).toContain(end.status);
  expect(trajectory.steps.length).toBeLessThanOrEqual(maxSteps * stepsPerTurn + 1);
  if (end.status === 'error' || end.status === 'max-steps') {
    expect(trajectory.error?.message).toMatch(/\S/);
    expect(events.some((event) => event.type === 'error')).toBe(true);
  }
  if (end.status === 'answered') expect(typeof trajectory.answer).toBe('string');
  expect(trajectory.error?.message ?? '').not.toMatch(INTERNAL_ERROR);
  for (const step of trajectory.steps)
    if (step.type === 'tool') expect(step.observation).not.toMatch(INTERNAL_ERROR);
  // Sessions store runs as JSON.
  expect(() => JSON.stringify(trajectory)).not.toThrow();
}

/** Runs a fuzzed run, or checks that an empty task is refused with a UserError before it starts. */
async function expectRun(
  options: Omit<RunAgentOptions, 'tools' | 'execute' | 'signal'>,
  answers: readonly ToolAnswer[],
  abortAfterEvents: number | null,
  stepsPerTurn: number,
): Promise<void> {
  if (options.task.trim() === '') {
    await expect(runFuzzed(options, answers, abortAfterEvents)).rejects.toBeInstanceOf(UserError);
    return;
  }
  const { events, trajectory } = await runFuzzed(options, answers, abortAfterEvents);
  expectRecordedEnd(events, trajectory, options.maxSteps ?? 12, stepsPerTurn);
}

describe('runAgent under fuzzed models and tools', () => {
  for (const profile of [{ kind: 'alpha-umi', systemPrefix: true }, { kind: 'chat' }] as const) {
    it(
      `ends every ${profile.kind} run with a recorded run-end, whatever the three models write`,
      async () => {
        await checkFuzz(
          `runAgent ${profile.kind}`,
          fc.asyncProperty(
            fc.record({ ...common, planner: replies, caller: replies, summarizer: replies }),
            async (drawn) => {
              const roles: AlphaUmiRoles = {
                planner: await fuzzedModel('planner', drawn.planner),
                caller: await fuzzedModel('caller', drawn.caller),
                summarizer: await fuzzedModel('summarizer', drawn.summarizer),
              };
              const options = {
                task: drawn.task,
                roles,
                profile,
                maxSteps: drawn.maxSteps,
                maxTokens: drawn.maxTokens,
              };
              await expectRun(options, drawn.answers, drawn.abortAfterEvents, PLANNER_ATTEMPTS + 2);
            },
          ),
          { runs: RUNS, caseTimeoutMs: CASE_TIMEOUT_MS },
        );
      },
      fuzzTimeoutMs(RUNS, CASE_TIMEOUT_MS),
    );
  }

  it(
    'ends every backbone run with a recorded run-end, whatever the model writes',
    async () => {
      await checkFuzz(
        'runAgent backbone',
        fc.asyncProperty(fc.record({ ...common, backbone: replies }), async (drawn) => {
          const roles: BackboneRoles = { backbone: await fuzzedModel('backbone', drawn.backbone) };
          const options = { task: drawn.task, roles, maxSteps: drawn.maxSteps, maxTokens: drawn.maxTokens };
          await expectRun(options, drawn.answers, drawn.abortAfterEvents, 2);
        }),
        { runs: RUNS, caseTimeoutMs: CASE_TIMEOUT_MS },
      );
    },
    fuzzTimeoutMs(RUNS, CASE_TIMEOUT_MS),
  );
});
