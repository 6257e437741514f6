import { writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { seedRun, USAGE } from './seed-sessions.ts';

/** Markup an API (or a model) might return, which must show as text and never run. */
const PAYLOAD = '<img src=x onerror="window.__umiPwned = 1"><script>window.__umiPwned = 2</script>';

test('API responses and answers holding HTML are shown as text and nothing in them runs', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'umi' })).toBeVisible();
  const now = Date.now();
  const step = { startedAt: now, durationMs: 5, flags: {} };
  const model = { ...step, type: 'model', modelId: 'm', prompt: PAYLOAD, output: PAYLOAD, usage: USAGE };
  await seedRun(page, {
    id: 'untrusted',
    question: `Show ${PAYLOAD}`,
    steps: [
      { ...model, index: 0, role: 'planner', thought: PAYLOAD, decision: 'call' },
      {
        ...step,
        type: 'tool',
        index: 1,
        name: 'listtodos_for_demo',
        argumentsText: '{}',
        ok: true,
        status: 200,
        observation: PAYLOAD,
      },
      { ...model, index: 2, role: 'summarizer' },
    ],
    status: 'answered',
    answer: PAYLOAD,
  });
  await page.reload();
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  await expect(trajectory.getByRole('region', { name: 'Answer' })).toContainText(PAYLOAD);
  await expect(trajectory.getByRole('listitem', { name: /API call/ })).toContainText(PAYLOAD);
  await expect(page.locator('.umi-app img, .umi-app script')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as { __umiPwned?: number }).__umiPwned)).toBeUndefined();
  await page.screenshot({ path: 'test-results/app-untrusted-text.png', fullPage: true });
});

test('a test file holding markup is shown as text on the eval page, in the table and the step viewer', async ({
  page,
}, testInfo) => {
  test.setTimeout(3 * 60_000);
  const file = testInfo.outputPath('hostile.json');
  const dialogue = {
    tools: [{ Name: `x${PAYLOAD}`, function: PAYLOAD, input: { q: PAYLOAD } }],
    instruction: `Show ${PAYLOAD}`,
    conversations: [
      { from: 'user', value: `Show ${PAYLOAD}` },
      { from: 'assistant', value: `${PAYLOAD} Next: caller.` },
      {
        from: 'caller',
        value: `Action: x${PAYLOAD}\nAction Input: {"q": "${PAYLOAD.replaceAll('"', '\\"')}"}`,
      },
      { from: 'observation', value: PAYLOAD },
      { from: 'assistant', value: `${PAYLOAD} Next: conclusion.` },
      { from: 'conclusion', value: PAYLOAD },
    ],
  };
  await writeFile(file, JSON.stringify([dialogue]));
  await page.goto('/#/eval');
  await page.getByLabel(/Or upload a ToolBench-format file/).setInputFiles(file);
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(page.locator('.umi-app__run-status[data-status]').first()).toHaveAttribute(
    'data-status',
    'done',
    {
      timeout: 2 * 60_000,
    },
  );
  await expect(page.getByRole('table', { name: 'Steps', exact: true })).toContainText('onerror=');
  await page.getByRole('button', { name: 'Open step 2' }).click();
  const viewer = page.getByRole('region', { name: 'Step 2 in the trajectory viewer' });
  await expect(viewer.getByRole('listitem', { name: /API call/ })).toContainText(PAYLOAD);
  await expect(page.locator('.umi-app img, .umi-app script')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __umiPwned?: number }).__umiPwned)).toBeUndefined();
});
