import type { Page } from '@playwright/test';

/** Writes runs into the app's IndexedDB as umi schema 1 stored them (`umi` / `sessions`, one key holding every run), so loading them also exercises the migration; reload afterwards. */
export async function seedSessions(page: Page, runs: unknown[]): Promise<void> {
  await page.evaluate(async (stored) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('umi');
      request.onupgradeneeded = () => request.result.createObjectStore('sessions');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const write = database.transaction('sessions', 'readwrite');
      write.objectStore('sessions').put({ version: 1, runs: stored }, 'sessions');
      write.oncomplete = () => resolve();
      write.onerror = () => reject(write.error);
    });
    database.close();
  }, runs);
}

/** One synthetic run, stored as umi schema 1 stored runs: its question, steps and how it ended. */
export async function seedRun(
  page: Page,
  run: { id: string; question: string; steps: unknown[]; status: string; answer?: string },
): Promise<void> {
  const now = Date.now();
  const trajectory = {
    version: 1,
    id: run.id,
    mode: 'alpha-umi',
    tools: [],
    turns: [{ from: 'user', value: run.question }],
    steps: run.steps,
    status: run.status,
    ...(run.answer === undefined ? {} : { answer: run.answer }),
    createdAt: now,
    updatedAt: now,
  };
  await seedSessions(page, [{ id: run.id, title: run.question, trajectory }]);
}

/** Usage numbers for synthetic model steps. */
export const USAGE = {
  promptTokens: 1,
  reusedPromptTokens: 0,
  completionTokens: 1,
  prefillTokensPerSecond: 1,
  decodeTokensPerSecond: 1,
};
