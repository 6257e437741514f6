import { expect, test } from '@playwright/test';
import { openAppWithModels, skipWithoutModels } from './load-models.ts';

/** A follow-up question continues the same run: one run in the list, both questions, more steps. */
test('a follow-up question continues the answered run with the whole history', async ({ page, request }) => {
  test.setTimeout(8 * 60_000);
  await skipWithoutModels(request);
  await openAppWithModels(page);
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  const status = trajectory.getByText(/^Status: (answered|gave up|failed|stopped)/);
  const steps = trajectory.getByRole('list', { name: 'Steps' }).getByRole('listitem');

  await page.getByRole('textbox', { name: 'Task' }).fill("What's the weather in Lausanne?");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(trajectory.getByText(/^Status: answered/)).toBeVisible({ timeout: 300_000 });
  const firstSteps = await steps.count();
  const firstAnswer = (await trajectory.getByRole('region', { name: 'Answer' }).textContent()) ?? '';

  await page.getByRole('textbox', { name: 'Task' }).fill('And in Durban?');
  await page.getByRole('button', { name: 'Ask as follow-up' }).click();
  await expect(trajectory.getByText(/^Status: running/)).toBeVisible();
  await expect(status).toBeVisible({ timeout: 300_000 });

  const questions = trajectory.getByRole('list', { name: 'Questions' }).getByRole('listitem');
  await expect(questions).toHaveCount(2);
  await expect(questions.nth(0)).toContainText("What's the weather in Lausanne?");
  // The first answer stays with its question.
  await expect(questions.nth(0)).toContainText(firstAnswer.replace(/^Answer\s*/, '').trim());
  await expect(questions.nth(1)).toContainText('And in Durban?');
  expect(await steps.count()).toBeGreaterThan(firstSteps);
  await expect(page.getByRole('region', { name: 'Runs' }).getByRole('listitem')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/app-follow-up.png', fullPage: true });
});
