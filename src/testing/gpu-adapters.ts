import type { AdapterInfo } from '../catalog/memory-planner.ts';

/** Headless Chromium's WebGPU adapter with --enable-unsafe-webgpu: SwiftShader, a fallback without shader-f16. */
export const SWIFTSHADER: AdapterInfo = {
  features: ['timestamp-query'],
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30 },
  isFallbackAdapter: true,
  vendor: 'google',
  architecture: 'swiftshader',
};

/** A hardware GPU with shader-f16 (tests pass the memory budget they want). */
export const GPU_WITH_F16: AdapterInfo = {
  features: ['shader-f16'],
  limits: { maxBufferSize: 2 ** 31, maxStorageBufferBindingSize: 2 ** 31 },
  isFallbackAdapter: false,
  vendor: 'nvidia',
};
