import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import type { JsonObject } from '../agent/json.ts';
import { pythonJsonDumps } from '../agent/python-json.ts';
import { fakeIo, lastLine } from '../testing/fake-cli-io.ts';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import { toolsCommand } from './tools-command.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES = join(REPO_ROOT, 'fixtures/openapi/examples');
const BROKEN = join(REPO_ROOT, 'fixtures/openapi/broken');
const world = { readFile: (path: string) => readFile(path, 'utf8') };

interface JsonSummary {
  tools: { name: string; method: string | null; path: string | null; doc: string }[];
  problems: { message: string; location: string; severity: string }[];
}

async function run(args: string[]): Promise<{ code: number; text: string; summary: JsonSummary }> {
  const io = fakeIo();
  const code = await toolsCommand([...args, '--json'], io);
  const text = io.out.join('');
  return { code, text, summary: JSON.parse(lastLine(text)) as JsonSummary };
}

const examples = [
  ...readdirSync(EXAMPLES).filter((name) => /\.(json|ya?ml)$/.test(name)),
  'v2.0_petstore-separate/spec/swagger.yaml',
];
const broken = readdirSync(BROKEN);

describe('umi tools --openapi on every example', () => {
  for (const name of examples) {
    it(`prints ${name}'s tools with doc lines equal to pythonJsonDumps of the renderer's doc objects`, async () => {
      const path = join(EXAMPLES, name);
      const { code, text, summary } = await run(['--openapi', path]);
      const imported = await importOpenApi({ url: path }, world);
      expect(summary.tools.map((tool) => tool.doc)).toEqual(
        imported.tools.map((tool) => pythonJsonDumps(tool.doc)),
      );
      expect(summary.tools.map((tool) => [tool.name, tool.method, tool.path])).toEqual(
        imported.tools.map((tool) => [tool.name, tool.http?.method, tool.http?.path]),
      );
      for (const tool of summary.tools) {
        expect(text).toContain(`  doc: ${tool.doc}\n`);
        expect(pythonJsonDumps(JSON.parse(tool.doc) as JsonObject)).toBe(tool.doc);
      }
      expect(code).toBe(name === 'v3.1_webhook-example.yaml' ? 1 : 0);
    });
  }

  it('shows each parameter with its location, type and whether it is required', async () => {
    const { text } = await run(['--openapi', join(EXAMPLES, 'v3.0_petstore-expanded.yaml')]);
    expect(text).toContain('find_pet_by_id_for_swagger_petstore  GET /pets/{id}\n');
    expect(text).toContain('    is_id (id)  in path  integer  required\n');
    expect(text).toContain('    tags  in query  array  optional\n');
    expect(text).toContain('  servers: http://petstore.swagger.io/api\n');
  });
});

describe('umi tools --openapi on every broken document', () => {
  for (const name of broken) {
    it(`exits 1 for ${name} after listing located problems`, async () => {
      const { code, text, summary } = await run(['--openapi', join(BROKEN, name)]);
      expect(code).toBe(1);
      const errors = summary.problems.filter((problem) => problem.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      for (const problem of summary.problems) {
        expect(problem.location).not.toBe('');
        expect(text).toContain(`  ${problem.severity}  ${problem.location}: ${problem.message}\n`);
      }
    });
  }
});

describe('umi tools --toolbench', () => {
  it('prints the MoodRing docs exactly as the reference training data renders them', async () => {
    const { code, summary } = await run(['--toolbench', join(REPO_ROOT, 'fixtures/toolbench/moodring.json')]);
    const trainPlanner = JSON.parse(
      readFileSync(join(REPO_ROOT, 'fixtures/alpha-umi/train-example/train_planner.json'), 'utf8'),
    ) as { tools: JsonObject[] }[];
    const reference = trainPlanner.find((sample) =>
      sample.tools.some((tool) => tool.Name === 'quizzes_for_moodring'),
    );
    expect(code).toBe(0);
    expect(summary.tools.map((tool) => tool.doc)).toEqual(
      reference?.tools.map((tool) => pythonJsonDumps(tool)),
    );
    expect(summary.tools[1]).toMatchObject({
      name: 'quiz_for_moodring',
      method: 'GET',
      path: '/quiz/{quizId}',
    });
  });

  it('exits 1 with a located problem for a file that is not JSON', async () => {
    const { code, summary } = await run(['--toolbench', join(BROKEN, 'invalid-json.json')]);
    expect(code).toBe(1);
    expect(summary.problems[0]?.location).toBe('invalid-json.json:7:5');
  });
});

describe('umi tools usage', () => {
  it('needs exactly one of --openapi and --toolbench', async () => {
    await expect(toolsCommand([], fakeIo())).rejects.toThrow(UserError);
    await expect(toolsCommand(['--openapi', 'a', '--toolbench', 'b'], fakeIo())).rejects.toThrow(
      /exactly one/,
    );
    await expect(toolsCommand(['--bogus'], fakeIo())).rejects.toThrow(UserError);
  });

  it('runs as a real process through main.ts and exits 1 on a broken document', () => {
    const result = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'tools', '--openapi', 'fixtures/openapi/broken/bad-ref.yaml', '--json'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    const summary = JSON.parse(lastLine(result.stdout)) as JsonSummary;
    expect(summary.tools.map((tool) => tool.name)).toEqual([
      'listproducts_for_shop_api',
      'health_for_shop_api',
    ]);
    expect(summary.problems).toContainEqual({
      severity: 'error',
      location: 'paths./products/{productId}.get.parameters[0]',
      message:
        'unresolvable $ref "#/components/parameters/ProductId": "parameters" does not exist in bad-ref.yaml',
    });
  });
});
