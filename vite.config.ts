import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { demoApiPlugin } from './src/demo-api/vite-plugin.ts';
import { wllamaAssetsPlugin } from './src/engines/wllama/vite-plugin.ts';

/** Cross-origin isolation (SharedArrayBuffer, precise timers) for the page and its workers. */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** Vite serves the app; Vitest runs the unit tests beside the code (e2e is Playwright's). */
export default defineConfig({
  plugins: [react(), demoApiPlugin(), wllamaAssetsPlugin()],
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  // The test harness pages are entries too, so their dependencies are optimized at start instead of
  // on first use (which reloads the page); wllama is plain ESM, imported lazily, and needs no optimizing.
  optimizeDeps: { entries: ['index.html', 'e2e/harness/*.html'], exclude: ['@wllama/wllama'] },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'training/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
