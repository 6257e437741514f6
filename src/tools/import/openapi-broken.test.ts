import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportResult, importOpenApi, type Problem } from './openapi-import.ts';

const BROKEN = fileURLToPath(new URL('../../../fixtures/openapi/broken/', import.meta.url));
const world = { readFile: (path: string) => readFile(path, 'utf8') };

function importBroken(name: string): Promise<ImportResult> {
  return importOpenApi({ url: `${BROKEN}${name}` }, world);
}

function errors(result: ImportResult): Omit<Problem, 'severity'>[] {
  return result.problems
    .filter((problem) => problem.severity === 'error')
    .map(({ location, message }) => ({ location, message }));
}

/** For every broken fixture: the errors it must give (message pattern and exact location) and the tools left. */
const EXPECTED: Record<string, { errors: [RegExp, string][]; tools: string[] }> = {
  'bad-ref.yaml': {
    errors: [
      [
        /^unresolvable \$ref "Product": cannot read Product: .*; did you mean "#\/components\/schemas\/Product"\?$/,
        'paths./products.get.responses.200.content.application/json.schema.items',
      ],
      [
        /^unresolvable \$ref "schemas\/missing\.yaml#\/Product": cannot read schemas\/missing\.yaml: /,
        'paths./products.post.requestBody.content.application/json.schema',
      ],
      [
        /^unresolvable \$ref "#\/components\/parameters\/ProductId": "parameters" does not exist in bad-ref\.yaml$/,
        'paths./products/{productId}.get.parameters[0]',
      ],
    ],
    tools: ['listproducts_for_shop_api', 'health_for_shop_api'],
  },
  'no-paths.yaml': {
    errors: [[/^the document has no "paths", so there is nothing to call$/, 'paths']],
    tools: [],
  },
  'unsupported-version.json': {
    errors: [[/^unsupported Swagger version "1\.2": only Swagger 2\.0 and OpenAPI 3\.0 and 3\.1/, 'swagger']],
    tools: [],
  },
  'unsupported-openapi-version.yaml': {
    errors: [[/^unsupported OpenAPI version "4\.0\.0"/, 'openapi']],
    tools: [],
  },
  'missing-version.yaml': {
    errors: [[/^no version: an OpenAPI document starts with "openapi: 3\.x\.y"/, '(root)']],
    tools: [],
  },
  'duplicate-operation-ids.yaml': {
    errors: [
      [
        /^duplicate operationId "listPets" \(also at paths\.\/pets\.get\); only the first is imported$/,
        'paths./cats.get',
      ],
    ],
    tools: ['listpets_for_pet_api'],
  },
  'duplicate-tool-names.yaml': {
    errors: [
      [
        /^duplicate tool name "listpets_for_pet_api" after standardize \(also at paths\.\/pets\.get\)/,
        'paths./pets/all.get',
      ],
    ],
    tools: ['listpets_for_pet_api'],
  },
  'invalid-yaml.yaml': {
    errors: [
      [/^invalid YAML: bad indentation of a mapping entry \(line 9, column 6\)$/, 'invalid-yaml.yaml:9:6'],
    ],
    tools: [],
  },
  'invalid-json.json': {
    errors: [
      [/^invalid JSON: Expected double-quoted property name \(line 7, column 5\)$/, 'invalid-json.json:7:5'],
    ],
    tools: [],
  },
  'schema-invalid.yaml': {
    errors: [
      [/^not valid OpenAPI 3\.0: required property "version" is missing$/, 'info'],
      [/^not valid OpenAPI 3\.0: required property "in" is missing$/, 'paths./pets.get.parameters[0]'],
      [/^not valid OpenAPI 3\.0: must be of type object, not string$/, 'paths./pets/{petId}.get.responses'],
    ],
    tools: ['getpet_for_invalid_api'],
  },
  'circular-ref-chain.yaml': {
    errors: [
      [
        /^unresolvable \$ref "#\/components\/schemas\/A": the \$ref chain is circular$/,
        'paths./items.post.requestBody.content.application/json.schema',
      ],
      [
        /^unresolvable \$ref "#\/components\/schemas\/B": the \$ref chain is circular$/,
        'components.schemas.A',
      ],
      [
        /^unresolvable \$ref "#\/components\/schemas\/A": the \$ref chain is circular$/,
        'components.schemas.B',
      ],
    ],
    tools: ['ping_for_loop_api'],
  },
  'not-an-object.json': { errors: [[/^the document is not an object/, '(root)']], tools: [] },
};

describe('importOpenApi on broken documents', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`reports ${name} with located errors and keeps only the operations that are fine`, async () => {
      const result = await importBroken(name);
      const found = errors(result);
      expect(found.map((problem) => problem.location)).toEqual(
        expected.errors.map(([, location]) => location),
      );
      for (const [index, [pattern]] of expected.errors.entries())
        expect(found[index]?.message).toMatch(pattern);
      expect(result.tools.map((tool) => tool.name)).toEqual(expected.tools);
    });
  }

  it('says which operations were left out because of a bad $ref and which were imported despite one', async () => {
    const warnings = (await importBroken('bad-ref.yaml')).problems.filter(
      (problem) => problem.severity === 'warning',
    );
    expect(warnings.map(({ location, message }) => `${location}: ${message}`)).toEqual([
      'paths./products.get: imported despite 1 error(s) inside this operation',
      'paths./products.post: operation not imported: its parameters or request body use the unresolvable $ref "schemas/missing.yaml#/Product" (paths./products.post.requestBody.content.application/json.schema)',
      'paths./products/{productId}.get: operation not imported: parameter paths./products/{productId}.get.parameters[0] has an unresolvable $ref',
    ]);
  });

  it('covers every file in the broken folder', async () => {
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(BROKEN)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
