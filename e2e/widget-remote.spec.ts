import { expect, test } from '@playwright/test';
import type { ToolStep, Trajectory } from '../src/agent/trajectory.ts';
import type { OpenAiServer } from '../src/engines/openai/openai-server.ts';
import { type ServedRoleModels, serveEmbeddedRoleModels } from '../src/testing/served-role-models.ts';
import type { WidgetDemo } from '../src/widget-demo/widget-demo-server.ts';
import { probePage, startDemo } from './widget-demo.ts';

/**
 * The widget on role models served elsewhere: the host page (strict CSP, its connect-src naming the
 * server) connects its widget to an OpenAI-compatible server, and the run uses no engine of the page.
 */
let served: ServedRoleModels;
let server: OpenAiServer;
let demo: WidgetDemo;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  served = await serveEmbeddedRoleModels('sk-widget-remote');
  server = served.server;
  demo = await startDemo({}, [new URL(server.baseUrl).origin]);
});

test.afterAll(async () => {
  await demo?.close();
  await served?.close();
});

test('a widget connected to a remote server runs the task there, with the page’s function, starting no worker', async ({
  page,
}) => {
  test.setTimeout(3 * 60_000);
  await probePage(page);
  await page.goto(`${demo.hostOrigin}/`);
  await page.waitForFunction(() => customElements.get('umi-agent') !== undefined);
  const trajectory = await page.evaluate(async (baseUrl) => {
    const widget = document.querySelector('umi-agent');
    if (widget === null) throw new Error('no <umi-agent>');
    await widget.connectRemote({
      baseUrl,
      apiKey: 'sk-widget-remote',
      models: { planner: 'umi-tiny-planner', caller: 'umi-tiny-caller', summarizer: 'umi-tiny-summarizer' },
    });
    return widget.run("What's the weather in Lausanne?") as Promise<Trajectory>;
  }, server.baseUrl);
  expect(trajectory.status).toBe('answered');
  const calls = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
  expect(calls.map((call) => [call.name, call.ok])).toEqual([
    ['searchcities_for_demo', true],
    ['getweather_for_demo', true],
  ]);
  expect(trajectory.answer).toContain('11.5');
  const probe = await page.evaluate(() => window.umiProbe);
  expect(probe.created, 'no wllama worker: the models ran on the server').toBe(0);
  expect(probe.violations).toEqual([]);

  const refused = await page.evaluate(async (baseUrl) => {
    const widget = document.querySelector('umi-agent');
    try {
      await widget?.connectRemote({
        baseUrl,
        apiKey: 'sk-wrong',
        models: { planner: 'umi-tiny-planner', caller: 'umi-tiny-caller', summarizer: 'umi-tiny-summarizer' },
      });
      return 'connected';
    } catch (error) {
      return (error as Error).message;
    }
  }, server.baseUrl);
  expect(refused).toMatch(/HTTP 401.*Check the API key/);
});
