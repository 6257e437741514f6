import { expect, test } from '@playwright/test';
import { seedSessions, USAGE } from './seed-sessions.ts';

test('a 500-step run renders a page of steps at a time, so the DOM stays bounded, and pages and scrolls', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'umi' })).toBeVisible();
  const start = Date.now();
  const steps = Array.from({ length: 500 }, (_, index) => ({
    type: 'model',
    index,
    role: index % 2 === 0 ? 'planner' : 'caller',
    modelId: 'm',
    prompt: 'p',
    output: `output ${index + 1}`,
    usage: USAGE,
    startedAt: start + index * 10,
    durationMs: 8,
    flags: {},
  }));
  const trajectory = {
    version: 1,
    id: 'long',
    mode: 'alpha-umi',
    tools: [],
    turns: [{ from: 'user', value: 'A long run' }],
    steps,
    status: 'max-steps',
    createdAt: start,
    updatedAt: start,
  };
  await seedSessions(page, [{ id: 'long', title: 'A long run', trajectory }]);
  await page.reload();

  const view = page.getByRole('region', { name: 'Trajectory' });
  const items = view.getByRole('list', { name: 'Steps' }).getByRole('listitem');
  await expect(view.getByText('Steps 451–500 of 500')).toBeVisible();
  await expect(items).toHaveCount(50);
  expect(await page.locator('.umi-app__step').count()).toBeLessThanOrEqual(50);
  await expect(items.last()).toHaveAccessibleName('Step 500: caller');

  await view.getByRole('button', { name: 'Earlier steps' }).click();
  await expect(view.getByText('Steps 401–450 of 500')).toBeVisible();
  await expect(items.first()).toHaveAccessibleName('Step 401: planner');
  await items.last().scrollIntoViewIfNeeded();
  await expect(items.last()).toBeInViewport();
  await view.getByRole('button', { name: 'Later steps' }).click();
  await expect(view.getByText('Steps 451–500 of 500')).toBeVisible();
  await page.screenshot({ path: 'test-results/app-long-run.png' });
});
