import { expect, test } from '@playwright/test';
import { seedRun, USAGE } from './seed-sessions.ts';

test('a 500-step run scrolls in a window that keeps only the steps near the view in the DOM', async ({
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
  await seedRun(page, { id: 'long', question: 'A long run', steps, status: 'max-steps' });
  await page.reload();

  const view = page.getByRole('region', { name: 'Trajectory' });
  const items = view.getByRole('list', { name: 'Steps' }).getByRole('listitem');
  const scroller = view.locator('.umi-app__step-window');
  // A finished run opens at its end, like a live one that was followed.
  await expect(items.last()).toHaveAccessibleName('Step 500: caller');
  const rendered = await items.count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThanOrEqual(40);
  const fromEnd = () =>
    scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
  expect(await fromEnd()).toBeLessThan(2);

  await scroller.evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(items.first()).toHaveAccessibleName('Step 1: planner');
  expect(await items.count()).toBeLessThanOrEqual(40);
  await expect(view.getByRole('listitem', { name: 'Step 500: caller' })).toHaveCount(0);

  await scroller.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await expect(view.getByRole('listitem', { name: /^Step 2\d\d: / }).first()).toBeVisible();
  expect(await page.locator('.umi-app__step').count()).toBeLessThanOrEqual(40);
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
  await seedRun(page, { id: 'big', question: 'Every city', steps: [step], status: 'max-steps' });
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
