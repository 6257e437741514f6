import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolResultObservation } from '../../agent/observation.ts';
import { checkFuzz, fuzzTimeoutMs, reportFuzzTotal } from '../../testing/fuzz-runs.ts';
import {
  FIFTY_MB,
  type FuzzResponse,
  fuzzResponse,
  sendFuzzResponse,
} from '../../testing/http-fuzz-responses.ts';
import { httpTool, param } from '../../testing/http-test-api.ts';
import { startTestServer, type TestServer } from '../../testing/http-test-server.ts';
import type { ToolResult } from '../tool.ts';
import { createHttpExecutor } from './http-executor.ts';

reportFuzzTotal('HTTP executor');

const RUNS = 60;
const TIMEOUT_MS = 300;
/** How long past its timeout a call may take to settle (body decoding, a busy 2-core machine). */
const GRACE_MS = 2_000;
/** Messages of JavaScript's own failures, which tell a user nothing about what went wrong. */
const INTERNAL_ERROR =
  /Maximum call stack|is not a function|Cannot read propert|is not defined|Invalid string length/;

let server: TestServer;
/** The response each case's request gets, by case id (the request path ends with it). */
const responses = new Map<number, FuzzResponse>();
let nextCase = 0;

beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const drawn = responses.get(Number(request.url.split('/').at(-1)));
    if (drawn === undefined) {
      response.writeHead(500).end('no response drawn');
      return;
    }
    sendFuzzResponse(response, drawn);
  });
});

afterAll(async () => {
  await server.close();
});

/** A GET tool on the test server whose path carries the case id. */
const fuzzTool = () =>
  httpTool('get_case', 'GET', '/case/{id}', [param('id', 'path', { type: 'integer' }, true)], {
    servers: [`${server.origin}/v1`],
  });

/** Calls the tool for one drawn response; resolves with the result, the thrown error and the time taken. */
async function call(
  drawn: FuzzResponse,
  options: { maxBodyBytes?: number | undefined; timeoutMs: number; abortAfterMs?: number | null },
): Promise<{ result?: ToolResult; thrown?: unknown; elapsedMs: number; aborted: boolean }> {
  const id = nextCase++;
  responses.set(id, drawn);
  const execute = createHttpExecutor({
    tools: [fuzzTool()],
    timeoutMs: options.timeoutMs,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  const controller = new AbortController();
  const abortAfter = options.abortAfterMs;
  const timer = abortAfter == null ? undefined : setTimeout(() => controller.abort(), abortAfter);
  const started = performance.now();
  try {
    const result = await execute({ name: 'get_case', arguments: { id } }, controller.signal);
    return { result, elapsedMs: performance.now() - started, aborted: controller.signal.aborted };
  } catch (thrown) {
    return { thrown, elapsedMs: performance.now() - started, aborted: controller.signal.aborted };
  } finally {
    clearTimeout(timer);
    responses.delete(id);
  }
}

/** A result the agent can use: a body, or a failure with a message that says what happened. */
function expectToolResult(result: ToolResult, drawn: FuzzResponse): void {
  if (result.ok) {
    expect(drawn.status).toBeLessThan(400);
    expect(result.status).toBe(drawn.status);
    expect(() => JSON.stringify(result.body)).not.toThrow();
  } else {
    expect(result.error).toMatch(/\S/);
    expect(result.error).not.toMatch(INTERNAL_ERROR);
    if (drawn.status >= 400 && result.status !== undefined) expect(result.status).toBe(drawn.status);
  }
  expect(toolResultObservation(result)).not.toMatch(INTERNAL_ERROR);
}

describe('createHttpExecutor under fuzzed API responses', () => {
  it(
    'always settles within its timeout as an ok or failed result, and throws only AbortError on abort',
    async () => {
      await checkFuzz(
        'createHttpExecutor responses',
        fc.asyncProperty(
          fuzzResponse,
          fc.constantFrom(undefined, 1024, 64 * 1024),
          fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(TIMEOUT_MS) }),
          async (drawn, maxBodyBytes, abortAfterMs) => {
            const outcome = await call(drawn, { maxBodyBytes, timeoutMs: TIMEOUT_MS, abortAfterMs });
            expect(outcome.elapsedMs).toBeLessThan(TIMEOUT_MS + GRACE_MS);
            if (outcome.thrown !== undefined) {
              expect(outcome.aborted).toBe(true);
              expect((outcome.thrown as Error).name).toBe('AbortError');
              return;
            }
            if (outcome.result === undefined) throw new Error('neither a result nor an error');
            expectToolResult(outcome.result, drawn);
            // A 204 is whole once its headers are sent; any other hanging response must time out.
            if (drawn.body.kind === 'hang' && drawn.status !== 204 && !outcome.aborted)
              expect(outcome.result).toMatchObject({ ok: false, error: 'Timed out after 0.3 s' });
          },
        ),
        { runs: RUNS, caseTimeoutMs: TIMEOUT_MS + GRACE_MS },
      );
    },
    fuzzTimeoutMs(RUNS, TIMEOUT_MS + GRACE_MS),
  );

  it('reads at most the byte cap of a 50 MB body and ends with a cut result, quickly', async () => {
    const drawn: FuzzResponse = {
      status: 200,
      contentType: 'application/json',
      body: { kind: 'large', bytes: FIFTY_MB, withLength: true },
    };
    const outcome = await call(drawn, { timeoutMs: 10_000 });
    expect(outcome.elapsedMs).toBeLessThan(5_000);
    const result = outcome.result;
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(result.isJson).toBe(false);
    expect(String(result.body)).toMatch(/\n\[response cut: it is larger than 2 MB\]$/);
    expect(String(result.body).length).toBeLessThan(2 * 1024 * 1024 + 100);
  });

  it('reads a whole 50 MB body when the cap allows it, within the timeout', async () => {
    const drawn: FuzzResponse = {
      status: 200,
      contentType: 'text/plain',
      body: { kind: 'large', bytes: FIFTY_MB, withLength: false },
    };
    const outcome = await call(drawn, { timeoutMs: 20_000, maxBodyBytes: 64 * 1024 * 1024 });
    const result = outcome.result;
    expect(result?.ok).toBe(true);
    if (result?.ok) expect(String(result.body)).toHaveLength(FIFTY_MB);
    console.info(`fuzz: a whole 50 MB body read in ${Math.round(outcome.elapsedMs)} ms`);
  });
});
