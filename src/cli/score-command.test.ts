import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import { extractSteps, goldPrediction, parseDialogues } from '../eval/steps.ts';
import { fakeIo, lastLine } from '../testing/fake-cli-io.ts';
import { parsePredictions, scoreCommand } from './score-command.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEST_FILE = join(REPO_ROOT, 'fixtures/alpha-umi/test/out_of_domain.json');
const dir = mkdtempSync(join(tmpdir(), 'umi-score-'));
const goldLines = extractSteps(parseDialogues(JSON.parse(readFileSync(TEST_FILE, 'utf8')))).map((step) =>
  JSON.stringify(goldPrediction(step)),
);
const GOLD = join(dir, 'gold.jsonl');
writeFileSync(GOLD, `${goldLines.join('\n')}\n`);
const SHORT = join(dir, 'short.jsonl');
writeFileSync(SHORT, `${goldLines.slice(1).join('\n')}\n`);

describe('scoreCommand', () => {
  it('prints an aligned table and, with --json, the unrounded metrics as the last line', async () => {
    const io = fakeIo();
    expect(await scoreCommand(['--data', TEST_FILE, '--predictions', GOLD, '--json'], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain('Plan ACC   100.00   1547');
    expect(text).toContain('R-L        100.00    294');
    const metrics = JSON.parse(lastLine(text));
    expect(metrics).toMatchObject({ plan_acc: 100, action_em: 100, hallu: 0, arg_f1: 100, steps: 1547 });
    expect(metrics.rouge_l).toBeCloseTo(99.9999995, 9);
    expect(io.err).toEqual([]);
  });

  it('prints only the table without --json', async () => {
    const io = fakeIo();
    await scoreCommand(['--data', TEST_FILE, '--predictions', GOLD], io);
    expect(io.out.join('')).not.toContain('{');
    expect(io.out.join('').split('\n')[0]).toMatch(/^metric\s+value\s+steps$/);
  });

  it('refuses a predictions file whose count differs from the steps, naming both counts', async () => {
    await expect(scoreCommand(['--data', TEST_FILE, '--predictions', SHORT], fakeIo())).rejects.toThrow(
      '1546 predictions for 1547 steps',
    );
  });

  it('reports missing files and missing options as user errors', async () => {
    const missing = join(dir, 'missing.jsonl');
    await expect(scoreCommand(['--data', TEST_FILE, '--predictions', missing], fakeIo())).rejects.toThrow(
      /Cannot read the predictions file .*missing\.jsonl/,
    );
    await expect(scoreCommand(['--data', TEST_FILE], fakeIo())).rejects.toThrow(UserError);
    await expect(scoreCommand(['--bogus'], fakeIo())).rejects.toThrow(UserError);
  });

  it('reports test data that is not JSON', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"tools": []},]');
    await expect(scoreCommand(['--data', bad, '--predictions', GOLD], fakeIo())).rejects.toThrow(
      /bad\.json is not valid JSON: Expecting value/,
    );
  });
});

describe('parsePredictions', () => {
  it('reads one prediction per line, ignores blank lines and treats null fields as absent', () => {
    const text =
      '{"plan": "call", "action": "a", "action_input": "{}"}\n\n  \n{"plan": "finish", "answer": null}\n';
    expect(parsePredictions(text)).toEqual([
      { plan: 'call', action: 'a', action_input: '{}' },
      { plan: 'finish' },
    ]);
  });

  it('names the line and the problem of a bad line', () => {
    expect(() => parsePredictions('{"plan": "call"}\n{"plan": "call",}', 'p.jsonl')).toThrow(
      /^p\.jsonl line 2 is not valid JSON: Expecting property name/,
    );
    expect(() => parsePredictions('[1]')).toThrow('predictions line 1 is not a JSON object.');
    expect(() => parsePredictions('{"plan": "conclusion"}')).toThrow(
      'predictions line 1: "plan" must be one of "call", "finish", "give up" (got "conclusion").',
    );
    expect(() => parsePredictions('{"plan": "call", "action": 3}')).toThrow(
      'predictions line 1: "action" must be a string or null.',
    );
  });
});

describe('umi score (spawned)', () => {
  function run(predictions: string) {
    return spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'score', '--data', TEST_FILE, '--predictions', predictions, '--json'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
  }

  it('prints the metrics JSON on the last stdout line and exits 0', () => {
    const result = run(GOLD);
    expect(result.status).toBe(0);
    const metrics = JSON.parse(lastLine(result.stdout));
    expect(metrics.steps).toBe(1547);
    expect(metrics.plan_acc).toBe(100);
    expect(metrics.rouge_l).toBeCloseTo(99.9999995, 9);
  }, 60_000);

  it('exits non-zero with both counts on stderr when the counts differ', () => {
    const result = run(SHORT);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('1546 predictions for 1547 steps');
  }, 60_000);
});
