import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORS_HEADERS } from '../demo-api/cors.ts';
import { createDemoHandler } from '../demo-api/demo-handler.ts';
import { hostPolicy } from './host-policy.ts';

/** The demo host page's files. */
export const HOST_PAGE_DIR = fileURLToPath(new URL('./host-page/', import.meta.url));

/** Where to serve from and on which ports (0: any free one). */
export interface WidgetDemoOptions {
  /** The built widget (`npm run build` writes dist/widget). */
  widgetDir: string;
  /** Extra host pages (name → HTML with `%WIDGET_ORIGIN%`), e.g. a test's own. */
  pages?: Record<string, string>;
  hostPort?: number;
  widgetPort?: number;
  /** The demo API's `/_control` endpoints (tests). */
  control?: boolean;
  /** More origins the host pages may connect to (an inference server, another API). */
  apiOrigins?: readonly string[];
}

/** The two origins: the host page's and the widget's (which also serves the demo API). */
export interface WidgetDemo {
  hostOrigin: string;
  widgetOrigin: string;
  /** The Content-Security-Policy the host pages are served with. */
  policy: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** A file under `root` for a URL path, or undefined (no escaping the folder). */
function fileUnder(root: string, pathname: string): string | undefined {
  const path = normalize(join(root, decodeURIComponent(pathname)));
  if (!path.startsWith(root) || !existsSync(path) || !statSync(path).isFile()) return undefined;
  return path;
}

function sendFile(response: ServerResponse, path: string, headers: Record<string, string>): void {
  response.writeHead(200, {
    ...headers,
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': String(statSync(path).size),
  });
  createReadStream(path).pipe(response);
}

function notFound(response: ServerResponse, headers: Record<string, string> = {}): void {
  response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  response.end('Not found');
}

async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((done) => server.listen(port, host, done));
  return `http://${host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${(server.address() as AddressInfo).port}`;
}

/**
 * Serves the demo host page on `http://127.0.0.1:<port>` with a strict CSP, and the built widget with
 * the demo API on `http://localhost:<port>` (another origin, CORS on), as a site embedding umi would.
 */
export async function startWidgetDemo(options: WidgetDemoOptions): Promise<WidgetDemo> {
  const widgetDir = resolve(options.widgetDir);
  if (!existsSync(join(widgetDir, 'umi-agent.js')))
    throw new Error(`No built widget in ${widgetDir}: run \`npm run build\` first.`);
  const api = createDemoHandler({ basePath: '/demo-api', control: options.control ?? false });
  const widgetServer = createServer((request: IncomingMessage, response: ServerResponse) => {
    api(request, response, () => {
      const path = fileUnder(widgetDir, new URL(request.url ?? '/', 'http://widget.invalid').pathname);
      if (path === undefined) return notFound(response, CORS_HEADERS);
      sendFile(response, path, { ...CORS_HEADERS, 'cache-control': 'no-cache' });
    });
  });
  const hostServer = createServer();
  const widgetOrigin = await listen(widgetServer, 'localhost', options.widgetPort ?? 0);
  const hostOrigin = await listen(hostServer, '127.0.0.1', options.hostPort ?? 0);
  const policy = hostPolicy(widgetOrigin, options.apiOrigins);
  const pages: Record<string, string> = {
    '/': readFileSync(join(HOST_PAGE_DIR, 'index.html'), 'utf8'),
    ...options.pages,
  };
  hostServer.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const pathname = new URL(request.url ?? '/', 'http://host.invalid').pathname;
    const page = pages[pathname === '/index.html' ? '/' : pathname];
    if (page !== undefined) {
      response.writeHead(200, {
        'content-type': TYPES['.html'] as string,
        'content-security-policy': policy,
        'cache-control': 'no-cache',
      });
      response.end(page.replaceAll('%WIDGET_ORIGIN%', widgetOrigin));
      return;
    }
    const path = fileUnder(HOST_PAGE_DIR, pathname);
    if (path === undefined) return notFound(response);
    sendFile(response, path, { 'cache-control': 'no-cache' });
  });
  const close = (server: Server) =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return {
    hostOrigin,
    widgetOrigin,
    policy,
    close: async () => {
      await Promise.all([close(hostServer), close(widgetServer)]);
    },
  };
}
