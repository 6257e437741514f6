import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { WLLAMA_ASSET_PATHS } from './asset-paths.ts';

/** Where the plugin finds what it serves. */
export interface WllamaAssetsOptions {
  /** The folder served under `/models/` (default: `UMI_MODELS_DIR`, else the repository's `models/`). */
  modelsDir?: string;
}

const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The wllama files on disk, by URL path. */
function wllamaFiles(): Map<string, string> {
  const require = createRequire(import.meta.url);
  const main = dirname(require.resolve('@wllama/wllama/package.json'));
  const compat = dirname(require.resolve('@wllama/wllama-compat/package.json'));
  return new Map([
    [WLLAMA_ASSET_PATHS.wasm, join(main, 'esm/wasm/wllama.wasm')],
    [WLLAMA_ASSET_PATHS.compatWasm, join(compat, 'wasm/wllama.wasm')],
    [WLLAMA_ASSET_PATHS.compatWorker, join(compat, 'wasm/wllama.js')],
  ]);
}

function contentType(path: string): string {
  if (path.endsWith('.wasm')) return 'application/wasm';
  if (path.endsWith('.js')) return 'text/javascript';
  if (path.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

/**
 * Sends a file as it is on disk (no transform), same-origin only, revalidated on every use: an
 * unchanged file is answered 304, so the browser reuses its cached copy and compiled wasm.
 */
function sendFile(request: IncomingMessage, response: ServerResponse, path: string): void {
  const { size, mtimeMs } = statSync(path);
  const etag = `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (request.headers['if-none-match'] === etag) {
    response.statusCode = 304;
    response.end();
    return;
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', contentType(path));
  response.setHeader('Content-Length', size);
  if (request.method === 'HEAD') response.end();
  else createReadStream(path).pipe(response);
}

function notFound(response: ServerResponse, message: string): void {
  response.statusCode = 404;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(message);
}

/**
 * Serves wllama's wasm (main and compat builds, never from a CDN) under `/wllama/` and the embedded
 * models folder (GGUFs and manifest.json) under `/models/`, on Vite's dev and preview servers; a
 * production build gets the same files emitted into its output.
 */
export function wllamaAssetsPlugin(options: WllamaAssetsOptions = {}): Plugin {
  const modelsDir = resolve(options.modelsDir ?? process.env.UMI_MODELS_DIR ?? 'models');
  const files = wllamaFiles();
  let base = '/';
  let building = false;
  const handle = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://app.invalid');
    const path = decodeURIComponent(url.pathname);
    if ((method !== 'GET' && method !== 'HEAD') || !path.startsWith(base)) return next();
    // A source module importing a JSON file under models/ (the WebLLM catalog): Vite's to transform.
    if (url.searchParams.has('import')) return next();
    const local = path.slice(base.length);
    const asset = files.get(local);
    if (asset) return sendFile(request, response, asset);
    if (!local.startsWith('models/')) return next();
    const name = local.slice('models/'.length);
    const file = join(modelsDir, name);
    if (!PLAIN_NAME.test(name) || !existsSync(file) || !statSync(file).isFile())
      return notFound(
        response,
        `No model file ${name} in ${modelsDir}: build the models (npm run train:tiny).`,
      );
    sendFile(request, response, file);
  };
  return {
    name: 'umi-wllama-assets',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      building = config.command === 'build' && !config.build.ssr;
    },
    configureServer(server) {
      server.middlewares.use(handle);
    },
    configurePreviewServer(server) {
      server.middlewares.use(handle);
    },
    generateBundle() {
      if (!building) return;
      for (const [fileName, path] of files)
        this.emitFile({ type: 'asset', fileName, source: readFileSync(path) });
      if (!existsSync(modelsDir)) return;
      for (const name of readdirSync(modelsDir).filter((entry) => PLAIN_NAME.test(entry))) {
        const path = join(modelsDir, name);
        if (statSync(path).isFile())
          this.emitFile({ type: 'asset', fileName: `models/${name}`, source: readFileSync(path) });
      }
    },
  };
}
