import { expect, type Page, test } from '@playwright/test';
import {
  CHAINED_STEPS,
  CHAINED_TASK,
  failCompletion,
  holdApiCall,
  type ModelRole,
  storedRunningSteps,
} from './hold-run.ts';
import { openAppWithModels, skipWithoutModels } from './load-models.ts';

/**
 * A chained task cut off after step k, for several k and every kind of step in progress: the page
 * closed, the page reloaded, or the model's worker gone before the reload. Every finished step is
 * kept, and the next load shows the run as interrupted with exactly those steps. Four cuts by
 * default (about a minute here: each needs the models loaded again); every cut from step 1 to 7
 * with `UMI_DURABILITY_CUTS=all` (about two minutes).
 */
interface Cut {
  /** Steps finished when the run is cut. */
  kept: number;
  /** Where the run waits: a role model's nth completion, or the nth API call. */
  at: { role: ModelRole; nth: number } | { apiCall: number };
  how: 'close' | 'reload' | 'worker-gone';
}

const ALL_CUTS: Cut[] = [
  { kept: 1, at: { role: 'caller', nth: 1 }, how: 'close' },
  { kept: 2, at: { apiCall: 1 }, how: 'reload' },
  { kept: 3, at: { role: 'planner', nth: 2 }, how: 'worker-gone' },
  { kept: 4, at: { role: 'caller', nth: 2 }, how: 'close' },
  { kept: 5, at: { apiCall: 2 }, how: 'close' },
  { kept: 6, at: { role: 'planner', nth: 3 }, how: 'reload' },
  { kept: 7, at: { role: 'summarizer', nth: 1 }, how: 'worker-gone' },
];
const CUTS =
  process.env.UMI_DURABILITY_CUTS === 'all'
    ? ALL_CUTS
    : ALL_CUTS.filter((cut) => [1, 2, 3, 7].includes(cut.kept));

/** The accessible name of a finished step card of the chained task. */
function stepName(index: number): RegExp {
  const role = CHAINED_STEPS[index] as string;
  return new RegExp(`^Step ${index + 1}: ${role === 'tool' ? 'API call ' : `${role}$`}`);
}

/** Runs the chained task until it waits at the cut's point, with every step before it saved. */
async function runUntil(page: Page, cut: Cut): Promise<void> {
  await openAppWithModels(page);
  if ('apiCall' in cut.at) await holdApiCall(page, cut.at.apiCall);
  else await failCompletion(page, cut.at.role, cut.at.nth, cut.how === 'worker-gone' ? 'die' : 'hold');
  await page.getByRole('textbox', { name: 'Task' }).fill(CHAINED_TASK);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  const last = trajectory.getByRole('listitem', { name: stepName(cut.kept - 1) });
  await expect(last).toBeVisible({ timeout: 60_000 });
  const waiting = trajectory.locator(`[aria-busy="true"][data-role="${CHAINED_STEPS[cut.kept]}"]`);
  await expect(waiting).toBeVisible();
  await expect(trajectory.getByRole('listitem', { name: /^Step \d+: / })).toHaveCount(cut.kept);
  // A finished step is written before the next one starts; the write itself takes a moment.
  await expect.poll(() => storedRunningSteps(page)).toBe(cut.kept);
}

test('a chained run cut off after any step keeps every finished step and loads as interrupted', async ({
  context,
  page: first,
  request,
}) => {
  test.setTimeout(60_000 + CUTS.length * 60_000);
  await skipWithoutModels(request);
  let page = first;
  for (const [done, cut] of CUTS.entries()) {
    await test.step(`cut after step ${cut.kept} (${cut.how})`, async () => {
      await runUntil(page, cut);
      if (cut.how === 'close') {
        await page.close();
        page = await context.newPage();
        await page.goto('/');
      } else await page.reload();

      const trajectory = page.getByRole('region', { name: 'Trajectory' });
      await expect(trajectory.getByText(/^Status: interrupted/)).toBeVisible();
      const steps = trajectory.getByRole('listitem', { name: /^Step \d+: / });
      await expect(steps).toHaveCount(cut.kept);
      for (let index = 0; index < cut.kept; index++)
        await expect(steps.nth(index)).toHaveAccessibleName(stepName(index));
      await expect(trajectory.locator('[aria-busy="true"]')).toHaveCount(0);
      // Every run cut so far is still there, each interrupted.
      const runs = page.getByRole('region', { name: 'Runs' }).getByRole('listitem');
      await expect(runs).toHaveCount(done + 1);
      await expect(runs.filter({ hasText: 'interrupted' })).toHaveCount(done + 1);
    });
  }
});

/** A run file as Export JSON writes it, with one finished planner step. */
function runFile(id: string): string {
  const now = Date.now();
  const step = {
    type: 'model',
    index: 0,
    role: 'planner',
    modelId: 'm',
    prompt: 'p',
    output: 'Hi. Next: conclusion.',
  };
  const usage = {
    promptTokens: 1,
    reusedPromptTokens: 0,
    completionTokens: 1,
    prefillTokensPerSecond: 1,
    decodeTokensPerSecond: 1,
  };
  const trajectory = {
    version: 1,
    id,
    mode: 'alpha-umi',
    tools: [],
    turns: [{ from: 'user', value: `Question ${id}` }],
    steps: [{ ...step, usage, startedAt: now, durationMs: 5, flags: {} }],
    status: 'answered',
    answer: 'Hi.',
    createdAt: now,
    updatedAt: now,
  };
  return JSON.stringify({ format: 'umi-run', version: 2, run: { id, title: `Question ${id}`, trajectory } });
}

test('a save refused by a full storage quota is reported in the Runs panel; once saving works again the report goes and every run is saved', async ({
  page,
}) => {
  await page.goto('/');
  const origin = new URL(page.url()).origin;
  const cdp = await page.context().newCDPSession(page);
  const runs = page.getByRole('region', { name: 'Runs' });
  const importRun = (id: string) =>
    runs.getByLabel('Import a run').setInputFiles({
      name: `${id}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(runFile(id)),
    });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await importRun('first');
  await expect(
    runs.getByText(/^Runs could not be saved in this browser \(QuotaExceededError: .*\); export them/),
  ).toBeVisible();
  await expect(runs.getByRole('listitem')).toHaveText([/Question first/]);

  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await importRun('second');
  await expect(runs.getByText(/could not be saved/)).toHaveCount(0);
  await page.reload();
  // The save after the refused one wrote every run: the refused run is kept too.
  await expect(runs.getByRole('listitem')).toHaveText([/Question second/, /Question first/]);
});
