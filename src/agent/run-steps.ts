import type { ChatMessage, Engine, GenerationEvent, OutputConstraint, Sampling } from '../engines/engine.ts';
import type { ToolExecutor, ToolResult } from '../tools/tool.ts';
import { chatMlText } from './chat-prompts.ts';
import type { StartedCall } from './early-call.ts';
import { AbortError, EngineError } from './errors.ts';
import type { AgentEvent } from './events.ts';
import { isJsonObject, MAX_JSON_DEPTH, nestedDeeperThan } from './json.ts';
import { failureObservation, toolResultObservation, unknownToolObservation } from './observation.ts';
import { parsePythonJson } from './python-json-parse.ts';
import type { ModelRole, ModelStep, ResponseRecord, Step, ToolStep, Trajectory } from './trajectory.ts';

/** What every step of one run needs: the trajectory being built and the injected world. */
export interface RunContext {
  trajectory: Trajectory;
  signal: AbortSignal;
  sampling: Sampling;
  maxTokens: number;
  now: () => number;
}

/** A model generation that finished (or was aborted part-way), as recorded on the trajectory. */
export interface GenerationOutcome {
  step: ModelStep;
  aborted: boolean;
}

/** Appends a step to the trajectory and reports it. */
function recordStep(context: RunContext, step: Step): AgentEvent {
  context.trajectory.steps.push(step);
  context.trajectory.updatedAt = context.now();
  return { type: 'step-end', step };
}

/** Throws AbortError when the run's signal has fired; called between steps. */
export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortError();
}

/** Runs one model generation, streaming its tokens as events and recording it as a step. */
export async function* generateStep(
  context: RunContext,
  role: ModelRole,
  engine: Engine,
  input: string | readonly ChatMessage[],
  retries = 0,
  constraint?: OutputConstraint,
  watch?: (output: string) => void,
): AsyncGenerator<AgentEvent, GenerationOutcome> {
  throwIfAborted(context.signal);
  const index = context.trajectory.steps.length;
  const startedAt = context.now();
  yield { type: 'step-start', index, role };
  let finish: Extract<GenerationEvent, { type: 'finish' }> | undefined;
  const options = {
    sampling: context.sampling,
    maxTokens: context.maxTokens,
    signal: context.signal,
    ...(constraint ? { constraint } : {}),
  };
  // Messages go through the model's chat template, or as ChatML text where the engine has none.
  const chat = typeof input !== 'string' && engine.capabilities.chat;
  const prompt = typeof input === 'string' ? input : chatMlText(input);
  const stream = chat
    ? engine.chat({ messages: input as readonly ChatMessage[], ...options })
    : engine.complete({ prompt, ...options });
  let output = '';
  for await (const event of stream) {
    if (event.type === 'token-delta') {
      if (watch) {
        output += event.text;
        watch(output);
      }
      yield { type: 'token-delta', index, role, text: event.text };
    } else {
      finish = event;
      break;
    }
  }
  if (finish === undefined)
    throw new EngineError('generation-failed', `${engine.kind} ended a generation without a result.`);
  const step: ModelStep = {
    type: 'model',
    index,
    role,
    modelId: engine.modelId,
    prompt,
    output: finish.text,
    usage: { ...finish.usage },
    startedAt,
    durationMs: context.now() - startedAt,
    flags: { ...(retries > 0 ? { retries } : {}), ...(constraint ? { constrained: true } : {}) },
  };
  return { step, aborted: finish.reason === 'abort' || context.signal.aborted };
}

/** Records a finished model step (after the caller has filled its parsed fields). */
export function finishModelStep(context: RunContext, step: ModelStep): AgentEvent {
  return recordStep(context, step);
}

/**
 * Runs the tool the caller named: unknown names, bad arguments and failures all become
 * observations. A call already started while the caller was ending is awaited instead.
 */
export async function* toolStep(
  context: RunContext,
  toolNames: ReadonlySet<string>,
  execute: ToolExecutor,
  action: string,
  actionInput: string,
  started?: StartedCall,
): AsyncGenerator<AgentEvent, ToolStep> {
  throwIfAborted(context.signal);
  if (started) {
    action = started.action;
    actionInput = started.actionInput;
  }
  const index = context.trajectory.steps.length;
  const startedAt = started?.startedAt ?? context.now();
  yield { type: 'step-start', index, role: 'tool' };
  const base = { type: 'tool' as const, index, name: action, argumentsText: actionInput, startedAt };
  let step: ToolStep;
  if (!toolNames.has(action)) {
    yield { type: 'tool-call', index, name: action, arguments: undefined, argumentsText: actionInput };
    // `none` is what the parser yields when the caller wrote no `Action:` at all: invalid, not invented.
    const flags = action === 'none' ? { invalid: true } : { hallucinated: true };
    step = { ...base, ok: false, observation: unknownToolObservation(action), durationMs: 0, flags };
  } else {
    const parsed = parsePythonJson(actionInput);
    if (!parsed.ok || !isJsonObject(parsed.value)) {
      yield { type: 'tool-call', index, name: action, arguments: undefined, argumentsText: actionInput };
      const reason = parsed.ok
        ? 'Action Input must be a JSON object of arguments'
        : `Action Input is not valid JSON: ${parsed.error}`;
      step = {
        ...base,
        ok: false,
        observation: failureObservation(reason),
        durationMs: 0,
        flags: { invalid: true },
      };
    } else {
      const args = parsed.value;
      yield { type: 'tool-call', index, name: action, arguments: args, argumentsText: actionInput };
      const run = () => started?.result ?? execute({ name: action, arguments: args }, context.signal);
      step = await executeCall(context, run, { ...base, arguments: args });
    }
  }
  yield {
    type: 'tool-result',
    index,
    name: action,
    ok: step.ok,
    observation: step.observation,
    hallucinated: step.flags.hallucinated === true,
  };
  yield recordStep(context, step);
  return step;
}

/** Calls the executor; an executor that throws is treated as a failed call, never a crash. */
async function executeCall(
  context: RunContext,
  run: () => Promise<ToolResult>,
  base: Omit<ToolStep, 'ok' | 'observation' | 'durationMs' | 'flags'> & {
    arguments: NonNullable<ToolStep['arguments']>;
  },
): Promise<ToolStep> {
  try {
    const result = readable(await run());
    const step: ToolStep = {
      ...base,
      ok: result.ok,
      observation: toolResultObservation(result),
      durationMs: context.now() - base.startedAt,
      flags: !result.ok && result.invalidArguments === true ? { invalid: true } : {},
    };
    if (result.status !== undefined) step.status = result.status;
    if (result.request !== undefined) step.request = result.request;
    const response = responseRecord(result);
    if (response !== undefined) step.response = response;
    return step;
  } catch (error) {
    throwIfAborted(context.signal);
    const message = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      ok: false,
      observation: failureObservation(message),
      durationMs: context.now() - base.startedAt,
      flags: {},
    };
  }
}

/**
 * The result, or a failure saying why when its body nests deeper than the JSON parser accepts: the
 * observation (json.dumps) and the viewer are recursive and would overflow the stack.
 */
function readable(result: ToolResult): ToolResult {
  if (!result.ok || !nestedDeeperThan(result.body, MAX_JSON_DEPTH)) return result;
  const error = `The response nests more than ${MAX_JSON_DEPTH} levels deep, too deep to read.`;
  const failed: ToolResult = { ok: false, error, responseText: '', durationMs: result.durationMs };
  if (result.status !== undefined) failed.status = result.status;
  if (result.request !== undefined) failed.request = result.request;
  return failed;
}

/** Characters of a response body kept on a step for the viewer (the executor caps bodies too). */
export const RESPONSE_TEXT_LIMIT = 2_000_000;

/** The body as people read it: JSON pretty-printed, text as is, cut at the limit; none when empty. */
export function responseRecord(result: ToolResult): ResponseRecord | undefined {
  const text = result.ok
    ? result.isJson || typeof result.body !== 'string'
      ? JSON.stringify(result.body, null, 2)
      : result.body
    : result.responseText;
  if (text === undefined || text === '') return undefined;
  return text.length > RESPONSE_TEXT_LIMIT
    ? { text: text.slice(0, RESPONSE_TEXT_LIMIT), fullLength: text.length }
    : { text };
}
