import type { ToolExecutor, ToolResult } from '../tools/tool.ts';
import { isJsonObject } from './json.ts';
import type { ParsedAction } from './output-parsers.ts';
import { parseCallerOutput } from './output-parsers.ts';
import { parsePythonJson } from './python-json-parse.ts';

/** A tool call started while the caller's generation was still ending. */
export interface StartedCall {
  action: string;
  actionInput: string;
  startedAt: number;
  result: Promise<ToolResult>;
}

/**
 * The α-UMi call in a caller's output so far, once it is whole: an `Action Input:` whose text is a
 * complete JSON object. Under the caller's grammar nothing after that can change the call, so the
 * tool may start before the model has written its end-of-sequence token.
 */
export function wholeAlphaUmiCall(output: string): ParsedAction | undefined {
  if (!output.includes('Action Input:')) return undefined;
  const call = parseCallerOutput(output);
  return call.actionInput.endsWith('}') ? call : undefined;
}

/**
 * Starts the tool call as soon as the caller's streamed output holds a whole call of an offered
 * tool with a JSON object of arguments. Only for grammar-constrained callers, whose output cannot
 * change the call after that point; the tool step then records this call.
 */
export class EarlyCall {
  #started: StartedCall | undefined;
  readonly #whole: (output: string) => ParsedAction | undefined;
  readonly #names: ReadonlySet<string>;
  readonly #execute: ToolExecutor;
  readonly #signal: AbortSignal;
  readonly #now: () => number;

  constructor(options: {
    whole: (output: string) => ParsedAction | undefined;
    names: ReadonlySet<string>;
    execute: ToolExecutor;
    signal: AbortSignal;
    now: () => number;
  }) {
    this.#whole = options.whole;
    this.#names = options.names;
    this.#execute = options.execute;
    this.#signal = options.signal;
    this.#now = options.now;
  }

  /** Reads the output so far; starts the call the first time it is whole and valid. */
  readonly watch = (output: string): void => {
    if (this.#started !== undefined || this.#signal.aborted) return;
    const parsed = this.#whole(output);
    if (parsed === undefined || !this.#names.has(parsed.action)) return;
    const args = parsePythonJson(parsed.actionInput);
    if (!args.ok || !isJsonObject(args.value)) return;
    const startedAt = this.#now();
    const result = this.#execute({ name: parsed.action, arguments: args.value }, this.#signal);
    // Handled here so that a call the run never collects (an abort) is not an unhandled rejection.
    result.catch(() => undefined);
    this.#started = { ...parsed, startedAt, result };
  };

  /** The call started before the output ended, if any: the tool step records it, as it was made. */
  get started(): StartedCall | undefined {
    return this.#started;
  }
}
