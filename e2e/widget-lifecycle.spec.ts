import { expect, type Page, test } from '@playwright/test';
import type { Trajectory } from '../src/agent/trajectory.ts';
import type { WidgetDemo } from '../src/widget-demo/widget-demo-server.ts';
import { probePage, startDemo } from './widget-demo.ts';

/**
 * Two widgets on one page, each with its own engines (one wllama worker per role model), and a page
 * that removes, moves and re-adds them: every worker a widget started ends when it leaves the page,
 * and none is started again for a widget that only moved.
 */
const TWO_WIDGETS = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Two widgets</title>
    <link rel="icon" href="data:," />
    <script type="module" src="%WIDGET_ORIGIN%/umi-agent.js"></script>
    <script type="module" src="host.js"></script>
  </head>
  <body>
    <table id="board"><tbody>
      <tr data-city-id="113" data-city="Lausanne"><th>Lausanne</th><td data-field="temperature">11.5</td>
      <td data-field="conditions">fog</td><td data-field="wind_kph">6.5</td><td data-field="humidity">91</td></tr>
    </tbody></table>
    <ol id="events"></ol>
    <umi-agent id="first" layout="inline" openapi="%WIDGET_ORIGIN%/demo-api/openapi.json"></umi-agent>
    <umi-agent id="second" layout="inline" openapi="%WIDGET_ORIGIN%/demo-api/openapi.json"></umi-agent>
  </body>
</html>`;

const TASK = "What's the weather in Lausanne?";

let demo: WidgetDemo;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  demo = await startDemo({ '/two.html': TWO_WIDGETS });
});

test.afterAll(async () => {
  await demo?.close();
});

/** Runs the task in the widget with that id and returns how the run ended. */
function runIn(page: Page, id: string): Promise<string> {
  return page.evaluate(
    async ({ id, task }) => {
      const widget = document.getElementById(id) as HTMLElementTagNameMap['umi-agent'];
      const trajectory: Trajectory = await widget.run(task);
      return trajectory.status;
    },
    { id, task: TASK },
  );
}

const live = (page: Page) => page.evaluate(() => window.umiProbe.created - window.umiProbe.terminated);
const created = (page: Page) => page.evaluate(() => window.umiProbe.created);

test('two widgets run side by side, and removing, moving and re-adding them leaks no worker', async ({
  page,
}) => {
  test.setTimeout(8 * 60_000);
  await probePage(page);
  await page.goto(`${demo.hostOrigin}/two.html`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  expect(await live(page), 'no engine before the first run').toBe(0);

  expect(await Promise.all([runIn(page, 'first'), runIn(page, 'second')])).toEqual(['answered', 'answered']);
  expect(await live(page), 'three role models per widget').toBe(6);

  // Moved within one task: the same element, the same engines.
  await page.evaluate(() => {
    const first = document.getElementById('first') as HTMLElement;
    first.remove();
    document.body.prepend(first);
  });
  expect(await runIn(page, 'first')).toBe('answered');
  expect(await created(page)).toBe(6);

  // Removed: its engines unload and their workers end.
  await page.evaluate(() => document.getElementById('second')?.remove());
  await expect.poll(() => live(page)).toBe(3);

  // Re-added: new engines on the next run, its page function still registered.
  await page.evaluate(() => {
    const second = document.createElement('umi-agent');
    second.id = 'second';
    second.setAttribute('layout', 'inline');
    second.setAttribute('openapi', document.getElementById('first')?.getAttribute('openapi') ?? '');
    document.body.append(second);
  });
  const readded = await page.evaluate(async (task) => {
    const second = document.getElementById('second') as HTMLElementTagNameMap['umi-agent'];
    second.registerTool({
      name: 'getweather_for_demo',
      description: 'Current weather in a city.',
      parameters: { type: 'object', properties: { city_id: { type: 'integer' } }, required: ['city_id'] },
      execute: () => ({ city_id: 113, city: 'Lausanne', temperature: 9, units: 'celsius' }),
    });
    const trajectory = await second.run(task);
    return trajectory.status;
  }, TASK);
  expect(readded).toBe('answered');
  expect(await live(page)).toBe(6);
  expect(await created(page)).toBe(9);

  // Both gone: nothing left running.
  await page.evaluate(() => {
    for (const widget of document.querySelectorAll('umi-agent')) widget.remove();
  });
  await expect.poll(() => live(page)).toBe(0);
  expect(await page.evaluate(() => window.umiProbe.violations)).toEqual([]);
});

test('a widget removed during a run stops it and ends its workers', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await probePage(page);
  await page.goto(`${demo.hostOrigin}/two.html`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  const ended = page.evaluate(async (task) => {
    const first = document.getElementById('first') as HTMLElementTagNameMap['umi-agent'];
    const done = first.run(task).then(
      (trajectory) => trajectory.status,
      (error: Error) => `rejected: ${error.message}`,
    );
    await new Promise<void>((resolve) => first.addEventListener('umi-step', () => resolve(), { once: true }));
    first.remove();
    return done;
  }, TASK);
  expect(await ended).toBe('aborted');
  await expect.poll(() => live(page)).toBe(0);
});

test('abort() stops the run in progress and keeps the widget’s models for the next run', async ({ page }) => {
  test.setTimeout(4 * 60_000);
  await probePage(page);
  await page.goto(`${demo.hostOrigin}/two.html`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  const status = await page.evaluate(async (task) => {
    const first = document.getElementById('first') as HTMLElementTagNameMap['umi-agent'];
    first.addEventListener('umi-step', () => first.abort(), { once: true });
    return (await first.run(task)).status;
  }, TASK);
  expect(status).toBe('aborted');
  expect(await live(page)).toBe(3);
  expect(await runIn(page, 'first')).toBe('answered');
  expect(await created(page)).toBe(3);
});
