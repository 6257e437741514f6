import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeLlamaEngine } from './node-llama-engine.ts';
import { FIXTURE, setupFixtureEngines } from './test-support.ts';

setupFixtureEngines();

/** A copy of a llama GGUF whose `llama.embedding_length` says `value` (its tensors then disagree). */
function withEmbeddingLength(gguf: Buffer, value: number): Buffer {
  const key = Buffer.from('llama.embedding_length');
  const at = gguf.indexOf(key) + key.length + 4; // after the key, its uint32 value type
  const copy = Buffer.from(gguf);
  copy.writeUInt32LE(value, at);
  return copy;
}

describe('NodeLlamaEngine loading', { timeout: 10_000 }, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'umi-node-llama-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Loads `file` and returns the rejection, checking that it came within 5 s. */
  async function failedLoad(file: string) {
    const started = performance.now();
    const engine = new NodeLlamaEngine({ modelPath: file });
    const error = await engine.load().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(engine.loaded).toBe(false);
    expect(error).toMatchObject({ name: 'EngineError', code: 'load-failed' });
    expect((error as Error).message).toContain(file);
    return (error as Error).message;
  }

  it('a missing file fails fast with load-failed, naming it', async () => {
    expect(await failedLoad(join(dir, 'missing.gguf'))).toMatch(/was not found/);
  });

  it('a truncated copy fails fast with load-failed, saying how many bytes it lacks', async () => {
    const file = join(dir, 'truncated.gguf');
    await writeFile(file, (await readFile(FIXTURE)).subarray(0, 60_000));
    expect(await failedLoad(file)).toMatch(/truncated: it has 60000 bytes, its tensors need at least 127808/);
  });

  it('a file that is not a GGUF, and a GGUF whose metadata contradicts its tensors, fail with load-failed', async () => {
    const notGguf = join(dir, 'not-gguf.gguf');
    await writeFile(notGguf, 'Not Found');
    expect(await failedLoad(notGguf)).toMatch(/not a GGUF file/);
    const corrupt = join(dir, 'corrupt.gguf');
    await writeFile(corrupt, withEmbeddingLength(await readFile(FIXTURE), 48));
    expect(await failedLoad(corrupt)).toMatch(/corrupt or truncated/);
  });

  it('an aborted load rejects with aborted and leaves the engine unloaded', async () => {
    const engine = new NodeLlamaEngine({ modelPath: FIXTURE });
    await expect(engine.load({ signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'aborted' });
    expect(engine.loaded).toBe(false);
  });
});
