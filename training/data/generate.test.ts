import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreSteps } from '../../src/eval/metrics.ts';
import { extractSteps, goldPrediction, parseDialogues } from '../../src/eval/steps.ts';
import { dialoguesOf, generateDataset } from './dataset.ts';
import { SPLITS } from './splits.ts';
import { smallDataset } from './test-dataset.ts';
import { writeDataset } from './write-dataset.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'umi-data-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the data generator', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const options = { seed: 3, train: 80, test: 30, systemPrefix: true, madeUpCities: 50 };
    const first = await writeDataset(await tempDir(), await generateDataset(options));
    const again = await writeDataset(await tempDir(), await generateDataset(options));
    expect(again.files).toEqual(first.files);
    expect(again).toEqual(first);
    const other = await writeDataset(await tempDir(), await generateDataset({ ...options, seed: 4 }));
    expect(other.files['train.json']?.sha256).not.toBe(first.files['train.json']?.sha256);
  });

  it('runs from the command line and writes every split, sample file and the manifest', async () => {
    const out = await tempDir();
    const script = join(import.meta.dirname, 'generate.ts');
    const tsx = join(import.meta.dirname, '../../node_modules/.bin/tsx');
    const run = () =>
      promisify(execFile)(tsx, [script, '--out', out, '--seed', '5', '--train', '40', '--test', '10']);
    const { stdout } = await run();
    expect(stdout).toContain('train: 40 dialogues');
    expect(stdout).toMatch(/planner\s+\d+\s+\d+/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.files).sort()).toEqual(
      [
        ...SPLITS.flatMap((split) => [`${split}.json`, `meta/${split}.jsonl`]),
        ...['planner', 'caller', 'summarizer', 'backbone'].map((role) => `samples/${role}.jsonl`),
      ].sort(),
    );
    expect(manifest).toMatchObject({ seed: 5, systemPrefix: true });
    const firstHashes = manifest.files;
    await run();
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')).files).toEqual(firstHashes);
  }, 60_000);

  it('writes dialogues whose steps extractSteps reads and whose gold predictions score 100', async () => {
    const dataset = await smallDataset();
    for (const split of SPLITS) {
      const dialogues = parseDialogues(JSON.parse(JSON.stringify(dialoguesOf(dataset.splits[split]))));
      const steps = extractSteps(dialogues);
      expect(steps.length).toBeGreaterThan(dialogues.length);
      expect(new Set(steps.map((step) => step.reference.plan))).toEqual(
        new Set(['call', 'finish', 'give up']),
      );
      const metrics = scoreSteps(steps, steps.map(goldPrediction));
      for (const name of ['plan_acc', 'action_em', 'arg_f1', 'rouge_l'] as const) {
        expect(metrics[name], `${split} ${name}`).toBeCloseTo(100, 5);
      }
      expect(metrics.hallu).toBe(0);
    }
  });

  it('gives every split every intent, in the mix proportions', async () => {
    const dataset = await smallDataset();
    const intents = (split: (typeof SPLITS)[number]) =>
      new Set(dataset.splits[split].tasks.map((task) => task.meta.intent));
    expect(intents('train').size).toBe(19);
    for (const split of SPLITS) expect(intents(split), split).toEqual(intents('train'));
    expect(dataset.splits.train.tasks).toHaveLength(400);
    expect(dataset.splits['test-out-of-domain'].tasks).toHaveLength(120);
  });
});
