import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEvalFolder, settingsDifferences, writeEvalRecord } from './eval-record.ts';

const SETTINGS = { roles: 'alpha-umi', sampling: { temperature: 0, seed: 0 }, maxTokens: { planner: 64 } };

describe('openEvalFolder', () => {
  it('creates the folder and records the settings in eval.json', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'umi-record-')), 'a', 'b');
    const record = await openEvalFolder(out, SETTINGS);
    expect(record).toEqual({ version: 1, settings: SETTINGS });
    expect(JSON.parse(await readFile(join(out, 'eval.json'), 'utf8'))).toEqual(record);
  });

  it('reopens a folder with the same settings, keeping its results', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-record-'));
    await writeEvalRecord(out, { version: 1, settings: SETTINGS, results: { plan_acc: 50 } });
    expect((await openEvalFolder(out, structuredClone(SETTINGS))).results).toEqual({ plan_acc: 50 });
  });

  it('refuses other settings, listing each difference and what to do', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-record-'));
    await openEvalFolder(out, SETTINGS);
    const other = { ...SETTINGS, sampling: { temperature: 0, seed: 7 } };
    await expect(openEvalFolder(out, other)).rejects.toThrow(
      /sampling: recorded \{"temperature":0,"seed":0\}, now \{"temperature":0,"seed":7\}[\s\S]*Use another --out/,
    );
  });
});

describe('settingsDifferences', () => {
  it('names keys missing on either side as differences', () => {
    expect(settingsDifferences({ a: 1, b: 2 }, { b: 2, c: 3 })).toEqual(['a', 'c']);
  });
});
