import { expect, test } from '@playwright/test';
import type { OpenAiServer } from '../src/engines/openai/openai-server.ts';
import { type ServedRoleModels, serveEmbeddedRoleModels } from '../src/testing/served-role-models.ts';

/**
 * The app on role models served elsewhere: an OpenAI-compatible server (umi serve's, node-llama-cpp
 * behind it, another origin, an API key) started here; the page connects to it, runs a chained task
 * through it, and nothing of the page's own models is loaded.
 */
let served: ServedRoleModels;
let server: OpenAiServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  served = await serveEmbeddedRoleModels('sk-e2e-remote');
  server = served.server;
});

test.afterAll(async () => {
  await served?.close();
});

test('runs a chained task on role models served by an OpenAI-compatible server', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await page.goto('/');
  const panel = page.getByRole('region', { name: 'Remote server (OpenAI-compatible)' });
  await panel.getByRole('textbox', { name: 'Base URL' }).fill(server.baseUrl);
  await panel.getByLabel(/API key/).fill('sk-e2e-remote');
  await panel.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByRole('status')).toContainText(`Runs use umi-tiny-planner`, { timeout: 60_000 });
  await expect(panel.getByLabel(/API key/)).toHaveValue('');
  await expect(panel.getByText('(one is stored for this URL)')).toBeVisible();

  await page.getByRole('textbox', { name: 'Task' }).fill("What's the weather in Lausanne?");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  await expect(trajectory.getByText(/^Status: answered/)).toBeVisible({ timeout: 180_000 });
  const calls = trajectory.getByRole('listitem', { name: /: API call / });
  await expect(calls).toHaveCount(2);
  await expect(calls.nth(0)).toContainText('searchcities_for_demo');
  await expect(calls.nth(1)).toContainText('getweather_for_demo');
  // The page's own planner never loaded: the run went to the server.
  await expect(page.getByRole('progressbar', { name: 'planner model loading' })).not.toHaveAttribute(
    'value',
    '1',
  );
  expect(await page.content()).not.toContain('sk-e2e-remote');
});
