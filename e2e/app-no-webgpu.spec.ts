import { expect, test } from '@playwright/test';

/** Without --enable-unsafe-webgpu, headless Chromium gives no WebGPU adapter (NOTES.md). */
test('says there is no WebGPU adapter and offers the embedded models for every GPU preset', async ({
  page,
}) => {
  await page.goto('/');
  const gpu = page.getByRole('region', { name: 'GPU presets (WebLLM)' });
  await expect(gpu.getByTestId('gpu-summary')).toContainText('WebGPU: none.');
  const refused = gpu.getByRole('listitem').filter({ hasText: 'Not on this device' });
  await expect(refused).toHaveCount(3);
  await expect(refused.first()).toContainText('Offered instead: the embedded models on the CPU');
});
