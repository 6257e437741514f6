import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/*
 * Headless Chromium with --enable-unsafe-webgpu has a WebGPU adapter: SwiftShader, a software
 * fallback without shader-f16 (NOTES.md). The app must find it, show its limits, and refuse the GPU
 * presets with reasons a user can act on, offering the embedded CPU models instead.
 */
test.use({
  launchOptions: {
    ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
    args: ['--no-sandbox', '--enable-unsafe-webgpu'],
  },
});

test('detects the software WebGPU adapter, shows its limits, refuses the q4f16 GPU presets with reasons and offers the embedded models', async ({
  page,
}) => {
  await page.goto('/');
  const gpu = page.getByRole('region', { name: 'GPU presets (WebLLM)' });
  await expect(gpu.getByTestId('gpu-summary')).toContainText(
    /WebGPU: .*\(fallback\), shader-f16: no, largest buffer \d+ MB/,
  );
  const limits = gpu.getByRole('definition');
  await expect(limits.first()).toBeVisible();
  await expect(gpu.getByText('Largest storage binding')).toBeVisible();

  const presets = gpu.getByRole('list', { name: 'GPU presets on this device' });
  for (const name of ['α-UMi 7B', 'Balanced', 'Low memory']) {
    const item = presets.getByRole('listitem').filter({ hasText: name }).first();
    await expect(item).toContainText('Not on this device');
    await expect(item).toContainText('software fallback');
    await expect(item).toContainText('Offered instead: the embedded models on the CPU');
  }
  await expect(presets.getByRole('button', { name: 'Load on the GPU', exact: true })).toHaveCount(0);
  const balanced = presets.getByRole('listitem').filter({ hasText: 'Balanced' }).first();
  await expect(balanced).toContainText(/q4f16 models .* need shader-f16/);

  // The embedded models are the default preset, so nothing needs switching; pick the backbone to see the offer.
  const models = page.getByRole('region', { name: 'Models' });
  await models.getByRole('combobox', { name: 'Preset' }).selectOption('umi-tiny-backbone');
  await balanced.getByRole('button', { name: 'Use the embedded models', exact: true }).click();
  await expect(models.getByRole('combobox', { name: 'Preset' })).toHaveValue('umi-tiny');
});
