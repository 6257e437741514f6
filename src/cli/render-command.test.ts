import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import type { JsonObject } from '../agent/json.ts';
import type { Turn } from '../agent/trajectory.ts';
import { fakeIo } from '../testing/fake-cli-io.ts';
import type { CliIo } from './cli-io.ts';
import { renderCommand } from './render-command.ts';

interface Sample {
  tools: JsonObject[];
  history: Turn[];
  input: string;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function loadSamples(role: string): Sample[] {
  const url = new URL(`../../fixtures/alpha-umi/train-example/train_${role}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Sample[];
}

function firstSample(role: string): Sample {
  const sample = loadSamples(role)[0];
  if (sample === undefined) throw new Error(`no ${role} fixture`);
  return sample;
}

/** Runs the command in-process with `stdin`, collecting what it writes. */
async function run(args: string[], stdin: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIo(stdin);
  const code = await renderCommand(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

const TOOLS: JsonObject[] = [{ Name: 'a_for_b', function: 'f', input: {} }];
const USER_ONLY: Turn[] = [{ from: 'user', value: 'hello' }];

describe('render command', () => {
  it.each(['planner', 'caller', 'summarizer', 'backbone'])(
    'prints the exact %s fixture input with no trailing newline',
    async (role) => {
      const sample = firstSample(role);
      const result = await run(
        ['--role', role],
        JSON.stringify({ tools: sample.tools, history: sample.history }),
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(sample.input);
      expect(result.stderr).toBe('');
    },
  );

  it('accepts a whole fixture sample, ignoring its extra fields', async () => {
    const sample = firstSample('planner');
    const result = await run(['--role=planner'], JSON.stringify(sample));
    expect(result.stdout).toBe(sample.input);
  });

  it('prepends "system: " with --system-prefix', async () => {
    const sample = firstSample('caller');
    const result = await run(['--role', 'caller', '--system-prefix'], JSON.stringify(sample));
    expect(result.stdout).toBe(`system: ${sample.input}`);
  });

  it('renders one JSON string per line with --jsonl, skipping blank lines', async () => {
    const samples = loadSamples('summarizer').slice(0, 3);
    const stdin = `${samples.map((sample) => JSON.stringify(sample)).join('\n\n')}\n  \n`;
    const result = await run(['--role', 'summarizer', '--jsonl'], stdin);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as string)).toEqual(samples.map((sample) => sample.input));
  });

  it('accepts tools holding any JSON values', async () => {
    const tools: JsonObject[] = [
      { Name: 'x', input: { n: 3, f: 0.5, ok: false, none: null, list: [{ k: [] }] } },
    ];
    const result = await run(['--role', 'planner'], JSON.stringify({ tools, history: USER_ONLY }));
    expect(result.stdout).toContain(
      '{"Name": "x", "input": {"n": 3, "f": 0.5, "ok": false, "none": null, "list": [{"k": []}]}}\n',
    );
  });

  it('rejects a missing or unknown role', async () => {
    await expect(run([], '{}')).rejects.toThrow(/--role is required/);
    await expect(run(['--role', 'judge'], '{}')).rejects.toThrow(/unknown role "judge"/);
  });

  it('rejects unknown options with the usage', async () => {
    await expect(run(['--role', 'planner', '--nope'], '{}')).rejects.toThrow(/Usage:/);
  });

  it('rejects empty stdin and invalid JSON', async () => {
    await expect(run(['--role', 'planner'], '  \n')).rejects.toThrow(/stdin is empty/);
    await expect(run(['--role', 'planner'], '{"tools": [')).rejects.toThrow(/stdin: not valid JSON/);
  });

  it('names the line of invalid JSON in --jsonl mode and prints nothing', async () => {
    const good = JSON.stringify({ tools: TOOLS, history: USER_ONLY });
    let stdout = '';
    const io: CliIo = {
      readStdin: async () => `${good}\n\n{oops\n`,
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {},
    };
    await expect(renderCommand(['--role', 'planner', '--jsonl'], io)).rejects.toThrow(
      /line 3: not valid JSON/,
    );
    expect(stdout).toBe('');
  });

  it('rejects missing tools or history and wrong types with a UserError', async () => {
    const cases: [unknown, RegExp][] = [
      [[], /expected an object/],
      [{ history: USER_ONLY }, /"tools" is missing/],
      [{ tools: TOOLS }, /"history" is missing/],
      [{ tools: {}, history: USER_ONLY }, /"tools" must be an array/],
      [{ tools: TOOLS, history: 'hi' }, /"history" must be an array/],
      [{ tools: [1], history: USER_ONLY }, /tools\[0\] must be an object/],
      [{ tools: [{ function: 'f' }], history: USER_ONLY }, /tools\[0\] needs a string "Name"/],
      [{ tools: TOOLS, history: [{ from: 'robot', value: 'x' }] }, /history\[0\]\.from must be one of/],
      [{ tools: TOOLS, history: [{ from: 'user', value: 3 }] }, /history\[0\]\.value must be a string/],
    ];
    for (const [input, message] of cases) {
      const attempt = run(['--role', 'planner'], JSON.stringify(input));
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.toBeInstanceOf(UserError);
    }
  });

  it('refuses a caller history that does not end with a planner turn', async () => {
    const stdin = JSON.stringify({ tools: TOOLS, history: USER_ONLY });
    await expect(run(['--role', 'caller'], stdin)).rejects.toThrow(/stdin: The caller's history must end/);
  });

  it('prints the fixture input from the real CLI process, exiting 0', () => {
    const sample = firstSample('planner');
    const result = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'render', '--role', 'planner'], {
      cwd: REPO_ROOT,
      input: JSON.stringify({ tools: sample.tools, history: sample.history }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr.replace(/^npm warn .*\n/gm, '')).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(sample.input);
  }, 70_000);
});
