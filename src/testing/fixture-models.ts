import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The 30k-parameter random llama of the node-llama engine tests (context 512, gibberish output). */
export const TINY_RANDOM_GGUF = fileURLToPath(
  new URL('../engines/node-llama/fixtures/tiny-random.gguf', import.meta.url),
);

/**
 * A models folder for CLI tests: the tiny random GGUF copied beside a manifest that lists it for
 * every role (planner, caller, summarizer, backbone). Returns the folder.
 */
export async function fixtureModelsDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'umi-models-'));
  await copyFile(TINY_RANDOM_GGUF, join(dir, 'tiny.gguf'));
  const bytes = await readFile(join(dir, 'tiny.gguf'));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const models = ['planner', 'caller', 'summarizer', 'backbone'].map((role) => ({
    id: `tiny-${role}`,
    role,
    file: 'tiny.gguf',
    bytes: bytes.byteLength,
    sha256,
    context: 512,
    params: 30240,
    tokenizer: { type: 'byte-level BPE', vocabSize: 300, sha256 },
    trainingDataSha256: sha256,
  }));
  const manifest = {
    schema: 1,
    name: 'tiny-random',
    notice: 'Random test models: they know nothing.',
    systemPrefix: true,
    models,
  };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}
