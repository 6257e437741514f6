import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium; Playwright must never download a browser of its own. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
if (!executablePath) {
  console.warn(
    `[playwright.config] ${SYSTEM_CHROMIUM} not found; falling back to Playwright's bundled Chromium. ` +
      'If the launch fails, install a browser with `apt-get install chromium` or `npx playwright install chromium`.',
  );
}

const HOST = '127.0.0.1';
/** `UMI_E2E_PORT` runs the specs against a dev server of their own (e.g. with `UMI_MODELS_DIR` set). */
const PORT = Number(process.env.UMI_E2E_PORT ?? 5173);
const baseURL = `http://${HOST}:${PORT}`;
const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: isCI,
  retries: 0,
  ...(isCI ? { workers: 1 } : {}),
  reporter: 'list',
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          // Tests run as root in a container, where Chromium's sandbox cannot start.
          args: ['--no-sandbox'],
        },
      },
    },
  ],
  webServer: {
    command: PORT === 5173 ? 'npm start' : `npx vite --host ${HOST} --port ${PORT} --strictPort`,
    url: baseURL,
    reuseExistingServer: !isCI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
