import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { wllamaAssetsPlugin } from './src/engines/wllama/vite-plugin.ts';
import { widgetSizePlugin } from './src/widget/widget-size-plugin.ts';

/**
 * The embeddable widget: one ES module (`dist/widget/umi-agent.js`) that defines `<umi-agent>`, with
 * its lazily imported chunks, wllama's wasm and the embedded models beside it. `npm run build` runs it
 * after the app's build; a host page loads it with one `<script type="module">` tag from any origin.
 * An application build with a script entry rather than a library build: a library build in ES format
 * keeps its whitespace, which nearly doubles the script a host page downloads first.
 */
export default defineConfig({
  plugins: [react(), wllamaAssetsPlugin(), widgetSizePlugin()],
  // Chunks are found relative to the widget's own URL, whatever page loads it.
  base: './',
  publicDir: false,
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Without the preload helper a lazy chunk is a plain `import('./chunk.js')`: nothing resolved against the host page.
    modulePreload: false,
    rollupOptions: {
      input: 'src/widget/index.ts',
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: 'umi-agent.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
