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

test('keeps an API secret masked and the confirmation policy across a reload', async ({ page }) => {
  const secret = 'sk-live-93ab71';
  const document = {
    openapi: '3.0.3',
    info: { title: 'Vault', version: '1' },
    servers: [{ url: 'https://vault.example' }],
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    security: [{ token: [] }],
    paths: {
      '/number': {
        get: {
          operationId: 'getNumber',
          summary: 'A secret number.',
          responses: { '200': { description: 'The number.' } },
        },
      },
    },
  };
  await page.goto('/');
  const tools = page.getByRole('region', { name: 'Tools' });
  await tools.getByRole('textbox', { name: 'Or paste a document' }).fill(JSON.stringify(document));
  await tools.getByRole('button', { name: 'Import pasted' }).click();
  const field = tools.getByRole('textbox', { name: 'Vault: token (bearer token)', exact: true });
  await expect(field).toHaveAttribute('type', 'password');
  await expect(field).toHaveAttribute('placeholder', 'not set');
  await field.fill(secret);
  await tools.getByRole('button', { name: 'Save' }).click();
  await expect(field).toHaveAttribute('placeholder', 'saved; type to replace');
  await expect(field).toHaveValue('');
  await tools.getByRole('radio', { name: 'Refuse them' }).check();

  await page.reload();
  await tools.getByRole('textbox', { name: 'Or paste a document' }).fill(JSON.stringify(document));
  await tools.getByRole('button', { name: 'Import pasted' }).click();
  await expect(field).toHaveAttribute('placeholder', 'saved; type to replace');
  await expect(tools.getByRole('radio', { name: 'Refuse them' })).toBeChecked();
  expect(await page.content()).not.toContain(secret);
  await page.screenshot({ path: 'test-results/app-tools-secrets.png', fullPage: true });
  await tools.getByRole('button', { name: /Forget Vault: token/ }).click();
  await expect(field).toHaveAttribute('placeholder', 'not set');
});
