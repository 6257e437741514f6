import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerGrammar } from '../../agent/caller-grammar.ts';
import { fragmentText } from '../../testing/fuzz-arbitraries.ts';
import { checkFuzz, fuzzTimeoutMs, reportFuzzTotal } from '../../testing/fuzz-runs.ts';
import { documentText, mutate, mutation } from '../../testing/openapi-mutations.ts';
import { validateArguments } from '../execute/validate-arguments.ts';
import type { ImportWorld } from './import-world.ts';
import { type ImportResult, importOpenApi } from './openapi-import.ts';
import { parseDocumentText } from './parse-document.ts';

reportFuzzTotal('OpenAPI import');

const RUNS = 100;
const CASE_TIMEOUT_MS = 10_000;

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Real documents to mutate (read only): the demo API's and the fixtures' examples and edge cases. */
const SEEDS = [
  'src/demo-api/openapi.json',
  'fixtures/openapi/examples/v2.0_json_petstore.json',
  'fixtures/openapi/examples/v2.0_yaml_uber.yaml',
  'fixtures/openapi/examples/v2.0_petstore-separate/spec/swagger.yaml',
  'fixtures/openapi/examples/v3.0_api-with-examples.yaml',
  'fixtures/openapi/examples/v3.0_callback-example.yaml',
  'fixtures/openapi/examples/v3.0_link-example.yaml',
  'fixtures/openapi/examples/v3.0_petstore-expanded.yaml',
  'fixtures/openapi/examples/v3.0_uspto.yaml',
  'fixtures/openapi/examples/v3.1_webhook-example.yaml',
  'fixtures/openapi/edge/recursive-schema.yaml',
];
const seeds: Array<{ path: string; document: unknown }> = [];

beforeAll(async () => {
  for (const path of SEEDS) {
    const parsed = parseDocumentText(await readFile(`${ROOT}${path}`, 'utf8'), path);
    if (!parsed.ok) throw new Error(`seed ${path} does not parse: ${parsed.reason}`);
    seeds.push({ path: `${ROOT}${path}`, document: parsed.value });
  }
});

/** Where the document claims to come from: its real file (relative refs reach the fixtures), the web, or nowhere. */
const origin = fc.constantFrom('file', 'web', 'inline', 'fuzz-file');

/** What the world answers: the fixtures and one fuzzed file from disk; the web fails or answers garbage. */
function fuzzWorld(other: string, web: 'throw' | 'status' | 'garbage', garbage: string): ImportWorld {
  return {
    readFile: async (path) => {
      if (path === '/fuzz/other.yaml') return other;
      if (path.startsWith(`${ROOT}fixtures/`)) return readFile(path, 'utf8');
      throw new Error(`ENOENT: no such file, open '${path}'`);
    },
    fetch: async () => {
      if (web === 'throw') throw new TypeError('fetch failed');
      return web === 'status'
        ? new Response('gone', { status: 404, statusText: 'Not Found' })
        : new Response(garbage, { headers: { 'content-type': 'application/yaml' } });
    },
  };
}

/** The guarantees of every import: located problems, and tools the rest of umi can use. */
function expectUsable(result: ImportResult): void {
  expect(typeof result.api).toBe('string');
  for (const problem of result.problems) {
    expect(['error', 'warning']).toContain(problem.severity);
    expect(problem.message).toMatch(/\S/);
    expect(problem.location).toMatch(/\S/);
    // The catch-all for the importer's own crashes: a message no user can act on.
    expect(problem.message).not.toMatch(/^the importer failed/);
  }
  for (const tool of result.tools) {
    expect(tool.name).toMatch(/\S/);
    // Tools are saved as JSON, rendered into prompts, turned into a grammar and checked against arguments.
    expect(() => JSON.stringify(tool)).not.toThrow();
    expect(() => callerGrammar([{ name: tool.name, schema: tool.parameters }])).not.toThrow();
    expect(() => validateArguments(tool, {})).not.toThrow();
  }
}

describe('importOpenApi under fuzzed documents', () => {
  it(
    'imports any mutation of a real document as tools and located problems, never crashing or hanging',
    async () => {
      await checkFuzz(
        'importOpenApi mutated documents',
        fc.asyncProperty(
          fc.record({
            seed: fc.nat(),
            mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
            format: fc.constantFrom('json' as const, 'yaml' as const),
            cutAt: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
            origin,
            otherMutations: fc.array(mutation, { maxLength: 3 }),
            web: fc.constantFrom('throw' as const, 'status' as const, 'garbage' as const),
            garbage: fragmentText(),
          }),
          async (drawn) => {
            const seed = seeds[drawn.seed % seeds.length];
            if (seed === undefined) throw new Error('no seeds loaded');
            const text = documentText(mutate(seed.document, drawn.mutations), drawn.format, drawn.cutAt);
            const other = documentText(mutate(seed.document, drawn.otherMutations), 'yaml', null);
            const url = {
              file: pathToFileURL(seed.path).href,
              web: 'https://api.example.test/specs/openapi.yaml',
              inline: undefined,
              'fuzz-file': 'file:///fuzz/api.yaml',
            }[drawn.origin];
            const source = url === undefined ? { text } : { text, url };
            expectUsable(await importOpenApi(source, fuzzWorld(other, drawn.web, drawn.garbage)));
          },
        ),
        { runs: RUNS, caseTimeoutMs: CASE_TIMEOUT_MS },
      );
    },
    fuzzTimeoutMs(RUNS, CASE_TIMEOUT_MS),
  );
});
