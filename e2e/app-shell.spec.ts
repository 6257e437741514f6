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

  test('offers the embedded models and says they know only the demo API', async ({ page }) => {
    await page.goto('/');
    const models = page.getByRole('region', { name: 'Models' });
    await expect(models.getByText(/trained only on the demo API/)).toBeVisible();
    await expect(models.getByRole('button', { name: 'Load models' })).toBeEnabled();
    for (const role of ['planner', 'caller', 'summarizer']) {
      await expect(models.getByRole('progressbar', { name: `${role} model loading` })).toBeVisible();
    }
  });

  test('enables Run once a task is typed, and the keyboard reaches the pages, the theme, the task box, Run and the preset', async ({
    page,
  }) => {
    await page.goto('/');
    const theme = page.getByRole('combobox', { name: 'Theme' });
    await expect(theme).toBeVisible(); // React renders after `load`; Tab before that focuses nothing.
    const task = page.getByRole('textbox', { name: 'Task' });
    const run = page.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toBeDisabled();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Agent' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Evaluation' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(theme).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(task).toBeFocused();
    await page.keyboard.type('What time is it in Oslo?');
    await expect(run).toBeEnabled();
    await page.keyboard.press('Tab');
    await expect(run).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('combobox', { name: 'Preset' })).toBeFocused();
  });

  test('puts the run beside the managers at 1280 px and stacks everything, models first, on a phone', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    const task = page.getByRole('form', { name: 'Task' });
    const models = page.getByRole('region', { name: 'Models' });
    const [taskBox, modelsBox] = [await task.boundingBox(), await models.boundingBox()];
    expect(modelsBox?.x ?? 0).toBeGreaterThan((taskBox?.x ?? 0) + (taskBox?.width ?? 0));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: 'test-results/app-shell-1280.png' });

    await page.setViewportSize({ width: 390, height: 844 });
    const [phoneTask, phoneModels] = [await task.boundingBox(), await models.boundingBox()];
    expect(phoneModels?.y ?? 0).toBeLessThan(phoneTask?.y ?? 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'test-results/app-shell-phone.png', fullPage: true });
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

  test('follows a dark colour scheme preference, and the theme picker overrides it across a reload', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    const app = page.locator('.umi-app');
    const dark = 'rgb(15, 18, 22)';
    const light = 'rgb(247, 248, 250)';
    await expect(app).toHaveCSS('background-color', dark);
    await page.screenshot({ path: 'test-results/app-shell-dark.png', fullPage: true });
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('Light');
    await expect(app).toHaveCSS('background-color', light);
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('light');
    await expect(app).toHaveCSS('background-color', light);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('Dark');
    await expect(app).toHaveCSS('background-color', dark);
  });
});
