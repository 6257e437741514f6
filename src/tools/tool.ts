import type { JsonObject, JsonValue } from '../agent/json.ts';

/** Where an HTTP parameter goes in the request. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie' | 'body';

/** One argument of an HTTP operation and where it is placed in the request. */
export interface HttpParameter {
  /** The name in the API (path/query/header name, or the body property). */
  name: string;
  /** The argument name the model sees (differs after renames such as ToolBench's `id` → `is_id`). */
  argument: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonObject;
}

/** How credentials are sent, from the spec's security schemes; values come from the secrets store. */
export type SecurityScheme =
  | { id: string; type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { id: string; type: 'http'; scheme: 'bearer' | 'basic' };

/** How a tool maps onto an HTTP request. */
export interface HttpBinding {
  /** Upper-case method: GET, POST, … */
  method: string;
  /** Path template, e.g. `/cities/{city_id}`. */
  path: string;
  /** Absolute base URLs from the spec's servers; the only hosts calls may go to. */
  servers: string[];
  parameters: HttpParameter[];
  /** Media type of the request body, when the operation has one. */
  bodyContentType?: string;
  /** Alternatives (any one suffices) of schemes that must all be applied. */
  security: SecurityScheme[][];
}

/** A callable operation of a REST API (or an in-page function), as the agent sees it. */
export interface Tool {
  /** The name the models see and write (α-UMi `Name`). */
  name: string;
  description: string;
  /** JSON Schema of the arguments object, keyed by argument names. */
  parameters: JsonObject;
  /** The exact α-UMi doc object rendered into prompts: `{Name, function, input}` (any JSON inside). */
  doc: JsonObject;
  /** Calls that change data need the user's confirmation. */
  mutating: boolean;
  /** The API (tool set) this operation belongs to, e.g. the OpenAPI `info.title`. */
  api?: string;
  /** Present for REST operations; absent for in-page functions. */
  http?: HttpBinding;
}

/** A call the caller model asked for, with its arguments already parsed. */
export interface ToolCall {
  name: string;
  arguments: JsonObject;
}

/** The outcome of executing a tool call: a response body, or a failure with a short reason. */
export type ToolResult =
  | {
      ok: true;
      status?: number;
      body: JsonValue;
      isJson: boolean;
      durationMs: number;
      request?: RequestSummary;
    }
  | {
      ok: false;
      status?: number;
      error: string;
      /** The arguments did not fit the tool's schema, so nothing was sent. */
      invalidArguments?: boolean;
      responseText: string;
      durationMs: number;
      request?: RequestSummary;
    };

/** What was sent, for the trajectory viewer; never holds secret values. */
export interface RequestSummary {
  method: string;
  /** The URL with secret query values masked. */
  url: string;
}

/** Executes tool calls (HTTP, in-page functions, test doubles); injected into the agent loop. */
export type ToolExecutor = (call: ToolCall, signal: AbortSignal) => Promise<ToolResult>;
