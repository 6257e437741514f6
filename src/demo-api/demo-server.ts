import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoHandler, type DemoHandlerOptions } from './demo-handler.ts';

/** Options of a standalone demo API server. */
export interface DemoServerOptions extends DemoHandlerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
}

/** A running demo API server. */
export interface DemoServer {
  /** Base URL of the API, base path included, e.g. `http://127.0.0.1:40123/demo-api`. */
  url: string;
  /** Origin of the server, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  close(): Promise<void>;
}

/** Starts the demo REST API on a real socket. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const handler = createDemoHandler(options);
  const server = createServer((request, response) => handler(request, response));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  const basePath = (options.basePath ?? '/demo-api').replace(/\/$/, '');
  return {
    url: `${origin}${basePath}`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
