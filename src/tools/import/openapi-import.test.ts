import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportResult, importOpenApi } from './openapi-import.ts';

const EXAMPLES = fileURLToPath(new URL('../../../fixtures/openapi/examples/', import.meta.url));
const world = { readFile: (path: string) => readFile(path, 'utf8') };

function importExample(name: string): Promise<ImportResult> {
  return importOpenApi({ url: `${EXAMPLES}${name}` }, world);
}

function summary(result: ImportResult): string[] {
  return result.tools.map((tool) => `${tool.http?.method} ${tool.http?.path} ${tool.name}`);
}

/** Every example, with the tools it must give; all but the webhook-only one import without errors. */
const EXPECTED: Record<string, string[]> = {
  'v2.0_json_petstore.json': [
    'GET /pets listpets_for_swagger_petstore',
    'POST /pets createpets_for_swagger_petstore',
    'GET /pets/{petId} showpetbyid_for_swagger_petstore',
  ],
  'v2.0_yaml_uber.yaml': [
    'GET /products get_products_for_uber_api',
    'GET /estimates/price get_estimates_price_for_uber_api',
    'GET /estimates/time get_estimates_time_for_uber_api',
    'GET /me get_me_for_uber_api',
    'GET /history get_history_for_uber_api',
  ],
  'v2.0_petstore-separate/spec/swagger.yaml': [
    'GET /pets findpets_for_swagger_petstore',
    'POST /pets addpet_for_swagger_petstore',
    'GET /pets/{id} find_pet_by_id_for_swagger_petstore',
    'DELETE /pets/{id} deletepet_for_swagger_petstore',
  ],
  'v3.0_api-with-examples.yaml': [
    'GET / listversionsv2_for_simple_api_overview',
    'GET /v2 getversiondetailsv2_for_simple_api_overview',
  ],
  'v3.0_callback-example.yaml': ['POST /streams post_streams_for_callback_example'],
  'v3.0_link-example.yaml': [
    'GET /2.0/users/{username} getuserbyname_for_link_example',
    'GET /2.0/repositories/{username} getrepositoriesbyowner_for_link_example',
    'GET /2.0/repositories/{username}/{slug} getrepository_for_link_example',
    'GET /2.0/repositories/{username}/{slug}/pullrequests getpullrequestsbyrepository_for_link_example',
    'GET /2.0/repositories/{username}/{slug}/pullrequests/{pid} getpullrequestsbyid_for_link_example',
    'POST /2.0/repositories/{username}/{slug}/pullrequests/{pid}/merge mergepullrequest_for_link_example',
  ],
  'v3.0_petstore-expanded.yaml': [
    'GET /pets findpets_for_swagger_petstore',
    'POST /pets addpet_for_swagger_petstore',
    'GET /pets/{id} find_pet_by_id_for_swagger_petstore',
    'DELETE /pets/{id} deletepet_for_swagger_petstore',
  ],
  'v3.0_uspto.yaml': [
    'GET / list_data_sets_for_uspto_data_set_api',
    'GET /{dataset}/{version}/fields list_searchable_fields_for_uspto_data_set_api',
    'POST /{dataset}/{version}/records perform_search_for_uspto_data_set_api',
  ],
  'v3.1_webhook-example.yaml': [],
};

describe('importOpenApi on the OpenAPI Initiative examples', () => {
  for (const [name, tools] of Object.entries(EXPECTED)) {
    it(`imports ${name} as ${tools.length} plain-JSON tools${tools.length > 0 ? ' without errors' : ''}`, async () => {
      const result = await importExample(name);
      expect(summary(result)).toEqual(tools);
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      if (tools.length > 0)
        expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    });
  }

  it('binds Swagger 2.0 petstore calls to host, basePath and scheme, with typed parameters', async () => {
    const [list, create, show] = (await importExample('v2.0_json_petstore.json')).tools;
    expect(list?.http).toEqual({
      method: 'GET',
      path: '/pets',
      servers: ['http://petstore.swagger.io/v1'],
      parameters: [
        {
          name: 'limit',
          argument: 'limit',
          in: 'query',
          required: false,
          schema: {
            type: 'integer',
            format: 'int32',
            description: 'How many items to return at one time (max 100)',
          },
        },
      ],
      security: [],
    });
    expect([list?.mutating, create?.mutating]).toEqual([false, true]);
    expect(show?.parameters).toEqual({
      type: 'object',
      properties: { petid: { type: 'string', description: 'The id of the pet to retrieve' } },
      required: ['petid'],
    });
    expect(show?.doc).toEqual({
      Name: 'showpetbyid_for_swagger_petstore',
      function: 'Info for a specific pet',
      input: { petid: 'string, The id of the pet to retrieve' },
    });
  });

  it('resolves the relative $refs of petstore-separate across its files', async () => {
    const result = await importExample('v2.0_petstore-separate/spec/swagger.yaml');
    const [find, add] = result.tools;
    expect(
      find?.http?.parameters.map((parameter) => [parameter.name, parameter.in, parameter.schema.type]),
    ).toEqual([
      ['tags', 'query', 'array'],
      ['limit', 'query', 'integer'],
    ]);
    expect(add?.http?.bodyContentType).toBe('application/json');
    expect(add?.parameters).toMatchObject({
      properties: {
        is_id: { type: 'integer' },
        name: { type: 'string' },
        tag: { type: 'string' },
        description: { type: 'integer' },
      },
      required: ['is_id', 'name'],
    });
    expect(add?.http?.parameters.find((parameter) => parameter.argument === 'is_id')?.name).toBe('id');
  });

  it("reports uber's operations without operationId as located warnings and applies its API key", async () => {
    const result = await importExample('v2.0_yaml_uber.yaml');
    expect(result.problems).toContainEqual({
      severity: 'warning',
      location: 'paths./estimates/price.get',
      message:
        'operation has no operationId; its tool is named from method and path: get_estimates_price_for_uber_api',
    });
    expect(result.problems.filter((problem) => problem.message.includes('no operationId'))).toHaveLength(5);
    const [products, price] = result.tools;
    expect(products?.http?.servers).toEqual(['https://api.uber.com/v1']);
    expect(products?.http?.security).toEqual([
      [{ id: 'apikey', type: 'apiKey', in: 'query', name: 'server_token' }],
    ]);
    expect(price?.http?.security).toEqual([]);
    expect(products?.doc.function).toMatch(/^Product Types\. The Products endpoint returns/);
  });

  it('substitutes server variables with their defaults and sends the USPTO search as a form', async () => {
    const [, fields, search] = (await importExample('v3.0_uspto.yaml')).tools;
    expect(fields?.http?.servers).toEqual(['https://developer.uspto.gov/ds-api']);
    expect(search?.http?.bodyContentType).toBe('application/x-www-form-urlencoded');
    expect(
      search?.http?.parameters.map(
        (parameter) => `${parameter.argument}:${parameter.in}:${parameter.required}`,
      ),
    ).toEqual([
      'version:path:true',
      'dataset:path:true',
      'criteria:body:true',
      'start:body:false',
      'rows:body:false',
    ]);
    expect(search?.mutating).toBe(true);
  });

  it('warns that callbacks and server-less documents cannot be fully used', async () => {
    const result = await importExample('v3.0_callback-example.yaml');
    expect(result.problems.map((problem) => problem.location)).toEqual([
      'paths./streams.post',
      'paths./streams.post.callbacks',
      'servers',
    ]);
    expect(result.tools[0]?.http?.servers).toEqual([]);
  });

  it('says that a webhook-only 3.1 document has nothing to call', async () => {
    const result = await importExample('v3.1_webhook-example.yaml');
    expect(result.api).toBe('Webhook Example');
    expect(result.problems).toEqual([
      {
        severity: 'error',
        location: 'paths',
        message:
          'the document has no "paths", so there is nothing to call; its 1 webhook(s) are requests the API sends, not calls the agent can make',
      },
    ]);
  });
});
