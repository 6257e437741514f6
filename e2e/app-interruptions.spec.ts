import { expect, type Page, test } from '@playwright/test';
import { openAppWithModels, skipWithoutModels } from './load-models.ts';

/**
 * Runs cut off at a known point: every demo API operation is told never to answer (the `timeout`
 * fault), so the run waits at its first API call until the test stops it or reloads the page.
 */
const TASK = "What's the weather in Lausanne?";
const OPERATIONS = [
  'searchCities',
  'getWeather',
  'getLocalTime',
  'getCountry',
  'convertCurrency',
  'listTodos',
  'createTodo',
  'completeTodo',
  'deleteTodo',
];

async function holdEveryCall(page: Page): Promise<void> {
  for (const operation of OPERATIONS) {
    const response = await page.request.post('/demo-api/_control/fault', {
      data: { operation, kind: 'timeout', times: 1 },
    });
    expect(response.ok()).toBe(true);
  }
}

/** Loads the models, starts the task and waits until the run hangs at its first API call. */
async function startRunThatHangs(page: Page): Promise<void> {
  await openAppWithModels(page);
  await holdEveryCall(page);
  await page.getByRole('textbox', { name: 'Task' }).fill(TASK);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const live = page
    .getByRole('region', { name: 'Trajectory' })
    .locator('[aria-busy="true"][data-role="tool"]');
  await expect(live).toBeVisible({ timeout: 120_000 });
}

test.describe('runs cut off mid-way', () => {
  test.setTimeout(5 * 60_000);
  test.beforeEach(async ({ request }) => {
    await skipWithoutModels(request);
  });
  test.afterEach(async ({ request }) => {
    await request.post('/demo-api/_control/reset');
  });

  test('Stop ends the run as stopped, keeping the planner and caller steps', async ({ page }) => {
    await startRunThatHangs(page);
    await page.getByRole('button', { name: 'Stop' }).click();
    const trajectory = page.getByRole('region', { name: 'Trajectory' });
    await expect(trajectory.getByText(/^Status: stopped/)).toBeVisible();
    await expect(trajectory.getByRole('listitem', { name: 'Step 1: planner' })).toBeVisible();
    await expect(trajectory.getByRole('listitem', { name: 'Step 2: caller' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    await page.screenshot({ path: 'test-results/app-stopped.png', fullPage: true });
  });

  test('a reload mid-run keeps every finished step and marks the run interrupted', async ({ page }) => {
    await startRunThatHangs(page);
    await page.reload();
    const trajectory = page.getByRole('region', { name: 'Trajectory' });
    await expect(trajectory.getByText(/^Status: interrupted/)).toBeVisible();
    await expect(trajectory.getByRole('listitem', { name: 'Step 1: planner' })).toBeVisible();
    await expect(trajectory.getByRole('listitem', { name: 'Step 2: caller' })).toBeVisible();
    await expect(trajectory.locator('[aria-busy="true"]')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/app-interrupted.png', fullPage: true });
  });
});
