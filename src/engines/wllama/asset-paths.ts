/** URL paths, below the app's base, where the app serves wllama's files (see vite-plugin.ts). */
export const WLLAMA_ASSET_PATHS = {
  wasm: 'wllama/wllama.wasm',
  compatWasm: 'wllama/compat/wllama.wasm',
  compatWorker: 'wllama/compat/wllama.js',
} as const;

/** Where the engine fetches wllama's wasm: the main build, and the compat build for browsers without JSPI or Memory64. */
export interface WllamaAssets {
  wasm: string;
  /** `null`: never use the compat build (such browsers then fail to load with a clear error). */
  compat: { wasm: string; worker: string } | null;
}

/** The assets as the app serves them, resolved against its base URL (never a CDN). */
export function defaultWllamaAssets(base: string = appBase()): WllamaAssets {
  const root = base.endsWith('/') ? base : `${base}/`;
  return {
    wasm: `${root}${WLLAMA_ASSET_PATHS.wasm}`,
    compat: {
      wasm: `${root}${WLLAMA_ASSET_PATHS.compatWasm}`,
      worker: `${root}${WLLAMA_ASSET_PATHS.compatWorker}`,
    },
  };
}

function appBase(): string {
  return import.meta.env?.BASE_URL ?? '/';
}
