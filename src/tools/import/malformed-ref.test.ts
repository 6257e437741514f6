import { describe, expect, it } from 'vitest';
import { importOpenApi } from './openapi-import.ts';

describe('a $ref with a malformed percent-escape (fuzzing regression)', () => {
  it('is reported as unresolvable where it is, and the document still imports', async () => {
    const document = {
      openapi: '3.0.3',
      info: { title: 'Shop', version: '1' },
      servers: [{ url: 'https://shop.example.com' }],
      paths: {
        '/items': {
          get: {
            operationId: 'listItems',
            responses: {
              200: { description: 'ok', content: { 'application/json': { schema: { $ref: '%' } } } },
            },
          },
        },
      },
    };
    const result = await importOpenApi({ text: JSON.stringify(document) });
    expect(result.tools.map((tool) => tool.name)).toEqual(['listitems_for_shop']);
    expect(result.problems).toContainEqual({
      severity: 'error',
      location: 'paths./items.get.responses.200.content.application/json.schema',
      message:
        'unresolvable $ref "%": cannot read %: the document was given as text without a URL, so relative files cannot be found',
    });
    expect(result.problems.some((problem) => problem.message.startsWith('the importer failed'))).toBe(false);
  });
});
