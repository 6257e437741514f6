import type { Plugin } from 'vite';
import { createDemoHandler } from './demo-handler.ts';

/**
 * Serves the demo API under /demo-api on Vite's dev and preview servers (same origin as the app), with
 * the control endpoints on. Vite's own CORS middleware runs first and answers preflights (it allows
 * localhost origins only), so cross-origin tests, the `no-cors` fault's preflight included, use the
 * standalone server (`main.ts`).
 */
export function demoApiPlugin(): Plugin {
  const handler = createDemoHandler({ basePath: '/demo-api', control: true });
  return {
    name: 'umi-demo-api',
    configureServer(server) {
      server.middlewares.use((request, response, next) => handler(request, response, next));
    },
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => handler(request, response, next));
    },
  };
}
