import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { EMIT_BINDING, type HostedEngineOptions } from './harness-protocol.ts';
import { HostRouter, PageEngine } from './page-engine.ts';

/** Debian's Chromium, as the Playwright config uses; the browser tests skip when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
/** Whether browser tests can run here. */
export const hasChromium = existsSync(CHROMIUM);

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const HARNESS = 'e2e/harness/engines.html';

/** A Vite dev server (the app's config, with its models and wasm) and a Chromium page on the harness. */
export interface BrowserSession {
  baseUrl: string;
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Creates an unloaded WllamaEngine in the page, driven from Node. */
  engine(options: HostedEngineOptions): Promise<PageEngine>;
  close(): Promise<void>;
}

/** Starts the app's dev server on a free port and opens the harness page in headless Chromium. */
export async function startBrowserSession(
  options: {
    modelsDir?: string /** Hide JSPI, as browsers without it are (wllama then uses its compat build). */;
    withoutJspi?: boolean;
  } = {},
): Promise<BrowserSession> {
  if (options.modelsDir) process.env.UMI_MODELS_DIR = options.modelsDir;
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await createServer({
      root: ROOT,
      configFile: `${ROOT}vite.config.ts`,
      logLevel: 'error',
      // No HMR and no watcher: editing a source file must not reload the page under a running test.
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    });
    await server.listen();
    const baseUrl = server.resolvedUrls?.local[0];
    if (!baseUrl) throw new Error('The Vite dev server did not report its URL.');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    if (options.withoutJspi)
      await page.addInitScript(() => Reflect.deleteProperty(WebAssembly, 'Suspending'));
    const router = new HostRouter();
    await page.exposeFunction(EMIT_BINDING, (message: Parameters<HostRouter['receive']>[0]) =>
      router.receive(message),
    );
    await page.goto(`${baseUrl}${HARNESS}`, { timeout: 120_000 });
    await page.waitForFunction(() => window.umiEngineHost !== undefined);
    const opened = { server, browser };
    return {
      baseUrl,
      page,
      requests,
      engine: (engineOptions) => PageEngine.create(page, router, engineOptions),
      close: async () => {
        await opened.browser.close();
        await opened.server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    throw error;
  }
}
