import { isJsonObject, type JsonValue } from '../../agent/json.ts';
import {
  abortErrorFrom,
  askConfirmation,
  type ConfirmationRequest,
  startDeadline,
} from '../execute/call-control.ts';
import { DEFAULT_TIMEOUT_MS } from '../execute/http-executor.ts';
import { validateArguments } from '../execute/validate-arguments.ts';
import type { ToolExecutor, ToolResult } from '../tool.ts';
import { type InPageToolDefinition, inPageTool } from './in-page-tool.ts';

/** Options of the in-page executor. */
export interface InPageExecutorOptions {
  tools: readonly InPageToolDefinition[];
  /** Asked before a mutating page function runs; no answer (or none given) means no. */
  confirm?: (request: ConfirmationRequest) => Promise<boolean>;
  timeoutMs?: number;
}

function failure(error: string, durationMs: number, invalidArguments = false): ToolResult {
  return {
    ok: false,
    error,
    responseText: '',
    durationMs,
    ...(invalidArguments ? { invalidArguments } : {}),
  };
}

/** The value as JSON (what a page function returned is untrusted: cycles, functions, BigInts…), or a reason. */
function asJson(value: unknown): { ok: true; body: JsonValue } | { ok: false; reason: string } {
  if (value === undefined) return { ok: true, body: null };
  try {
    const text = JSON.stringify(value);
    return text === undefined ? { ok: true, body: null } : { ok: true, body: JSON.parse(text) as JsonValue };
  } catch (error) {
    return {
      ok: false,
      reason: `its result is not JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/**
 * Runs page functions as tools: arguments checked against the schema, mutating ones confirmed, each
 * call bounded by a timeout and the run's abort; a thrown error or a result that is not JSON becomes
 * a failed call, never an exception in the agent.
 */
export function createInPageExecutor(options: InPageExecutorOptions): ToolExecutor {
  const definitions = new Map(options.tools.map((definition) => [definition.name, definition]));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (call, signal) => {
    const started = Date.now();
    const definition = definitions.get(call.name);
    if (definition === undefined) return failure(`No in-page tool named ${call.name}.`, 0);
    const tool = inPageTool(definition);
    const invalid = validateArguments(tool, call.arguments);
    if (invalid !== undefined) return failure(invalid, 0, true);
    if (tool.mutating) {
      const request = { tool, method: 'CALL', url: `page:${tool.name}`, arguments: call.arguments };
      if (!(await askConfirmation(options.confirm, request, signal)))
        return failure('The user did not allow this call.', Date.now() - started);
    }
    const deadline = startDeadline(signal, timeoutMs);
    try {
      const ended = new Promise<never>((_, reject) =>
        deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true }),
      );
      const value = await Promise.race([
        Promise.resolve(definition.execute(call.arguments, deadline.signal)),
        ended,
      ]);
      const json = asJson(value);
      const durationMs = Date.now() - started;
      if (!json.ok) return failure(`${tool.name} ran, but ${json.reason}.`, durationMs);
      return {
        ok: true,
        body: json.body,
        isJson: isJsonObject(json.body) || Array.isArray(json.body),
        durationMs,
      };
    } catch (error) {
      if (signal.aborted) throw abortErrorFrom(error);
      const durationMs = Date.now() - started;
      if (deadline.timedOut())
        return failure(`${tool.name} did not finish within ${timeoutMs} ms.`, durationMs);
      const message = error instanceof Error ? error.message : String(error);
      return failure(`${tool.name} failed in the page: ${message}`, durationMs);
    } finally {
      deadline.dispose();
    }
  };
}

/** One executor for page functions and REST tools: each call goes to the one that has its name. */
export function routeCalls(
  inPageNames: ReadonlySet<string>,
  inPage: ToolExecutor,
  rest: ToolExecutor,
): ToolExecutor {
  return (call, signal) => (inPageNames.has(call.name) ? inPage(call, signal) : rest(call, signal));
}
