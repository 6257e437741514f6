import { type APIRequestContext, expect, type Page, test } from '@playwright/test';

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

/** Skips the calling test when the app serves no model manifest (the models were never built). */
export async function skipWithoutModels(request: APIRequestContext): Promise<void> {
  const manifest = await request.get('/models/manifest.json');
  test.skip(!manifest.ok(), 'No models/manifest.json: build the models with npm run train:tiny.');
}
