import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { demoApiPlugin } from './src/demo-api/vite-plugin.ts';

/** Vite serves the app; Vitest runs the unit tests beside the code (e2e is Playwright's). */
export default defineConfig({
  plugins: [react(), demoApiPlugin()],
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'training/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
