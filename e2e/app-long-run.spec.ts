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

test('a megabyte response body stays collapsed, then opens a chunk at a time', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'umi' })).toBeVisible();
  const start = Date.now();
  const rows = Array.from({ length: 25_000 }, (_, index) => ({ id: index, name: `city ${index}` }));
  const text = JSON.stringify(rows, null, 2);
  const step = {
    type: 'tool',
    index: 0,
    name: 'searchcities_for_demo',
    argumentsText: '{}',
    ok: true,
    status: 200,
    request: { method: 'GET', url: 'http://127.0.0.1/demo-api/cities' },
    response: { text },
    observation: text.slice(0, 1024),
    startedAt: start,
    durationMs: 40,
    flags: {},
  };
  const trajectory = {
    version: 1,
    id: 'big',
    mode: 'alpha-umi',
    tools: [],
    turns: [{ from: 'user', value: 'Every city' }],
    steps: [step],
    status: 'max-steps',
    createdAt: start,
    updatedAt: start,
  };
  await seedSessions(page, [{ id: 'big', title: 'Every city', trajectory }]);
  await page.reload();

  const call = page.getByRole('listitem', { name: 'Step 1: API call searchcities_for_demo' });
  const summary = call.getByText(`Response (${text.length.toLocaleString('en-US')} characters)`);
  await expect(summary).toBeVisible();
  expect(text.length).toBeGreaterThan(1_000_000);
  await expect(call.locator('pre')).toHaveCount(0);
  await summary.click();
  const body = call.locator('pre.umi-app__body');
  expect(await body.evaluate((element) => element.textContent?.length)).toBe(50_000);
  await call.getByRole('button', { name: /^Show more/ }).click();
  expect(await body.evaluate((element) => element.textContent?.length)).toBe(550_000);
  await expect(call.getByText(/What the models read \(1,024 characters\)/)).toBeVisible();
  await page.screenshot({ path: 'test-results/app-big-body.png' });
});
