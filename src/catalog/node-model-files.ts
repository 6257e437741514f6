import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError, UserError } from '../agent/errors.ts';
import { type ModelEntry, type ModelManifest, parseModelManifest } from './model-manifest.ts';
import { sizeMismatch, verifyModelBytes } from './verify-model.ts';

/** The repository's `models/` folder: the embedded models (Node only). */
export const EMBEDDED_MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

/** Reads and validates `<dir>/manifest.json`; a UserError that says what to do when it is missing or invalid. */
export async function loadManifestFile(dir: string = EMBEDDED_MODELS_DIR): Promise<ModelManifest> {
  const path = join(dir, 'manifest.json');
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? error.message})`;
    throw new UserError(
      `The model manifest ${path} ${why}. Point --models at a folder with a manifest.json, or rebuild the models with npm run train:tiny.`,
      { path },
    );
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`The model manifest ${path} is not valid JSON (${(error as Error).message}).`, {
      path,
    });
  }
  return parseModelManifest(value, path);
}

/** Where an entry's GGUF lies for a manifest in `dir`. */
export function modelPath(dir: string, entry: ModelEntry): string {
  return resolve(dir, entry.file);
}

/** Checks that the entry's file exists, has the manifest's size and sha256; an EngineError naming the model if not. */
export async function verifyModelFile(entry: ModelEntry, path: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'is missing' : `cannot be read (${error.code ?? error.message})`;
    throw new EngineError(
      'load-failed',
      `The ${entry.role} model ${entry.id} ${why}: ${path}. Restore it (git checkout models/) or rebuild the models with npm run train:tiny.`,
      { model: entry.id, file: path },
    );
  });
  if (info.size !== entry.bytes) throw sizeMismatch(entry, info.size);
  await verifyModelBytes(entry, new Uint8Array(await readFile(path)));
}
