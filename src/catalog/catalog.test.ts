import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelForRole, parseModelManifest } from './model-manifest.ts';
import { loadManifestFile, modelPath, verifyModelFile } from './node-model-files.ts';
import { sha256Hex } from './verify-model.ts';

const BYTES = new TextEncoder().encode('GGUF fake model bytes for the catalog tests');
const SHA = 'f'.repeat(64);

function manifest(overrides: Record<string, unknown> = {}, entry: Record<string, unknown> = {}) {
  return {
    schema: 1,
    name: 'umi-test',
    notice: 'These models know only the demo API.',
    systemPrefix: true,
    models: [
      {
        id: 'umi-test-planner',
        role: 'planner',
        file: 'planner.gguf',
        bytes: BYTES.byteLength,
        sha256: SHA,
        context: 1024,
        params: 1000,
        tokenizer: { type: 'gpt2', vocabSize: 1300, sha256: SHA },
        trainingDataSha256: SHA,
        ...entry,
      },
    ],
    training: { seed: 1 },
    ...overrides,
  };
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function folderWith(bytes: Uint8Array, sha: string) {
  dir = await mkdtemp(join(tmpdir(), 'umi-catalog-'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest({}, { sha256: sha })));
  await writeFile(join(dir, 'planner.gguf'), bytes);
  const loaded = await loadManifestFile(dir);
  const entry = modelForRole(loaded, 'planner');
  return { entry, path: modelPath(dir, entry) };
}

describe('model manifest', () => {
  it('accepts a valid manifest and finds the model of a role', () => {
    const parsed = parseModelManifest(manifest(), 'test.json');
    expect(modelForRole(parsed, 'planner').file).toBe('planner.gguf');
    expect(() => modelForRole(parsed, 'caller')).toThrow(/has no caller model/);
  });

  it('names the manifest and the bad field when it is invalid', () => {
    expect(() => parseModelManifest(manifest({}, { sha256: 'xyz' }), 'm.json')).toThrow(
      /m\.json is invalid: models\[0\]\.sha256 must be 64 lower-case hex digits/,
    );
    expect(() => parseModelManifest(manifest({}, { role: 'poet' }), 'm.json')).toThrow(/models\[0\]\.role/);
    expect(() => parseModelManifest(manifest({}, { file: '../etc/passwd' }), 'm.json')).toThrow(
      /plain file name/,
    );
    expect(() => parseModelManifest(manifest({ schema: 2 }), 'm.json')).toThrow(/schema 2 is not supported/);
  });

  it('keeps the summarizer’s answer vocabulary when listed and refuses one that is not a list of words', () => {
    expect(parseModelManifest(manifest(), 'm.json').answerVocabulary).toBeUndefined();
    const words = ['Marked', 'as', 'done'];
    expect(parseModelManifest(manifest({ answerVocabulary: words }), 'm.json').answerVocabulary).toEqual(
      words,
    );
    for (const answerVocabulary of ['Marked as done', ['two words'], ['"'], [3]])
      expect(() => parseModelManifest(manifest({ answerVocabulary }), 'm.json')).toThrow(
        /m\.json is invalid: answerVocabulary must be a list of words/,
      );
  });

  it('says how to fix a missing manifest', async () => {
    await expect(loadManifestFile('/nonexistent/models')).rejects.toThrow(
      /does not exist.*npm run train:tiny/,
    );
  });
});

describe('model file verification', () => {
  it('passes a file whose size and sha256 match', async () => {
    const { entry, path } = await folderWith(BYTES, await sha256Hex(BYTES));
    await expect(verifyModelFile(entry, path)).resolves.toBeUndefined();
  });

  it('names the model when its file is missing', async () => {
    const { entry } = await folderWith(BYTES, await sha256Hex(BYTES));
    await expect(verifyModelFile(entry, join(dir ?? '', 'gone.gguf'))).rejects.toMatchObject({
      name: 'EngineError',
      message: expect.stringMatching(/planner model umi-test-planner is missing/),
    });
  });

  it('names the model when its file is truncated', async () => {
    const { entry, path } = await folderWith(BYTES, await sha256Hex(BYTES));
    await writeFile(path, BYTES.slice(0, 10));
    await expect(verifyModelFile(entry, path)).rejects.toThrow(
      /umi-test-planner \(planner\.gguf\) is truncated: 10 bytes/,
    );
  });

  it('names the model when its sha256 differs', async () => {
    const { entry, path } = await folderWith(BYTES, SHA);
    await expect(verifyModelFile(entry, path)).rejects.toThrow(
      /umi-test-planner .* does not match the manifest/,
    );
  });
});
