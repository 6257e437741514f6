import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApiPlugin } from './vite-plugin.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'umi-demo-vite-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const common = () => ({
  configFile: false as const,
  root,
  logLevel: 'silent' as const,
  plugins: [demoApiPlugin()],
});

/** Checks the demo API under /demo-api on a Vite server's origin, and that the app's pages still work. */
async function expectDemoApiAt(origin: string): Promise<void> {
  const document = (await (await fetch(`${origin}/demo-api/openapi.json`)).json()) as { servers: unknown };
  expect(document.servers).toEqual([{ url: '/demo-api' }]);
  const oslo = await fetch(`${origin}/demo-api/cities?name=Oslo`);
  expect(await oslo.json()).toEqual([{ id: 1, name: 'Oslo', country: 'NO', population: 709000 }]);
  const stats = await fetch(`${origin}/demo-api/_control/stats`);
  expect(await stats.json()).toEqual({ searchCities: 1 });
  const page = await fetch(`${origin}/`);
  expect(await page.text()).toContain('<title>app</title>');
}

describe('the Vite plugin', () => {
  it('serves the demo API under /demo-api on the dev server, next to the app', async () => {
    const server = await createServer({ ...common(), server: { host: '127.0.0.1', port: 0 } });
    try {
      await server.listen();
      const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      await expectDemoApiAt(origin);
    } finally {
      await server.close();
    }
  });

  it('serves it on the preview server too', async () => {
    const server = await preview({
      ...common(),
      build: { outDir: root },
      preview: { host: '127.0.0.1', port: 0 },
    });
    try {
      const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      await expectDemoApiAt(origin);
    } finally {
      await server.close();
    }
  });
});
