import { expect, test } from '@playwright/test';

/** Markup an API (or a model) might return, which must show as text and never run. */
const PAYLOAD = '<img src=x onerror="window.__umiPwned = 1"><script>window.__umiPwned = 2</script>';

test('API responses and answers holding HTML are shown as text and nothing in them runs', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'umi' })).toBeVisible();
  await page.evaluate(async (payload) => {
    const now = Date.now();
    const step = { startedAt: now, durationMs: 5, flags: {} };
    const usage = {
      promptTokens: 1,
      reusedPromptTokens: 0,
      completionTokens: 1,
      prefillTokensPerSecond: 1,
      decodeTokensPerSecond: 1,
    };
    const trajectory = {
      version: 1,
      id: 'untrusted',
      mode: 'alpha-umi',
      tools: [],
      turns: [{ from: 'user', value: `Show ${payload}` }],
      steps: [
        {
          ...step,
          type: 'model',
          index: 0,
          role: 'planner',
          modelId: 'm',
          prompt: payload,
          output: payload,
          usage,
          thought: payload,
          decision: 'call',
        },
        {
          ...step,
          type: 'tool',
          index: 1,
          name: 'listtodos_for_demo',
          argumentsText: '{}',
          ok: true,
          status: 200,
          observation: payload,
        },
        {
          ...step,
          type: 'model',
          index: 2,
          role: 'summarizer',
          modelId: 'm',
          prompt: payload,
          output: payload,
          usage,
        },
      ],
      status: 'answered',
      answer: payload,
      createdAt: now,
      updatedAt: now,
    };
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('umi');
      request.onupgradeneeded = () => request.result.createObjectStore('sessions');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const write = database.transaction('sessions', 'readwrite');
      write
        .objectStore('sessions')
        .put({ version: 1, runs: [{ id: 'untrusted', title: `Show ${payload}`, trajectory }] }, 'sessions');
      write.oncomplete = () => resolve();
      write.onerror = () => reject(write.error);
    });
    database.close();
  }, PAYLOAD);
  await page.reload();
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  await expect(trajectory.getByRole('region', { name: 'Answer' })).toContainText(PAYLOAD);
  await expect(trajectory.getByRole('listitem', { name: /API call/ })).toContainText(PAYLOAD);
  await expect(page.locator('.umi-app img, .umi-app script')).toHaveCount(0);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as { __umiPwned?: number }).__umiPwned)).toBeUndefined();
  await page.screenshot({ path: 'test-results/app-untrusted-text.png', fullPage: true });
});
