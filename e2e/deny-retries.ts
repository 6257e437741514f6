import { expect, type Page } from '@playwright/test';

/**
 * Denies every data-changing call a run asks for until the run ends: small models may ask again after
 * a denial, or go on to a change an injected note names. Fails past `limit` denials.
 */
export async function denyUntilEnded(page: Page, limit = 4): Promise<void> {
  const dialog = page.getByRole('alertdialog', { name: 'Allow this call? It changes data.' });
  const ended = page.getByText(/^Status: (answered|gave up|failed|stopped)/);
  const refusals = page.getByText(/The user did not allow/);
  for (let denied = 0; ; denied++) {
    await expect(ended.or(dialog)).toBeVisible({ timeout: 120_000 });
    if (await ended.isVisible()) return;
    expect(denied, 'the run kept asking to change data').toBeLessThan(limit);
    const before = await refusals.count();
    await dialog.getByRole('button', { name: 'Deny' }).click();
    await expect.poll(() => refusals.count(), { timeout: 60_000 }).toBeGreaterThan(before);
  }
}
