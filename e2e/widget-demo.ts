import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { build } from 'vite';
import { startWidgetDemo, type WidgetDemo } from '../src/widget-demo/widget-demo-server.ts';

let built: Promise<string> | undefined;

/** Builds the widget as `npm run build` does (once per test process) into a folder of its own. */
export function buildWidget(): Promise<string> {
  built ??= (async () => {
    const outDir = join(tmpdir(), `umi-widget-e2e-${process.pid}`);
    await build({
      configFile: resolve('vite.widget.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
    if (!existsSync(join(outDir, 'umi-agent.js')))
      throw new Error(`The widget build wrote no ${outDir}/umi-agent.js`);
    return outDir;
  })();
  return built;
}

/** The built widget and its demo API on one origin, host pages (the demo's and `pages`) with a strict CSP on another. */
export async function startDemo(
  pages: Record<string, string> = {},
  apiOrigins: readonly string[] = [],
): Promise<WidgetDemo> {
  return startWidgetDemo({ widgetDir: await buildWidget(), pages, control: true, apiOrigins });
}

/** Before any page script: counts workers made and ended, and records CSP violations, in `window.umiProbe`. */
export async function probePage(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { created: 0, terminated: 0, violations: [] as string[] };
    Object.assign(window, { umiProbe: probe });
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        probe.created += 1;
      }
      override terminate(): void {
        probe.terminated += 1;
        super.terminate();
      }
    };
    document.addEventListener('securitypolicyviolation', (event) =>
      probe.violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
}

/** What the probe saw. */
export interface Probe {
  created: number;
  terminated: number;
  violations: string[];
}

declare global {
  interface Window {
    umiProbe: Probe;
  }
}
