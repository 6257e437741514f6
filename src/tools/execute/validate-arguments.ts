import { type OutputUnit, type Schema, type SchemaDraft, Validator } from '@cfworker/json-schema';
import type { JsonObject, JsonValue } from '../../agent/json.ts';
import type { Tool } from '../tool.ts';

/** How many schema errors an `Invalid arguments` message lists before `(+N more)`. */
const MAX_LISTED = 3;

/** Keywords that only report that something below them failed; their deeper errors say what. */
const WRAPPERS = new Set([
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'contains',
  '$ref',
  '$recursiveRef',
  'allOf',
  'if',
  'then',
  'else',
]);

const validators = new WeakMap<Tool, Validator>();

/** The draft to validate with: `$schema` when given, draft 4 for boolean `exclusiveMinimum`, else 2020-12. */
export function schemaDraft(schema: JsonObject): SchemaDraft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('draft-04')) return '4';
  if (declared.includes('draft-07') || declared.includes('draft-06')) return '7';
  if (declared.includes('2019-09')) return '2019-09';
  if (declared !== '') return '2020-12';
  return hasBooleanExclusive(schema) ? '4' : '2020-12';
}

/** True when some (nested) schema uses draft 4's boolean `exclusiveMinimum`/`exclusiveMaximum`. */
function hasBooleanExclusive(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.some(hasBooleanExclusive);
  if (typeof value !== 'object' || value === null) return false;
  if (typeof value.exclusiveMinimum === 'boolean' || typeof value.exclusiveMaximum === 'boolean') return true;
  return Object.values(value).some(hasBooleanExclusive);
}

/** Turns a JSON pointer such as `#/tags/1` into `tags[1]` (empty for the arguments object itself). */
export function argumentPath(instanceLocation: string): string {
  const segments = instanceLocation
    .replace(/^#\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const segment of segments)
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  return path;
}

/** One schema error as a short sentence naming the argument. */
function describeError(unit: OutputUnit): string {
  const path = argumentPath(unit.instanceLocation);
  const depth = unit.instanceLocation.split('/').length - 1;
  const required = /required property "(.*)"/.exec(unit.error);
  if (unit.keyword === 'required' && required !== null) {
    const name = path === '' ? required[1] : `${path}.${required[1]}`;
    return `missing required argument "${name}"`;
  }
  if (unit.keyword === 'false')
    return depth === 1 ? `"${path}" is not an argument of this tool` : `${path}: not allowed`;
  const type = /Instance type "(.*)" is invalid\. Expected (.*)\./.exec(unit.error);
  const message =
    type !== null
      ? `expected ${type[2]?.replace(/"/g, '')}, got ${type[1]}`
      : unit.error.replace(/^Instance /, '').replace(/\.$/, '');
  return path === '' ? message : `${path}: ${message}`;
}

/** Keeps the errors that say what is wrong, dropping wrappers and failed `anyOf`/`oneOf` branches. */
function leafErrors(errors: readonly OutputUnit[]): OutputUnit[] {
  return errors.filter(
    (unit) => !WRAPPERS.has(unit.keyword) && !/\/(anyOf|oneOf)\/\d+\//.test(unit.keywordLocation),
  );
}

/** Checks arguments against the tool's JSON Schema; returns a short reason when they do not match. */
export function validateArguments(tool: Tool, args: JsonObject): string | undefined {
  try {
    let validator = validators.get(tool);
    if (validator === undefined) {
      validator = new Validator(tool.parameters as Schema, schemaDraft(tool.parameters), false);
      validators.set(tool, validator);
    }
    const result = validator.validate(args);
    if (result.valid) return undefined;
    const errors = leafErrors(result.errors);
    const listed = (errors.length > 0 ? errors : result.errors).map(describeError);
    const unique = [...new Set(listed)];
    const more = unique.length > MAX_LISTED ? ` (+${unique.length - MAX_LISTED} more)` : '';
    return `${unique.slice(0, MAX_LISTED).join('; ')}${more}`;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `the tool's parameter schema cannot be checked (${message})`;
  }
}
