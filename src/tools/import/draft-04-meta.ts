import type { Schema } from '@cfworker/json-schema';

/**
 * The parts of the JSON Schema draft-04 meta-schema that the official Swagger 2.0 schema refers to by
 * absolute URL (`http://json-schema.org/draft-04/schema#/definitions/positiveInteger`, …). It is not
 * shipped with the schema package and must not be fetched, so it is written out here from the draft.
 */
export const DRAFT_04_META: Schema = {
  id: 'http://json-schema.org/draft-04/schema#',
  definitions: {
    positiveInteger: { type: 'integer', minimum: 0 },
    positiveIntegerDefault0: { allOf: [{ $ref: '#/definitions/positiveInteger' }, { default: 0 }] },
    simpleTypes: { enum: ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'] },
    stringArray: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
  },
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    default: {},
    multipleOf: { type: 'number', minimum: 0, exclusiveMinimum: true },
    maximum: { type: 'number' },
    exclusiveMaximum: { type: 'boolean', default: false },
    minimum: { type: 'number' },
    exclusiveMinimum: { type: 'boolean', default: false },
    pattern: { type: 'string', format: 'regex' },
    uniqueItems: { type: 'boolean', default: false },
    enum: { type: 'array', minItems: 1, uniqueItems: true },
    type: {
      anyOf: [
        { $ref: '#/definitions/simpleTypes' },
        { type: 'array', items: { $ref: '#/definitions/simpleTypes' }, minItems: 1, uniqueItems: true },
      ],
    },
  },
};
