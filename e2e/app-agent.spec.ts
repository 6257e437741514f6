import { expect, type Page, test } from '@playwright/test';
import { skipWithoutModels } from './load-models.ts';

/**
 * The app as a user meets it: load the embedded models (wllama in headless Chromium), type a
 * chained task, watch the steps appear, find the run again after a reload (IndexedDB), then
 * export it, delete it, import the file and replay it step by step.
 */
const TASK = "What's the weather in Lausanne?";

test.describe
  .serial('the app runs a task on the embedded models', () => {
    test.setTimeout(10 * 60_000);
    let page: Page;
    let stepCount = 0;
    let statusText = '';

    test.beforeAll(async ({ browser, request }) => {
      await skipWithoutModels(request);
      page = await browser.newPage();
    });
    test.afterAll(async () => {
      await page?.close();
    });

    const trajectory = () => page.getByRole('region', { name: 'Trajectory' });
    const steps = () => trajectory().getByRole('list', { name: 'Steps' }).getByRole('listitem');

    test('shows every step from typing the task to the end of the run', async () => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Load models' }).click();
      const models = page.getByRole('region', { name: 'Models' });
      for (const role of ['planner', 'caller', 'summarizer']) {
        await expect(models.getByRole('progressbar', { name: `${role} model loading` })).toHaveAttribute(
          'value',
          '1',
          { timeout: 120_000 },
        );
      }
      await page.getByRole('textbox', { name: 'Task' }).fill(TASK);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(trajectory().getByRole('listitem', { name: 'Step 1: planner' })).toBeVisible({
        timeout: 60_000,
      });
      await expect(trajectory().getByText(/^Status: (answered|gave up|failed|stopped)/)).toBeVisible({
        timeout: 300_000,
      });
      stepCount = await steps().count();
      expect(stepCount).toBeGreaterThanOrEqual(3);
      await expect(
        trajectory()
          .getByRole('listitem', { name: /: caller$/ })
          .first(),
      ).toBeVisible();
      await expect(
        trajectory()
          .getByRole('listitem', { name: /: API call / })
          .first(),
      ).toBeVisible();
      statusText =
        (await trajectory()
          .getByText(/^Status:/)
          .textContent()) ?? '';
      await page.screenshot({ path: 'test-results/app-agent-run.png', fullPage: true });
    });

    test("answers with the demo API's own weather for Lausanne after searching the city and getting its weather", async ({
      request,
    }) => {
      const [city] = (await (await request.get('/demo-api/cities?name=Lausanne')).json()) as { id: number }[];
      const weather = (await (await request.get(`/demo-api/weather/${city?.id}`)).json()) as {
        temperature: number;
        conditions: string;
      };
      expect(statusText).toMatch(/^Status: answered/);
      const calls = trajectory().getByRole('listitem', { name: /: API call / });
      await expect(calls).toHaveCount(2);
      await expect(calls.nth(0)).toContainText('searchcities_for_demo');
      await expect(calls.nth(0)).toContainText('"name": "Lausanne"');
      await expect(calls.nth(1)).toContainText('getweather_for_demo');
      await expect(calls.nth(1)).toContainText(`"city_id": ${city?.id}`);
      const answer = trajectory().getByRole('region', { name: 'Answer' });
      await expect(answer).toContainText(String(weather.temperature));
      await expect(answer).toContainText(weather.conditions);
    });

    test('keeps the finished run with all its steps across a reload', async () => {
      await page.reload();
      await expect(trajectory().getByText(/^Status:/)).toHaveText(statusText);
      await expect(steps()).toHaveCount(stepCount);
      const runs = page.getByRole('region', { name: 'Runs' });
      await expect(runs.getByRole('button', { name: /What's the weather in Lausanne\?/ })).toBeVisible();
      await page.screenshot({ path: 'test-results/app-agent-after-reload.png', fullPage: true });
    });

    test('exports the run, imports the file after deleting it, and replays it step by step', async () => {
      const runs = page.getByRole('region', { name: 'Runs' });
      const downloading = page.waitForEvent('download');
      await runs.getByRole('button', { name: 'Export JSON', exact: true }).click();
      const file = await (await downloading).path();
      await runs.getByRole('button', { name: 'Delete' }).click();
      await expect(trajectory()).toHaveCount(0);
      await runs.getByLabel('Import a run').setInputFiles(file);
      await expect(trajectory().getByText(/^Status:/)).toHaveText(statusText);
      await expect(steps()).toHaveCount(stepCount);

      await trajectory().getByRole('button', { name: 'Replay step by step' }).click();
      await expect(trajectory().getByText(`Replay: 0 of ${stepCount} steps`)).toBeVisible();
      await expect(steps()).toHaveCount(0);
      await trajectory().getByRole('button', { name: 'Next step' }).click();
      await trajectory().getByRole('button', { name: 'Next step' }).click();
      await expect(steps()).toHaveCount(2);
      await expect(trajectory().getByRole('listitem', { name: 'Step 2: caller' })).toBeVisible();
      await page.screenshot({ path: 'test-results/app-agent-replay.png', fullPage: true });
      await trajectory().getByRole('button', { name: 'Show all' }).click();
      await expect(steps()).toHaveCount(stepCount);
    });
  });
