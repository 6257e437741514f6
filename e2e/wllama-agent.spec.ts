import { expect, type Page, test } from '@playwright/test';
import type { ModelStep, ToolStep } from '../src/agent/trajectory.ts';
import type { AgentRunReport } from './harness/agent-host.ts';
import { skipWithoutModels } from './load-models.ts';

/**
 * The α-UMi agent with the shipped models (models/manifest.json) running through wllama in
 * headless Chromium, on a chained task against the demo API served by the dev server. The first
 * test checks the plumbing (models load, the loop runs on their real output); the second checks
 * the answer against the API's own data, which only trained models that copy the city give.
 */
const TASK = "What's the weather in Lausanne?";

interface Weather {
  temperature: number;
  conditions: string;
}

let report: AgentRunReport;
let weather: Weather;
let cityId: number;

test.describe
  .serial('the α-UMi agent on wllama in the page', () => {
    test.setTimeout(10 * 60_000);

    test.beforeAll(async ({ browser, request }) => {
      test.setTimeout(10 * 60_000);
      await skipWithoutModels(request);
      const cities = (await (await request.get('/demo-api/cities?name=Lausanne')).json()) as { id: number }[];
      cityId = cities[0]?.id ?? -1;
      weather = (await (await request.get(`/demo-api/weather/${cityId}`)).json()) as Weather;
      const page: Page = await browser.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error') console.log(`[page] ${message.text()}`);
      });
      await page.goto('/e2e/harness/agent.html');
      await page.waitForFunction(() => window.umiAgentHost !== undefined);
      report = await page.evaluate((task) => window.umiAgentHost.run({ task }), TASK);
      await page.close();
      logSpeeds(report);
    });

    test('loads the planner, caller and summarizer through wllama and runs the loop on their output', () => {
      expect(report.error, 'nothing failed before the run').toBeUndefined();
      expect(report.models.map((model) => model.role)).toEqual(['planner', 'caller', 'summarizer']);
      expect(report.tools).toContain('searchcities_for_demo');
      expect(report.tools).toContain('getweather_for_demo');
      const trajectory = report.trajectory;
      if (!trajectory) throw new Error('the run did not end');
      const steps = trajectory.steps.filter((step): step is ModelStep => step.type === 'model');
      expect(steps[0]?.role, 'the planner spoke first').toBe('planner');
      for (const step of steps) {
        expect(step.usage.promptTokens).toBeGreaterThan(0);
        expect(step.usage.completionTokens).toBeGreaterThan(0);
      }
      expect(trajectory.status).not.toBe('running');
      // A model may misbehave (unparsable plans, rambling until its context is full); the engine may not.
      const code = trajectory.error?.name === 'EngineError' ? trajectory.error.data?.code : undefined;
      expect(
        ['load-failed', 'generation-failed', 'unsupported', 'not-loaded'],
        'no engine failure',
      ).not.toContain(code);
    });

    test('answers with the API’s weather for Lausanne after searching the city and then getting its weather', () => {
      const trajectory = report.trajectory;
      if (!trajectory) throw new Error('the run did not end');
      const calls = trajectory.steps.filter((step): step is ToolStep => step.type === 'tool');
      expect(calls.map((call) => call.name)).toEqual(['searchcities_for_demo', 'getweather_for_demo']);
      expect(calls[0]?.arguments).toMatchObject({ name: 'Lausanne' });
      expect(calls[1]?.arguments).toMatchObject({ city_id: cityId });
      expect(trajectory.status).toBe('answered');
      expect(trajectory.answer).toContain(String(weather.temperature));
      expect(trajectory.answer?.toLowerCase()).toContain(weather.conditions.toLowerCase());
    });
  });

/** Prints load times and prefill/decode speeds per role (the numbers the README quotes). */
function logSpeeds(run: AgentRunReport): void {
  for (const model of run.models)
    console.log(`[wllama] ${model.role} ${model.id} loaded in ${model.loadMs} ms`);
  const steps = run.trajectory?.steps.filter((step): step is ModelStep => step.type === 'model') ?? [];
  for (const step of steps) {
    const {
      promptTokens,
      reusedPromptTokens,
      completionTokens,
      prefillTokensPerSecond,
      decodeTokensPerSecond,
    } = step.usage;
    console.log(
      `[wllama] ${step.role}: prompt ${promptTokens} (${reusedPromptTokens} reused), ${completionTokens} generated; ` +
        `prefill ${prefillTokensPerSecond.toFixed(0)} tok/s, decode ${decodeTokensPerSecond.toFixed(0)} tok/s; ` +
        `output ${JSON.stringify(step.output.slice(0, 120))}`,
    );
  }
  console.log(`[wllama] status ${run.trajectory?.status}; answer ${JSON.stringify(run.trajectory?.answer)}`);
  if (run.error ?? run.trajectory?.error)
    console.log(`[wllama] error ${JSON.stringify(run.error ?? run.trajectory?.error)}`);
}
