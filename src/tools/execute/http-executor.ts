import { type JsonValue, MAX_JSON_DEPTH, nestedDeeperThan } from '../../agent/json.ts';
import type { RequestSummary, Tool, ToolCall, ToolExecutor, ToolResult } from '../tool.ts';
import { buildRequest, type PreparedRequest } from './build-request.ts';
import {
  abortErrorFrom,
  askConfirmation,
  type ConfirmationRequest,
  startDeadline,
  timeoutReason,
} from './call-control.ts';
import { describeFetchError } from './cors.ts';
import {
  DEFAULT_MAX_BODY_BYTES,
  isJsonContentType,
  type ReadBody,
  readBody,
  truncationNote,
} from './read-response.ts';
import { fetchWithinServers } from './redirects.ts';
import { createScrubber, type Scrubber } from './scrub.ts';
import { applyCredentials, resolveCredentials, type SecretsStore } from './secrets.ts';
import { isUnderServers, pickServer, refusedReason } from './servers.ts';
import { validateArguments } from './validate-arguments.ts';

export type { ConfirmationRequest } from './call-control.ts';
export { corsExplanation, describeFetchError } from './cors.ts';
export { createMemorySecrets, type MemorySecrets, type SecretsStore } from './secrets.ts';

/** Default time a call may take, response body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Options of the HTTP executor; everything but `tools` has a default. */
export interface HttpExecutorOptions {
  tools: readonly Tool[];
  /** Defaults to `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
  secrets?: SecretsStore;
  /** Asked before every mutating call; without it mutating calls are denied. */
  confirm?: (request: ConfirmationRequest) => Promise<boolean>;
  timeoutMs?: number;
  maxBodyBytes?: number;
  /** Origin of the page, for CORS explanations; defaults to `globalThis.location?.origin`. */
  pageOrigin?: string;
}

/** What sending one call needs besides the request: its summary, scrubber, signal and the API's servers. */
interface Exchange {
  request: RequestSummary;
  scrub: Scrubber;
  signal: AbortSignal;
  servers: readonly string[];
}

/** A failed call that never got (or never read) a response. */
function failure(error: string, request?: RequestSummary, durationMs = 0): ToolResult {
  return request === undefined
    ? { ok: false, error, responseText: '', durationMs }
    : { ok: false, error, responseText: '', durationMs, request };
}

/** A call refused before sending because its arguments do not fit the tool's schema. */
function invalidArguments(reason: string): ToolResult {
  return {
    ok: false,
    error: `Invalid arguments: ${reason}`,
    responseText: '',
    durationMs: 0,
    invalidArguments: true,
  };
}

/**
 * A ToolExecutor for REST tools: validates arguments, places them on the request, refuses hosts
 * outside the API's servers (redirects there included), adds secrets at call time, asks before
 * mutating calls, and turns responses and failures into results that never contain a secret value.
 * In browsers `Cookie` is a forbidden header: cookie parameters and cookie API keys are not sent there.
 */
export function createHttpExecutor(options: HttpExecutorOptions): ToolExecutor {
  const tools = new Map<string, Tool>();
  for (const tool of options.tools) if (!tools.has(tool.name)) tools.set(tool.name, tool);
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const pageOrigin =
    options.pageOrigin ?? (globalThis as { location?: { origin?: string } }).location?.origin;
  // Browsers and their workers forbid the Cookie header (the browser sends its own cookies instead).
  const canSendCookies = !('document' in globalThis) && !('WorkerGlobalScope' in globalThis);

  /** Sends the request and reads the response within the deadline. */
  async function send(prepared: PreparedRequest, url: URL, exchange: Exchange): Promise<ToolResult> {
    const { request, scrub, signal } = exchange;
    if (prepared.cookies.length > 0 && canSendCookies)
      prepared.headers.set(
        'cookie',
        prepared.cookies.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; '),
      );
    const init: RequestInit = { method: prepared.method, headers: prepared.headers };
    if (prepared.body !== undefined) init.body = prepared.body;
    const deadline = startDeadline(signal, timeoutMs);
    init.signal = deadline.signal;
    const started = Date.now();
    let status: number | undefined;
    try {
      const sent = await fetchWithinServers(fetchFn, url, init, exchange.servers);
      if ('refused' in sent) {
        const refused = failure(scrub.text(sent.refused), request, Date.now() - started);
        if (sent.status !== undefined) refused.status = sent.status;
        return refused;
      }
      const response = sent.response;
      status = response.status;
      const body = await readBody(response, maxBodyBytes);
      return responseResult(response, body, Date.now() - started, exchange);
    } catch (error) {
      if (signal.aborted) throw abortErrorFrom(error);
      const reason = deadline.timedOut()
        ? timeoutReason(timeoutMs)
        : status === undefined
          ? describeFetchError(error, url, pageOrigin)
          : `Network error while reading the response: ${error instanceof Error ? error.message : String(error)}`;
      const result = failure(scrub.text(reason), request, Date.now() - started);
      if (status !== undefined) result.status = status;
      return result;
    } finally {
      deadline.dispose();
    }
  }

  /** Turns a read response into a result: errors from status 400 on, JSON parsed, secrets removed. */
  function responseResult(
    response: Response,
    read: ReadBody,
    durationMs: number,
    exchange: Exchange,
  ): ToolResult {
    const { request, scrub } = exchange;
    const status = response.status;
    const note = read.truncated ? truncationNote(maxBodyBytes) : '';
    const text = scrub.text(read.text);
    if (status >= 400) {
      const error = scrub.text(`HTTP ${status} ${response.statusText}`.trim());
      return { ok: false, status, error, responseText: text + note, durationMs, request };
    }
    if (isJsonContentType(response.headers.get('content-type')) && !read.truncated && text.trim() !== '') {
      try {
        const parsed = JSON.parse(read.text) as JsonValue;
        // Deeper JSON would overflow the stack of the recursive code that reads it (scrub, json.dumps).
        if (!nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
          return { ok: true, status, body: scrub.json(parsed), isJson: true, durationMs, request };
        }
      } catch {
        // Not valid JSON after all: the text goes to the model as is.
      }
    }
    return { ok: true, status, body: text + note, isJson: false, durationMs, request };
  }

  /** Everything before sending: the tool, arguments, host, secrets and confirmation. */
  async function execute(call: ToolCall, signal: AbortSignal): Promise<ToolResult> {
    if (signal.aborted) throw abortErrorFrom(signal.reason);
    const tool = tools.get(call.name);
    if (tool === undefined) return failure(`Unknown tool: ${call.name}`);
    const http = tool.http;
    if (http === undefined) return failure(`${tool.name} is not an HTTP tool`);
    const invalid = validateArguments(tool, call.arguments);
    if (invalid !== undefined) return invalidArguments(invalid);
    const server = pickServer(http.servers, pageOrigin);
    if (server === undefined) return failure(refusedReason(http.servers[0] ?? ''));
    const built = buildRequest(http, call.arguments, server);
    if (!built.ok) return invalidArguments(built.error);
    const prepared = built.request;
    if (!isUnderServers(prepared.url, http.servers))
      return failure(refusedReason(prepared.url), { method: prepared.method, url: prepared.url.href });
    const api = tool.api ?? tool.name;
    let credentials: Awaited<ReturnType<typeof resolveCredentials>>;
    try {
      credentials = await resolveCredentials(options.secrets, api, http.security, canSendCookies);
    } catch (error) {
      if (signal.aborted) throw abortErrorFrom(error);
      return failure(
        `Could not read the secrets of ${api}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const scrub = createScrubber(credentials.secretValues);
    if (!credentials.ok) return failure(scrub.text(credentials.error));
    try {
      const { url, maskedUrl } = applyCredentials(prepared, credentials.credentials);
      const request: RequestSummary = { method: prepared.method, url: scrub.text(maskedUrl.href) };
      if (tool.mutating) {
        const confirmation = { tool, method: prepared.method, url: request.url, arguments: call.arguments };
        const allowed = await askConfirmation(options.confirm, confirmation, signal);
        if (signal.aborted) throw abortErrorFrom(signal.reason);
        if (!allowed) return failure(`The user did not allow ${prepared.method} ${url.pathname}`, request);
      }
      return await send(prepared, url, { request, scrub, signal, servers: http.servers });
    } catch (error) {
      if (signal.aborted) throw abortErrorFrom(error);
      return failure(scrub.text(error instanceof Error ? error.message : String(error)));
    }
  }

  return execute;
}
