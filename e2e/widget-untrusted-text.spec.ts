import { expect, test } from '@playwright/test';
import type { WidgetDemo } from '../src/widget-demo/widget-demo-server.ts';
import { startDemo } from './widget-demo.ts';

/**
 * Markup a page function (or a model echoing it) returns shows as text inside the widget: no element
 * is made from it and nothing in it runs, in the step cards or in the answer.
 */
const PAYLOAD = '<img src=x onerror="window.__umiPwned = 1"><script>window.__umiPwned = 2</script>';
let demo: WidgetDemo;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startDemo({});
});

test.afterAll(async () => {
  await demo?.close();
});

test('markup returned by a page function is shown as text in the widget and nothing in it runs', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  await page.goto(`${demo.hostOrigin}/`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  await page.evaluate((payload) => {
    document.querySelector('umi-agent')?.registerTool({
      name: 'listtodos_for_demo',
      description: 'List the todo items.',
      parameters: { type: 'object', properties: {} },
      execute: () => [{ id: 1, text: payload, due: null, done: false }],
    });
  }, PAYLOAD);
  await page.getByRole('button', { name: 'Ask Station assistant' }).click();
  await page.getByRole('textbox', { name: 'Task' }).fill('Show me my todo list.');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByText(/^Status: (answered|gave up|failed|stopped)/)).toBeVisible({
    timeout: 3 * 60_000,
  });
  const call = page.getByRole('listitem', { name: /API call listtodos_for_demo/ });
  await expect(call).toContainText('onerror=');
  const made = await page.evaluate(() => {
    const root = document.querySelector('umi-agent')?.shadowRoot;
    return root ? root.querySelectorAll('img, script, iframe, object').length : -1;
  });
  expect(made).toBe(0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __umiPwned?: number }).__umiPwned)).toBeUndefined();
});
