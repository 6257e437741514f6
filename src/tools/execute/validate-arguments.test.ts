import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../agent/json.ts';
import type { Tool } from '../tool.ts';
import { argumentPath, schemaDraft, validateArguments } from './validate-arguments.ts';

function tool(parameters: JsonObject): Tool {
  return { name: 't', description: '', parameters, doc: {}, mutating: false };
}

describe('validateArguments', () => {
  it('accepts matching arguments', () => {
    expect(
      validateArguments(tool({ type: 'object', properties: { a: { type: 'string' } } }), { a: 'x' }),
    ).toBeUndefined();
  });

  it('names nested arguments by path and lists at most three errors', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: {
        filter: {
          type: 'object',
          properties: { tags: { type: 'array', items: { type: 'integer' } } },
          required: ['from'],
        },
        a: { type: 'string' },
        b: { type: 'string' },
      },
    };
    expect(validateArguments(tool(schema), { filter: { tags: [1, 'two'] }, a: 1, b: 2 })).toBe(
      'missing required argument "filter.from"; filter.tags[1]: expected integer, got string; a: expected string, got number (+1 more)',
    );
  });

  it('names unknown arguments when additional properties are not allowed', () => {
    const schema: JsonObject = { type: 'object', properties: {}, additionalProperties: false };
    expect(validateArguments(tool(schema), { city: 'Paris' })).toBe('"city" is not an argument of this tool');
  });

  it('reports a failed anyOf once, not each branch', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: { id: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
    };
    const reason = validateArguments(tool(schema), { id: 'x' });
    expect(reason?.startsWith('id: ')).toBe(true);
    expect(reason).not.toContain(';');
  });

  it('reads boolean exclusiveMinimum as draft 4', () => {
    const schema: JsonObject = {
      type: 'object',
      properties: { n: { type: 'number', minimum: 0, exclusiveMinimum: true } },
    };
    expect(schemaDraft(schema)).toBe('4');
    expect(validateArguments(tool(schema), { n: 1 })).toBeUndefined();
    expect(validateArguments(tool(schema), { n: 0 })).toMatch(/^n: /);
  });

  it('reports a schema it cannot check instead of throwing', () => {
    const schema: JsonObject = { type: 'object', properties: { s: { type: 'string', pattern: '(' } } };
    expect(validateArguments(tool(schema), { s: 'x' })).toMatch(
      /^the tool's parameter schema cannot be checked/,
    );
  });

  it('decodes JSON pointers into argument paths', () => {
    expect(argumentPath('#')).toBe('');
    expect(argumentPath('#/a~1b/0/c%20d')).toBe('a/b[0].c d');
  });
});
