import { expect, type Page, test } from '@playwright/test';

/** Collects console errors and uncaught page errors from the moment it is called. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

test.describe('app shell', () => {
  test('shows the umi heading and a one-line description', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('umi — in-page tool-use agent');
    await expect(page.getByRole('heading', { level: 1, name: 'umi' })).toBeVisible();
    await expect(page.getByText('a planner decides, a caller calls, a summarizer answers')).toBeVisible();
  });

  test('lists the planner, caller and summarizer roles', async ({ page }) => {
    await page.goto('/');
    const roles = page.getByRole('region', { name: 'Three roles' });
    await expect(roles.getByRole('listitem')).toHaveCount(3);
    for (const name of ['Planner', 'Caller', 'Summarizer']) {
      await expect(roles.getByRole('heading', { level: 3, name })).toBeVisible();
    }
  });

  test('says honestly that models are not wired in, with the task box and Run disabled', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('status')).toHaveText(/not wired in yet/);
    const task = page.getByRole('textbox', { name: 'Task' });
    const run = page.getByRole('button', { name: 'Run' });
    await expect(task).toBeDisabled();
    await expect(run).toBeDisabled();
    await expect(run).toHaveAccessibleDescription(/not wired in yet/);
  });

  test('lets the keyboard reach the task box and the Run button', async ({ page }) => {
    await page.goto('/');
    const task = page.getByRole('textbox', { name: 'Task' });
    await expect(task).toBeVisible(); // React renders after `load`; Tab before that focuses nothing.
    await page.keyboard.press('Tab');
    await expect(task).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Run' })).toBeFocused();
  });

  test('is cross-origin isolated so workers can share memory', async ({ page }) => {
    await page.goto('/');
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  });

  test('loads without console errors and renders a screenshot', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'umi' })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: 'test-results/app-shell.png', fullPage: true });
    expect(errors).toEqual([]);
  });

  test('follows a dark colour scheme preference', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    const app = page.locator('.umi-app');
    await expect(app).toHaveCSS('color-scheme', 'dark');
    await page.screenshot({ path: 'test-results/app-shell-dark.png', fullPage: true });
  });
});
