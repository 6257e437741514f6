// Test helper (Node only): HTTP responses drawn by fast-check, and a handler that sends them.
import type { ServerResponse } from 'node:http';
import fc from 'fast-check';
import { brokenJson, fragmentText, jsonValue } from './fuzz-arbitraries.ts';

/** What the body of a fuzzed response is, and how it is sent. */
export type FuzzBody =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'json'; text: string }
  | { kind: 'deep'; depth: number }
  /** A large body in 64 KB chunks, honouring backpressure; the length header may be omitted. */
  | { kind: 'large'; bytes: number; withLength: boolean }
  /** Chunks for as long as the client reads. */
  | { kind: 'endless' }
  /** A few bytes at a time with pauses (it may outlast the client's timeout). */
  | { kind: 'drip'; chunks: number; delayMs: number }
  /** Headers only (or not even those), then silence. */
  | { kind: 'hang'; headers: boolean }
  /** Part of the body, then the connection is destroyed. */
  | { kind: 'reset'; bytes: number; withLength: boolean };

/** One fuzzed response: status, content type (or none) and body. */
export interface FuzzResponse {
  status: number;
  contentType: string | null;
  body: FuzzBody;
}

/** The big body of the long setting and the dedicated test: 50 MB. */
export const FIFTY_MB = 50 * 1024 * 1024;

const contentType = fc.option(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/problem+json',
    'application/json; charset=nonsense',
    'application/json; charset=utf-16le',
    'text/plain',
    'text/html; charset=iso-8859-1',
    'application/octet-stream',
    'image/png',
    '',
    ';;;',
  ),
  { freq: 6 },
);

const body: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 4096 }) }),
  fc.record({ kind: fc.constant('text' as const), text: fragmentText(200) }),
  fc.record({ kind: fc.constant('json' as const), text: jsonValue(4).map((value) => JSON.stringify(value)) }),
  fc.record({ kind: fc.constant('json' as const), text: brokenJson }),
  fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({
    kind: fc.constant('large' as const),
    bytes: fc.oneof(fc.integer({ min: 64 * 1024, max: 4 * 1024 * 1024 }), fc.constant(FIFTY_MB)),
    withLength: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('endless' as const) }),
  fc.record({
    kind: fc.constant('drip' as const),
    chunks: fc.integer({ min: 1, max: 12 }),
    delayMs: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({ kind: fc.constant('hang' as const), headers: fc.boolean() }),
  fc.record({ kind: fc.constant('reset' as const), bytes: fc.nat(200_000), withLength: fc.boolean() }),
);

/** Any response an API (or something pretending to be one) might send. */
export const fuzzResponse: fc.Arbitrary<FuzzResponse> = fc.record({
  status: fc.constantFrom(200, 200, 200, 201, 204, 400, 404, 500, 503),
  contentType,
  body,
});

/** Writes `total` bytes of JSON-looking filler, waiting for the socket to drain, until done or closed. */
function stream(response: ServerResponse, total: number | undefined): void {
  // Node ignores the body of a 204 (every write "succeeds" at once), so there is nothing to stream.
  if (response.statusCode === 204) {
    response.end();
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, '[1,"x"],');
  let sent = 0;
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  const pump = (): void => {
    while (!closed && (total === undefined || sent < total)) {
      const piece = total === undefined ? chunk : chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      if (!response.write(piece)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!closed) response.end();
  };
  pump();
}

/** Sends a body dripping a few bytes at a time. */
function drip(response: ServerResponse, chunks: number, delayMs: number): void {
  let left = chunks;
  const timer = setInterval(() => {
    if (left-- > 0) response.write('{"drip": ');
    else {
      clearInterval(timer);
      response.end('1}');
    }
  }, delayMs);
  response.on('close', () => clearInterval(timer));
}

/** Sends a fuzzed response. */
export function sendFuzzResponse(response: ServerResponse, drawn: FuzzResponse): void {
  const headers: Record<string, string | number> = {};
  if (drawn.contentType !== null) headers['content-type'] = drawn.contentType;
  const { body } = drawn;
  const whole = (payload: Uint8Array | string) => {
    response.writeHead(drawn.status, { ...headers, 'content-length': Buffer.byteLength(payload) });
    response.end(payload);
  };
  if (body.kind === 'bytes') whole(body.bytes);
  else if (body.kind === 'text' || body.kind === 'json') whole(body.text);
  else if (body.kind === 'deep') whole(`${'['.repeat(body.depth)}${']'.repeat(body.depth)}`);
  else if (body.kind === 'large') {
    response.writeHead(
      drawn.status,
      body.withLength ? { ...headers, 'content-length': body.bytes } : headers,
    );
    stream(response, body.bytes);
  } else if (body.kind === 'endless') {
    response.writeHead(drawn.status, headers);
    stream(response, undefined);
  } else if (body.kind === 'drip') {
    response.writeHead(drawn.status, headers);
    drip(response, body.chunks, body.delayMs);
  } else if (body.kind === 'hang') {
    if (body.headers) response.writeHead(drawn.status, headers).flushHeaders();
  } else {
    const length = body.withLength ? { 'content-length': body.bytes + 1000 } : {};
    response.writeHead(drawn.status, { ...headers, ...length });
    response.write(Buffer.alloc(body.bytes, 'z'), () => response.destroy());
  }
}
