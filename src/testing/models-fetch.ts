import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBEDDED_MODELS_DIR } from '../catalog/node-model-files.ts';

/** Where tests serve the embedded models' manifest. */
export const TEST_MANIFEST_URL = 'http://models.test/manifest.json';

/**
 * A fetch that answers the embedded models' `manifest.json` and `presets.json` (and `files`, more
 * names from `models/`) under http://models.test/, and hands every other request to `fallback`.
 */
export async function modelsFetch(
  fallback: typeof fetch,
  files: readonly string[] = [],
): Promise<typeof fetch> {
  const served = new Map<string, string>();
  for (const file of ['manifest.json', 'presets.json', ...files])
    served.set(`http://models.test/${file}`, await readFile(join(EMBEDDED_MODELS_DIR, file), 'utf8'));
  return async (input, init) => {
    const text = served.get(String(input));
    return text === undefined ? fallback(input, init) : new Response(text);
  };
}
