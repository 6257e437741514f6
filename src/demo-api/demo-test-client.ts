import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { LoggedRequest } from './control.ts';
import type { DemoServerOptions } from './demo-server.ts';
import { type DemoServer, startDemoServer } from './demo-server.ts';

/** A response read whole: status, headers, raw text and the JSON body (undefined when not JSON). */
export interface DemoResponse {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** A demo server on a free port for one test file: started before, closed after, reset before each test. */
export function withDemoServer(options: DemoServerOptions = { control: true }) {
  let server: DemoServer | undefined;
  beforeAll(async () => {
    server = await startDemoServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  if (options.control === true) {
    beforeEach(async () => {
      await call('/_control/reset', { method: 'POST' });
    });
  }

  /** The base URL, `http://127.0.0.1:<port>/demo-api`. */
  function url(): string {
    if (!server) throw new Error('the demo server is not started yet');
    return server.url;
  }

  /** Fetches `path` under the base URL and reads the whole answer. */
  async function call(path: string, init?: RequestInit): Promise<DemoResponse> {
    const response = await fetch(`${url()}${path}`, init);
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  }

  /** Arms a fault through the control endpoint. */
  async function fault(operation: string, kind: string, times = 1): Promise<DemoResponse> {
    return call('/_control/fault', { method: 'POST', body: JSON.stringify({ operation, kind, times }) });
  }

  /** Makes the next `times` answers of `operation` carry `text` (in the strings under `field`, or all). */
  async function inject(operation: string, text: string, field?: string, times = 1): Promise<DemoResponse> {
    return call('/_control/inject', {
      method: 'POST',
      body: JSON.stringify({ operation, text, field, times }),
    });
  }

  /** The requests the server received since the last reset (control calls aside). */
  async function requests(): Promise<LoggedRequest[]> {
    return (await call('/_control/requests')).body as LoggedRequest[];
  }

  return { url, call, fault, inject, requests };
}
