import { expect, test } from '@playwright/test';

test('imports the demo API OpenAPI document through the tool manager and lets operations be switched off', async ({
  page,
}) => {
  await page.goto('/');
  const tools = page.getByRole('region', { name: 'Tools' });
  await tools.getByRole('textbox', { name: 'OpenAPI document to use' }).fill('/demo-api/openapi.json');
  await tools.getByRole('button', { name: 'Import from URL' }).click();
  const operations = tools.getByRole('list', { name: 'Operations' }).getByRole('checkbox');
  await expect(operations).toHaveCount(9);
  await expect(tools.getByText(/9 operations from .*openapi\.json; 9 offered to the models/)).toBeVisible();
  await tools.getByRole('checkbox', { name: /deletetodo_for_demo/ }).uncheck();
  await expect(tools.getByText(/8 offered to the models/)).toBeVisible();
  await expect(tools.getByRole('checkbox', { name: /createtodo_for_demo/ })).toBeChecked();
  await page.screenshot({ path: 'test-results/app-tools.png', fullPage: true });
});
