import { expect, type Page, test } from '@playwright/test';
import type { ToolStep, Trajectory } from '../src/agent/trajectory.ts';
import type { WidgetDemo } from '../src/widget-demo/widget-demo-server.ts';
import { denyUntilEnded } from './deny-retries.ts';
import { probePage, startDemo } from './widget-demo.ts';

/**
 * A plain page on one origin, served with a strict Content-Security-Policy, embeds the widget built
 * by `npm run build` from another origin with one script tag. The embedded models run a task that
 * needs the demo REST API (the city's id) and the page's own function (its weather board), the page
 * hears the widget's events, and its own styles are the same as without the widget.
 */
let demo: WidgetDemo;

/** A page with a list of its own, which a page function marked mutating changes. */
const NOTES_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Notes</title>
    <link rel="icon" href="data:," />
    <script type="module" src="%WIDGET_ORIGIN%/umi-agent.js"></script>
  </head>
  <body>
    <ul id="notes"></ul>
    <umi-agent layout="inline" open openapi="%WIDGET_ORIGIN%/demo-api/openapi.json"></umi-agent>
  </body>
</html>`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startDemo({ '/notes.html': NOTES_PAGE });
});

test.afterAll(async () => {
  await demo?.close();
});

/** Every computed style of the host page's own elements. */
async function hostStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const result: Record<string, Record<string, string>> = {};
    const selectors = [
      'html',
      'body',
      'header',
      'h1',
      'p.lede',
      'main',
      'h2',
      'table',
      'th',
      'td',
      '#events',
    ];
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      if (element === null) throw new Error(`no ${selector} on the host page`);
      const style = getComputedStyle(element);
      const values: Record<string, string> = {};
      for (const property of Array.from(style)) values[property] = style.getPropertyValue(property);
      result[selector] = values;
    }
    return result;
  });
}

test('the host page is served with a strict policy that the browser enforces', async ({ page }) => {
  expect(demo.policy).not.toContain("'unsafe-eval'");
  expect(demo.policy).not.toContain("'unsafe-inline'");
  expect(demo.policy).toContain("'wasm-unsafe-eval'");
  expect(new URL(demo.hostOrigin).origin).not.toBe(new URL(demo.widgetOrigin).origin);
  await probePage(page);
  await page.goto(`${demo.hostOrigin}/`);
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.append(script);
  });
  await expect
    .poll(() => page.evaluate(() => window.umiProbe.violations))
    .toContain('script-src-elem inline');
  expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false);
});

test('one script tag from another origin runs a task with a REST tool and a page function, and the page hears its events', async ({
  page,
}) => {
  test.setTimeout(5 * 60_000);
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[host page] ${message.text()}`);
  });

  await probePage(page);
  await page.goto(`${demo.hostOrigin}/`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  // The board says something the API does not, so an answer with it came through the page function.
  await page.locator('#board tr[data-city-id="113"] [data-field="temperature"]').evaluate((cell) => {
    cell.textContent = '12.5';
  });
  await page.evaluate(() => {
    const heard: string[] = [];
    Object.assign(window, { heard });
    const widget = document.querySelector('umi-agent');
    for (const type of ['umi-step', 'umi-answer', 'umi-error', 'umi-run-end'])
      document.addEventListener(type, () => heard.push(type));
    if (widget === null) throw new Error('no <umi-agent>');
  });

  await page.getByRole('button', { name: 'Ask Station assistant' }).click();
  const task = page.getByRole('textbox', { name: 'Task' });
  await task.fill("What's the weather in Lausanne?");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('#events')).toContainText('answer:', { timeout: 4 * 60_000 });

  const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
  expect(heard).toContain('umi-answer');
  expect(heard).not.toContain('umi-error');
  expect(heard.at(-1)).toBe('umi-run-end');
  const log = await page.locator('#events li').allTextContents();
  expect(log).toContain('tool searchcities_for_demo: ok');
  expect(log).toContain('tool getweather_for_demo: ok');
  expect(log.at(-1)).toContain('12.5');
  expect(heard.filter((type) => type === 'umi-step')).toHaveLength(log.length - 1);

  // The same run through the JS API resolves to the trajectory.
  const trajectory = await page.evaluate(
    () => document.querySelector('umi-agent')?.run("What's the weather in Lausanne?") as Promise<Trajectory>,
  );
  expect(trajectory.status).toBe('answered');
  const calls = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
  expect(calls.map((call) => [call.name, call.ok])).toEqual([
    ['searchcities_for_demo', true],
    ['getweather_for_demo', true],
  ]);
  expect(calls[0]?.request?.url.startsWith(`${demo.widgetOrigin}/demo-api/`)).toBe(true);
  expect(calls[1]?.request).toBeUndefined();
  expect(calls[1]?.observation).toContain('"temperature": 12.5');

  const probe = await page.evaluate(() => window.umiProbe);
  expect(probe.violations).toEqual([]);
  expect(probe.created, 'one worker per role model').toBe(3);

  // The same page without the widget (its script refused), given the same board value and event log by
  // hand: every computed style of the host's elements is the same as with the widget after its runs.
  const after = await hostStyles(page);
  const entries = await page.locator('#events li').allTextContents();
  const bare = await page.context().newPage();
  await bare.route(`${demo.widgetOrigin}/umi-agent.js`, (route) => route.abort());
  await bare.goto(`${demo.hostOrigin}/`);
  await bare.evaluate((texts) => {
    const cell = document.querySelector('#board tr[data-city-id="113"] [data-field="temperature"]');
    if (cell !== null) cell.textContent = '12.5';
    const events = document.getElementById('events');
    for (const text of texts) {
      const item = document.createElement('li');
      item.textContent = text;
      events?.append(item);
    }
  }, entries);
  expect(after).toEqual(await hostStyles(bare));
  await bare.close();
});

test('a page function marked mutating runs only after the user allows it in the widget', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await page.goto(`${demo.hostOrigin}/notes.html`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  // Registered from outside (Playwright's evaluate): the page itself may run no inline script.
  await page.evaluate(() => {
    const notes = document.getElementById('notes') as HTMLElement;
    document.querySelector('umi-agent')?.registerTool({
      name: 'createtodo_for_demo',
      description: 'Add a todo item.',
      parameters: {
        type: 'object',
        properties: {
          text: { type: 'string', description: 'what to do' },
          due: { type: 'string', description: 'due date YYYY-MM-DD' },
        },
        required: ['text'],
      },
      mutating: true,
      execute: (args) => {
        const item = document.createElement('li');
        item.textContent = String(args.text);
        notes.append(item);
        return { id: notes.children.length, text: args.text, due: null, done: false };
      },
    });
  });
  const task = page.getByRole('textbox', { name: 'Task' });

  await task.fill('Create a todo: water the plants');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // The models may try the call again after a denial; the user denies every one until the run ends.
  await expect(page.getByRole('button', { name: 'Deny' })).toBeVisible({ timeout: 2 * 60_000 });
  await denyUntilEnded(page);
  await expect(page.locator('#notes li')).toHaveCount(0);

  await task.fill('Create a todo: water the plants');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Allow' }).click({ timeout: 2 * 60_000 });
  await expect(page.locator('#notes li')).toHaveText(['water the plants'], { timeout: 2 * 60_000 });
});

test('without JSPI the widget runs wllama’s compat build from its own origin, under the same policy', async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  await probePage(page);
  await page.addInitScript(() => {
    Reflect.deleteProperty(WebAssembly, 'Suspending');
  });
  const fetched: string[] = [];
  page.context().on('request', (request) => fetched.push(request.url()));
  await page.goto(`${demo.hostOrigin}/`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  const status = await page.evaluate(async () => {
    const trajectory = await document.querySelector('umi-agent')?.run("What's the weather in Lausanne?");
    return trajectory?.status;
  });
  expect(status).toBe('answered');
  expect(fetched).toContain(`${demo.widgetOrigin}/wllama/compat/wllama.js`);
  expect(fetched).toContain(`${demo.widgetOrigin}/wllama/compat/wllama.wasm`);
  expect(fetched).not.toContain(`${demo.widgetOrigin}/wllama/wllama.wasm`);
  expect(await page.evaluate(() => window.umiProbe.violations)).toEqual([]);
});
