import type { JsonObject, JsonValue } from '../agent/json.ts';

/** A callable operation of a REST API (or an in-page function), as the agent sees it. */
export interface Tool {
  /** The name the models see and write (α-UMi `Name`). */
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: JsonObject;
  /** The exact α-UMi doc object rendered into prompts: `{Name, function, input}` (any JSON inside). */
  doc: JsonObject;
  /** Calls that change data need the user's confirmation. */
  mutating: boolean;
}

/** A call the caller model asked for, with its arguments already parsed. */
export interface ToolCall {
  name: string;
  arguments: JsonObject;
}

/** The outcome of executing a tool call: a response body, or a failure with a short reason. */
export type ToolResult =
  | { ok: true; status?: number; body: JsonValue; isJson: boolean; durationMs: number }
  | { ok: false; status?: number; error: string; responseText: string; durationMs: number };

/** Executes tool calls (HTTP, in-page functions, test doubles); injected into the agent loop. */
export type ToolExecutor = (call: ToolCall, signal: AbortSignal) => Promise<ToolResult>;
