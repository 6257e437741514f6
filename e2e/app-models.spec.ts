import { expect, test } from '@playwright/test';
import { skipWithoutModels } from './load-models.ts';

/** The model manager: presets, a model per role, where the models run, and the single-LLM preset end to end. */
test('switches to the single-LLM preset, loads and caches one model, says where it runs, runs a task with it, then deletes it from the cache', async ({
  page,
  request,
}) => {
  test.setTimeout(5 * 60_000);
  await skipWithoutModels(request);
  await page.goto('/');
  const models = page.getByRole('region', { name: 'Models' });
  const preset = models.getByRole('combobox', { name: 'Preset' });
  await expect(preset).toHaveValue('umi-tiny');
  for (const role of ['planner', 'caller', 'summarizer'])
    await expect(models.getByRole('combobox', { name: `${role} model` })).toHaveValue(`umi-tiny-${role}`);

  await preset.selectOption({ label: 'Single LLM: one model plays every role (umi-tiny backbone)' });
  await expect(models.getByRole('combobox', { name: 'planner model' })).toHaveCount(0);
  await expect(models.getByRole('combobox', { name: 'backbone model' })).toHaveValue('umi-tiny-backbone');
  await models.getByRole('button', { name: 'Load models' }).click();
  await expect(models.getByRole('progressbar', { name: 'backbone model loading' })).toHaveAttribute(
    'value',
    '1',
    {
      timeout: 120_000,
    },
  );
  await expect(models.getByText(/^Runs on: /)).toContainText(
    /Runs on: llama\.cpp in WebAssembly \(wllama\), CPU, 1 thread, because /,
  );

  const cached = models.getByRole('list', { name: /Cached in this browser/ });
  await expect(models.getByText('Cached in this browser: 1 file, 3.9 MB')).toBeVisible();
  await expect(cached.getByRole('listitem')).toContainText('umi-tiny-backbone.gguf');

  await page.getByRole('textbox', { name: 'Task' }).fill("What's the weather in Lausanne?");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const trajectory = page.getByRole('region', { name: 'Trajectory' });
  await expect(trajectory.getByText(/^Status: (answered|gave up|failed|stopped)/)).toBeVisible({
    timeout: 180_000,
  });
  const steps = trajectory.getByRole('list', { name: 'Steps' }).getByRole('listitem');
  await expect(steps.first()).toHaveAccessibleName('Step 1: backbone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  await page.screenshot({ path: 'test-results/app-models-backbone.png', fullPage: true });
  await cached.getByRole('button', { name: 'Delete umi-tiny-backbone.gguf from the cache' }).click();
  await expect(models.getByText('Cached in this browser: 0 files, 0.0 MB')).toBeVisible();
});
