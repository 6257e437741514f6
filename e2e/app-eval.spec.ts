import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';

/**
 * The eval page on the embedded models (wllama in the page, greedy): a small ToolBench file uploaded,
 * run with progress, its metrics shown equal to what `umi score` computes from the predictions the
 * page exports, a step opened in the trajectory viewer, a second run drawn beside the first, and both
 * kept across a reload.
 */
const METRICS = ['plan_acc', 'action_em', 'hallu', 'arg_f1', 'rouge_l'] as const;

/**
 * Dialogues of the shipped out-of-domain split on which the embedded models (greedy) get some steps
 * right and some wrong — a wrong plan, a wrong API, wrong arguments, loose answers — so the metrics
 * compared are not all 0 or 100.
 */
const DIALOGUES = [0, 1, 7, 10, 12];
const STEPS = 12;

async function smallTestFile(path: string): Promise<void> {
  const dialogues = JSON.parse(
    gunzipSync(await readFile('fixtures/umi-tiny/test-out-of-domain.json.gz')).toString('utf8'),
  ) as unknown[];
  await writeFile(path, JSON.stringify(DIALOGUES.map((index) => dialogues[index])));
}

/** `npm run --silent umi -- score --json`'s metrics for a test file and predictions. */
async function umiScore(data: string, predictions: string): Promise<Record<string, number>> {
  const { stdout } = await promisify(execFile)('npm', [
    'run',
    '--silent',
    'umi',
    '--',
    'score',
    '--data',
    data,
    '--predictions',
    predictions,
    '--json',
  ]);
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Record<string, number>;
}

async function download(page: Page, button: string, path: string): Promise<string> {
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  await (await downloaded).saveAs(path);
  return readFile(path, 'utf8');
}

test('the eval page runs the embedded models on a test file and shows the metrics umi score computes', async ({
  page,
}, testInfo) => {
  test.setTimeout(6 * 60_000);
  const data = testInfo.outputPath('small-out-of-domain.json');
  await smallTestFile(data);
  await page.goto('/#/eval');
  await expect(page.getByRole('link', { name: 'Evaluation' })).toHaveAttribute('aria-current', 'page');

  // The listed test sets — our gzipped split and the paper's reference set — load in the page.
  const testSet = page.getByRole('combobox', { name: 'Test set' });
  await expect(testSet.getByRole('option')).toHaveText([
    'Choose a test set…',
    'umi-tiny test, out of domain (demo API, 400 dialogues)',
    'umi-tiny test, in domain (demo API, 400 dialogues)',
    'α-UMi reference, out of domain (ToolBench APIs, 400 dialogues)',
  ]);
  await testSet.selectOption('umi-tiny-test-out-of-domain');
  await expect(page.getByText(/^Loaded: umi-tiny test, out of domain .* · 400 dialogues$/)).toBeVisible({
    timeout: 30_000,
  });
  await testSet.selectOption('reference-out-of-domain');
  await expect(page.getByText(/^Loaded: α-UMi reference, out of domain .* · 400 dialogues$/)).toBeVisible({
    timeout: 30_000,
  });

  // A file of the user's replaces it.
  await page.getByLabel(/Or upload a ToolBench-format file/).setInputFiles(data);
  await expect(page.getByText('Loaded: small-out-of-domain.json · 5 dialogues')).toBeVisible();
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(page.getByRole('progressbar', { name: 'Evaluation progress' })).toBeVisible({
    timeout: 60_000,
  });
  const status = page.locator('.umi-app__run-status[data-status]').first();
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 4 * 60_000 });
  await expect(page.getByRole('list', { name: 'Per-step outcomes' }).getByRole('button')).toHaveCount(STEPS);

  // The metrics shown are umi score's on the predictions the page exports, to the last digit.
  const predictions = testInfo.outputPath('predictions.jsonl');
  const lines = (await download(page, 'Export predictions (for umi score)', predictions)).trim().split('\n');
  expect(lines).toHaveLength(STEPS);
  const scored = await umiScore(data, predictions);
  const table = page.getByRole('table', { name: `Step metrics ×100 over ${STEPS} steps` });
  for (const metric of METRICS) {
    const cell = table.locator(`td[data-metric="${metric}"]`).first();
    await expect(cell).toHaveAttribute('data-value', String(scored[metric]));
    await expect(cell).toContainText((scored[metric] as number).toFixed(2));
  }
  const exported = JSON.parse(await download(page, 'Export results (JSON)', testInfo.outputPath('run.json')));
  expect(exported).toMatchObject({
    format: 'umi-eval-run',
    status: 'done',
    steps_planned: STEPS,
    decoding: 'grounded',
  });
  for (const metric of METRICS) expect(exported.metrics[metric]).toBe(scored[metric]);

  // A row opens its step in the trajectory viewer: the reference history, then the models' generations.
  await page.getByRole('button', { name: 'Open step 3' }).click();
  const viewer = page.getByRole('region', { name: 'Step 3 in the trajectory viewer' });
  await expect(
    viewer.getByText("Could you please get me today's weather for Durban?", { exact: true }),
  ).toBeVisible();
  const steps = viewer.getByRole('listitem', { name: /^Step \d+:/ });
  await expect(steps.first()).toContainText('test set');
  await expect(viewer.getByText(/^umi-tiny-planner · prompt \d+ tokens/)).toBeVisible();
  await viewer.getByRole('button', { name: 'Close the step' }).click();
  await expect(viewer).toBeHidden();

  // A second run, with free decoding, is drawn beside the first.
  await page.getByRole('combobox', { name: 'Decoding' }).selectOption('free');
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 4 * 60_000 });
  await expect(
    page.getByRole('table', {
      name: `Step metrics ×100 over ${STEPS} steps, beside ${STEPS} steps of another run`,
    }),
  ).toBeVisible();
  const columns = page.getByRole('table', { name: /^Step metrics/ }).getByRole('columnheader');
  await expect(columns).toHaveCount(3);
  await expect(columns.nth(1)).toContainText('· free ·');
  await expect(columns.nth(2)).toContainText('· grounded ·');

  // Both runs survive a reload (IndexedDB), the newest shown with the same metrics; one can be deleted.
  const freeMetrics = await table.locator('td[data-metric]').first().getAttribute('data-value');
  await page.reload();
  const runShown = page.getByRole('combobox', { name: 'Run shown' });
  await expect(runShown.getByRole('option')).toHaveCount(2, { timeout: 30_000 });
  await expect(runShown.getByRole('option').first()).toContainText('· free ·');
  await expect(status).toHaveAttribute('data-status', 'done');
  await expect(
    page
      .getByRole('table', { name: `Step metrics ×100 over ${STEPS} steps` })
      .locator('td[data-metric]')
      .first(),
  ).toHaveAttribute('data-value', freeMetrics as string);
  await page.getByRole('button', { name: 'Delete this run' }).click();
  await expect(runShown.getByRole('option')).toHaveText(['Choose a run…', /· grounded ·/]);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Run shown' }).getByRole('option')).toHaveText([
    /· grounded ·/,
  ]);
});
