import { EngineError } from '../agent/errors.ts';
import type { ModelEntry } from './model-manifest.ts';

/** Lower-case hex sha256 of bytes, through WebCrypto (browsers and Node ≥ 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The error for a model file whose size says it is cut short or padded. */
export function sizeMismatch(entry: ModelEntry, bytes: number): EngineError {
  const what = bytes < entry.bytes ? 'is truncated' : 'is larger than the manifest says';
  return new EngineError(
    'load-failed',
    `The ${entry.role} model ${entry.id} (${entry.file}) ${what}: ${bytes} bytes, expected ${entry.bytes}. ` +
      'Replace it with the shipped file (git checkout models/) or rebuild the models with npm run train:tiny.',
    { model: entry.id, file: entry.file, bytes, expected: entry.bytes },
  );
}

/**
 * Checks a model file's bytes against its manifest entry: size first (a truncated download), then
 * sha256. Throws an EngineError naming the model and saying what to do.
 */
export async function verifyModelBytes(entry: ModelEntry, bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength !== entry.bytes) throw sizeMismatch(entry, bytes.byteLength);
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256)
    throw new EngineError(
      'load-failed',
      `The ${entry.role} model ${entry.id} (${entry.file}) does not match the manifest: its sha256 is ${actual}, ` +
        `expected ${entry.sha256}. The file is corrupt or from another training run; replace it with the shipped ` +
        'file (git checkout models/) or rebuild the models with npm run train:tiny.',
      { model: entry.id, file: entry.file, sha256: actual, expected: entry.sha256 },
    );
}
