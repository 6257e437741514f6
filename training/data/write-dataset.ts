import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROLES } from '../../src/eval/training-samples.ts';
import { type Dataset, describeDataset, dialoguesOf } from './dataset.ts';
import { SPLITS } from './splits.ts';

/** A JSON array with one element per line. */
function jsonArray(items: readonly unknown[]): string {
  return items.length === 0 ? '[]\n' : `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]\n`;
}

/** One JSON value per line. */
function jsonLines(items: readonly unknown[]): string {
  return items.map((item) => `${JSON.stringify(item)}\n`).join('');
}

/** Writes the dataset under `out` and returns the manifest (file hashes included). */
export async function writeDataset(out: string, dataset: Dataset) {
  const files: Record<string, string> = {};
  for (const split of SPLITS) {
    files[`${split}.json`] = jsonArray(dialoguesOf(dataset.splits[split]));
    files[`meta/${split}.jsonl`] = jsonLines(dataset.splits[split].tasks.map((task) => task.meta));
  }
  for (const role of ROLES) files[`samples/${role}.jsonl`] = jsonLines(dataset.samples[role]);
  const hashes: Record<string, { sha256: string; bytes: number }> = {};
  for (const [path, text] of Object.entries(files)) {
    const target = join(out, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    hashes[path] = {
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: Buffer.byteLength(text),
    };
  }
  const manifest = { ...describeDataset(dataset), files: hashes };
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
