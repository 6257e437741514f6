import { type CDPSession, expect, type Page, test } from '@playwright/test';
import { openAppWithModels, skipWithoutModels } from './load-models.ts';
import { probePage } from './widget-demo.ts';

/**
 * Runs back to back in one page of the app on the embedded models, every run kept as a user keeps
 * them: the workers, the event listeners and the JS heap stay level. `UMI_LOAD_RUNS` sets how many
 * runs: 24 by default (about a minute here), 100 for the long setting (about five minutes). The heap at
 * the end is compared with the heap after the first 10 runs. The Runs panel lists the newest
 * `LISTED_RUNS` runs, each button one listener, so listeners are compared once it is full (and shows
 * its "Show all" button); past runs
 * are held as summaries, read back from IndexedDB when opened.
 */
const RUNS = Math.max(24, Number(process.env.UMI_LOAD_RUNS ?? 24));
const BASELINE_RUNS = 10;
/** Runs the Runs panel lists before "Show all" (src/ui/run-list.tsx). */
const LISTED_RUNS = 20;
const TASKS = [
  "What's the weather in Lausanne?",
  'What time is it in Durban?',
  'What is the weather like in Oslo?',
];
/** Workers of the α-UMi preset: one wllama instance per role model. */
const ROLE_MODELS = 3;

interface Sample {
  run: number;
  heap: number;
  listeners: number;
  nodes: number;
  liveWorkers: number;
  workers: number;
}

/** After forced garbage collection: the JS heap, the listener and node counts, and the workers. */
async function sample(page: Page, cdp: CDPSession, run: number): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const liveWorkers = await page.evaluate(() => window.umiProbe.created - window.umiProbe.terminated);
  return {
    run,
    heap: usedSize,
    listeners: counters.jsEventListeners,
    nodes: counters.nodes,
    liveWorkers,
    workers: page.workers().length,
  };
}

/** A sample once the page is idle: the listener count read the same twice, 100 ms apart (a few tries). */
async function settledSample(page: Page, cdp: CDPSession, run: number): Promise<Sample> {
  let previous = await sample(page, cdp, run);
  for (let tries = 0; tries < 20; tries++) {
    await page.waitForTimeout(100);
    const next = await sample(page, cdp, run);
    if (next.listeners === previous.listeners) return next;
    previous = next;
  }
  return previous;
}

/** Runs one task from the task box (the runs before it kept), waits until it has ended, and says how it ended. */
async function runOnce(page: Page, task: string, run: number): Promise<string> {
  const runs = page.getByRole('region', { name: 'Runs' });
  const items = runs.getByRole('listitem');
  await page.getByRole('textbox', { name: 'Task' }).fill(task);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(items).toHaveCount(Math.min(run, LISTED_RUNS), { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 120_000 });
  return (await items.first().locator('.umi-app__tag').textContent()) ?? '';
}

test(`${RUNS} runs back to back keep the workers and the listeners constant and the heap within 10%`, async ({
  page,
  request,
}) => {
  test.setTimeout(90_000 + RUNS * 20_000);
  await skipWithoutModels(request);
  await probePage(page);
  await openAppWithModels(page);
  const cdp = await page.context().newCDPSession(page);
  const samples: Sample[] = [];
  const ended: Record<string, number> = {};
  const started = Date.now();
  for (let run = 1; run <= RUNS; run++) {
    const status = await runOnce(page, TASKS[(run - 1) % TASKS.length] as string, run);
    ended[status] = (ended[status] ?? 0) + 1;
    samples.push(await settledSample(page, cdp, run));
  }
  const first = samples[0] as Sample;
  const baseline = samples[BASELINE_RUNS - 1] as Sample;
  const last = samples[RUNS - 1] as Sample;
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`app-load: ${RUNS} runs in ${seconds} s, ended ${JSON.stringify(ended)}`);
  console.log(`app-load: after run 1 ${summary(first)}`);
  console.log(`app-load: after run ${BASELINE_RUNS} ${summary(baseline)}`);
  console.log(`app-load: after run ${RUNS} ${summary(last)}`);

  expect(
    Object.keys(ended).filter((status) => !['answered', 'gave-up', 'max-steps'].includes(status)),
  ).toEqual([]);
  // One worker per role model from the first run on, and none started or ended since.
  for (const { run, liveWorkers, workers } of samples)
    expect({ run, liveWorkers, workers }).toEqual({ run, liveWorkers: ROLE_MODELS, workers: ROLE_MODELS });
  expect(await page.evaluate(() => window.umiProbe)).toMatchObject({ created: ROLE_MODELS, terminated: 0 });
  // Listeners: the same count once the Runs panel is full and offers "Show all", once the page is idle again.
  const full = samples[LISTED_RUNS] as Sample;
  for (const { run, listeners } of samples.slice(LISTED_RUNS + 1))
    expect({ run, listeners }).toEqual({ run, listeners: full.listeners });
  await expect
    .poll(async () => (await sample(page, cdp, RUNS)).listeners, { timeout: 5_000 })
    .toBe(full.listeners);
  expect(last.heap, `heap after ${RUNS} runs vs after ${BASELINE_RUNS}`).toBeLessThanOrEqual(
    baseline.heap * 1.1,
  );
});

function summary({ heap, listeners, nodes, liveWorkers }: Sample): string {
  return `heap ${(heap / 1e6).toFixed(2)} MB, ${listeners} listeners, ${nodes} nodes, ${liveWorkers} workers`;
}
