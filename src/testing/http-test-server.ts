// Test helper (Node only, imported by *.test.ts): a real HTTP server on an ephemeral port.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the test server received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers one received request; may leave the response open (to test timeouts). */
export type TestHandler = (request: ReceivedRequest, response: ServerResponse) => void;

/** A running test server. */
export interface TestServer {
  origin: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1, port 0, recording every request before handing it to `handler`. */
export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: ReceivedRequest = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      // A client that stops reading (byte cap, timeout) resets the socket; that is expected here.
      response.on('error', () => undefined);
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
