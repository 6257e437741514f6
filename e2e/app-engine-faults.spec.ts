import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page, test } from '@playwright/test';
import { CHAINED_TASK, failCompletion } from './hold-run.ts';
import { openAppWithModels, skipWithoutModels } from './load-models.ts';
import { seedRun } from './seed-sessions.ts';
import { probePage } from './widget-demo.ts';

/**
 * Engine faults in the app: a model's worker crashing or gone mid-run, a model file failing its
 * checksum, the network dropping mid-download. Each is reported naming the model, the model panel
 * offers to load again, and the runs stay.
 */
const CALLER_FILE = 'models/umi-tiny-caller.gguf';

test.beforeEach(async ({ request }) => {
  await skipWithoutModels(request);
});

/** Runs a task from the task box and waits until it has ended. */
async function run(page: Page, task: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Task' }).fill(task);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 60_000 });
}

/** Loads the models again from the panel, which offers it after a fault, and waits until all are ready. */
async function loadAgain(page: Page): Promise<void> {
  const models = page.getByRole('region', { name: 'Models' });
  await models.getByRole('button', { name: 'Load models' }).click();
  for (const role of ['planner', 'caller', 'summarizer'])
    await expect(models.getByRole('progressbar', { name: `${role} model loading` })).toHaveAttribute(
      'value',
      '1',
      { timeout: 60_000 },
    );
  await expect(models.getByRole('button', { name: 'Load models' })).toHaveCount(0);
}

const live = (page: Page) => page.evaluate(() => window.umiProbe.created - window.umiProbe.terminated);

test('a model worker that crashes mid-run fails the run naming the model; loading again works and the runs stay', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await probePage(page);
  await openAppWithModels(page);
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  const models = page.getByRole('region', { name: 'Models' });
  const runs = page.getByRole('region', { name: 'Runs' }).getByRole('listitem');
  await run(page, CHAINED_TASK);
  await expect(trajectory.getByText(/^Status: answered/)).toBeVisible();

  await failCompletion(page, 'caller', 1, 'crash');
  await run(page, 'What time is it in Durban?');
  await expect(trajectory.getByText(/^Status: failed/)).toBeVisible();
  await expect(
    trajectory.getByText(/^umi-tiny-caller crashed while generating \(wllama: Aborted\(OOM\)/),
  ).toBeVisible();
  await expect(trajectory.getByRole('listitem', { name: 'Step 1: planner' })).toBeVisible();
  await expect(
    models.getByText(/^umi-tiny-caller stopped working .* Load the models again\.$/),
  ).toBeVisible();
  await expect(runs).toHaveCount(2);
  await page.screenshot({ path: 'test-results/app-worker-crash.png', fullPage: true });

  await loadAgain(page);
  expect(await live(page), 'the crashed worker ended, a new one took its place').toBe(3);
  await run(page, CHAINED_TASK);
  await expect(trajectory.getByText(/^Status: answered/)).toBeVisible();
  await expect(runs).toHaveCount(3);
  await expect(runs.nth(1)).toContainText('error');
  await expect(runs.nth(2)).toContainText('answered');
});

test('a model worker that is gone mid-run: Stop ends the run, and loading again works', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await openAppWithModels(page);
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  const models = page.getByRole('region', { name: 'Models' });
  await failCompletion(page, 'planner', 1, 'die');
  await page.getByRole('textbox', { name: 'Task' }).fill(CHAINED_TASK);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(trajectory.locator('[aria-busy="true"][data-role="planner"]')).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  // wllama is given 10 s to let go of the request; a worker that is gone never does.
  await expect(trajectory.getByText(/^Status: stopped/)).toBeVisible({ timeout: 30_000 });
  await expect(models.getByText(/^umi-tiny-planner stopped working/)).toBeVisible();
  await loadAgain(page);
  await run(page, CHAINED_TASK);
  await expect(trajectory.getByText(/^Status: answered/)).toBeVisible();
});

test('a model file that fails its checksum is refused naming the model; loading again works and the runs stay', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  const bytes = await readFile(CALLER_FILE);
  const altered = Buffer.from(bytes);
  altered[altered.length - 1] = (altered.at(-1) ?? 0) ^ 0xff;
  await page.goto('/');
  await seedRun(page, { id: 'earlier', question: 'An earlier run', steps: [], status: 'answered' });
  await page.reload();
  await page.route('**/models/umi-tiny-caller.gguf', (route) => route.fulfill({ body: altered }));
  const models = page.getByRole('region', { name: 'Models' });
  await models.getByRole('button', { name: 'Load models' }).click();
  await expect(
    models.getByText(
      /^The caller model umi-tiny-caller \(umi-tiny-caller\.gguf\) does not match the manifest: its sha256 is/,
    ),
  ).toBeVisible({ timeout: 60_000 });
  await expect(models.getByRole('button', { name: 'Load models' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/app-model-checksum.png', fullPage: true });

  await page.unroute('**/models/umi-tiny-caller.gguf');
  await loadAgain(page);
  await expect(page.getByRole('region', { name: 'Runs' }).getByRole('listitem')).toHaveText([
    /An earlier run/,
  ]);
});

test('a download that breaks off is reported naming the model; loading again works', async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const server = await brokenDownloadServer(await readFile(CALLER_FILE));
  try {
    await page.goto('/');
    // The request leaves the page as usual and is sent to the server that drops it half way.
    await page.route('**/models/umi-tiny-caller.gguf', (route) => route.continue({ url: server.url }));
    const models = page.getByRole('region', { name: 'Models' });
    await models.getByRole('button', { name: 'Load models' }).click();
    await expect(
      models.getByText(/^The download of umi-tiny-caller from .* broke off after \d+ bytes/),
    ).toBeVisible({
      timeout: 60_000,
    });
    await expect(models.getByRole('button', { name: 'Load models' })).toBeEnabled();
    await page.unroute('**/models/umi-tiny-caller.gguf');
    await loadAgain(page);
  } finally {
    await server.close();
  }
});

/** A server that sends a whole file's headers and half its bytes, then drops the connection. */
async function brokenDownloadServer(bytes: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.length),
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    });
    response.write(bytes.subarray(0, bytes.length >> 1), () => {
      setTimeout(() => request.socket.destroy(), 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/umi-tiny-caller.gguf`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
