import { expect, test } from '@playwright/test';
import { openAppWithModels, skipWithoutModels } from './load-models.ts';

/** A call that changes data waits for the user; denied, it is never sent and the run goes on. */
test('a mutating call waits in a dialog for Allow or Deny, and a denied call changes nothing', async ({
  page,
  request,
}) => {
  test.setTimeout(5 * 60_000);
  await skipWithoutModels(request);
  await request.post('/demo-api/_control/reset');
  const before = await (await request.get('/demo-api/todos')).json();

  await openAppWithModels(page);
  await page.getByRole('textbox', { name: 'Task' }).fill('Create a todo: buy milk');
  await page.getByRole('button', { name: 'Run', exact: true }).click();

  const dialog = page.getByRole('alertdialog', { name: 'Allow this call? It changes data.' });
  await expect(dialog).toBeVisible({ timeout: 120_000 });
  await expect(dialog).toContainText('POST');
  await expect(dialog.getByRole('button', { name: 'Deny' })).toBeFocused();
  await page.screenshot({ path: 'test-results/app-confirmation.png', fullPage: true });
  await page.keyboard.press('Escape'); // the same as Deny
  await expect(dialog).toHaveCount(0);

  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  await expect(trajectory.getByText(/^Status: (answered|gave up|failed|stopped)/)).toBeVisible({
    timeout: 120_000,
  });
  const call = trajectory.getByRole('listitem', { name: /API call createtodo_for_demo/ });
  await expect(call).toContainText('failed');
  expect(await (await request.get('/demo-api/todos')).json()).toEqual(before);
});
