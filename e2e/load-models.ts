import { expect, type Page } from '@playwright/test';

/** Opens the app and loads the embedded role models (the summarizer loads last). */
export async function openAppWithModels(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Load models' }).click();
  await expect(page.getByRole('progressbar', { name: 'summarizer model loading' })).toHaveAttribute(
    'value',
    '1',
    {
      timeout: 120_000,
    },
  );
}
