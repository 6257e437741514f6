import { expect, test } from '@playwright/test';

/**
 * The app as a user meets it: load the embedded models (wllama in headless Chromium), type a
 * chained task, watch the steps appear, and find the run again after a reload (IndexedDB).
 */
const TASK = "What's the weather in Lausanne?";

test.describe('the app runs a task on the embedded models', () => {
  test.setTimeout(10 * 60_000);

  test('shows every step from typing to the answer, and keeps the run across a reload', async ({
    page,
    request,
  }) => {
    const manifest = await request.get('/models/manifest.json');
    test.skip(!manifest.ok(), 'No models/manifest.json: build the models with npm run train:tiny.');
    await page.goto('/');
    await page.getByRole('button', { name: 'Load models' }).click();
    const models = page.getByRole('region', { name: 'Models' });
    for (const role of ['planner', 'caller', 'summarizer']) {
      await expect(models.getByRole('progressbar', { name: `${role} model loading` })).toHaveAttribute(
        'value',
        '1',
        {
          timeout: 120_000,
        },
      );
    }
    await page.getByRole('textbox', { name: 'Task' }).fill(TASK);
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const trajectory = page.getByRole('region', { name: 'Trajectory' });
    await expect(trajectory.getByRole('listitem', { name: /^Step 1: planner$/ })).toBeVisible({
      timeout: 60_000,
    });
    await expect(trajectory.getByText(/^Status: (answered|gave up|failed|stopped)/)).toBeVisible({
      timeout: 300_000,
    });
    const steps = trajectory.getByRole('list', { name: 'Steps' }).getByRole('listitem');
    const count = await steps.count();
    expect(count).toBeGreaterThanOrEqual(3);
    await expect(trajectory.getByRole('listitem', { name: /: caller$/ }).first()).toBeVisible();
    await expect(trajectory.getByRole('listitem', { name: /: API call / }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/app-agent-run.png', fullPage: true });

    const status = await trajectory.getByText(/^Status:/).textContent();
    await page.reload();
    const again = page.getByRole('region', { name: 'Trajectory' });
    await expect(again.getByText(/^Status:/)).toHaveText(status ?? '');
    await expect(again.getByRole('list', { name: 'Steps' }).getByRole('listitem')).toHaveCount(count);
    await expect(
      page
        .getByRole('region', { name: 'Runs' })
        .getByRole('button', { name: new RegExp(TASK.replace('?', '\\?')) }),
    ).toBeVisible();
    await page.screenshot({ path: 'test-results/app-agent-after-reload.png', fullPage: true });
  });
});
