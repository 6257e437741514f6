import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WLLAMA_ASSET_PATHS } from './asset-paths.ts';
import { wllamaAssetsPlugin } from './vite-plugin.ts';

let root: string;
let models: string;
let server: ViteDevServer;
let origin: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'umi-wllama-vite-'));
  models = join(root, 'models');
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
  await mkdir(models);
  await writeFile(join(models, 'manifest.json'), '{"schema":1}');
  await writeFile(join(models, 'umi-tiny-planner.gguf'), 'GGUF-bytes');
  const plugins = [wllamaAssetsPlugin({ modelsDir: models })];
  server = await createServer({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins,
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
});
afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('the wllama assets plugin', { timeout: 60_000 }, () => {
  it('serves wllama’s wasm from the app’s own origin as application/wasm, for cross-origin-isolated pages', async () => {
    const response = await fetch(`${origin}/${WLLAMA_ASSET_PATHS.wasm}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    await reader?.cancel();
    expect([...(first?.value ?? new Uint8Array()).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
  });

  it('serves the compat build’s wasm and worker script untransformed', async () => {
    const worker = await fetch(`${origin}/${WLLAMA_ASSET_PATHS.compatWorker}`);
    expect(worker.headers.get('content-type')).toBe('text/javascript');
    expect(await worker.text()).not.toContain('/@vite/');
    expect((await fetch(`${origin}/${WLLAMA_ASSET_PATHS.compatWasm}`, { method: 'HEAD' })).status).toBe(200);
  });

  it('answers 304 to a revalidation of an unchanged file, so the browser keeps its compiled wasm', async () => {
    const first = await fetch(`${origin}/${WLLAMA_ASSET_PATHS.wasm}`, { method: 'HEAD' });
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${origin}/${WLLAMA_ASSET_PATHS.wasm}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the models folder under /models/', async () => {
    expect(await (await fetch(`${origin}/models/manifest.json`)).json()).toEqual({ schema: 1 });
    const gguf = await fetch(`${origin}/models/umi-tiny-planner.gguf`);
    expect(gguf.headers.get('content-type')).toBe('application/octet-stream');
    expect(await gguf.text()).toBe('GGUF-bytes');
  });

  it('answers 404 with what to do for a missing model, and never serves outside the folder', async () => {
    const missing = await fetch(`${origin}/models/umi-tiny-caller.gguf`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No model file umi-tiny-caller.gguf');
    const outside = await fetch(`${origin}/models/%2e%2e%2findex.html`);
    expect(outside.status).toBe(404);
  });

  it('emits the wasm files and the models into a production build', async () => {
    const outDir = join(root, 'dist');
    const plugins = [wllamaAssetsPlugin({ modelsDir: models })];
    await build({ configFile: false, root, logLevel: 'silent', plugins, build: { outDir } });
    expect((await readdir(join(outDir, 'models'))).sort()).toEqual([
      'manifest.json',
      'umi-tiny-planner.gguf',
    ]);
    for (const path of Object.values(WLLAMA_ASSET_PATHS))
      expect((await stat(join(outDir, path))).size).toBeGreaterThan(0);
  });
});
