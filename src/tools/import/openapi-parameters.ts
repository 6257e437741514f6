import type { JsonObject } from '../../agent/json.ts';
import type { ParameterLocation } from '../tool.ts';
import { type InlineContext, inlineSchema } from './inline-schema.ts';
import { type DocNode, isNode, stringAt, toJsonValue } from './json-value.ts';
import { childSite, type Site } from './location.ts';
import { type ImportContext, type OperationEntry, where } from './openapi-context.ts';

/** A parameter of an operation, resolved, before it gets its argument name. */
export interface RawArgument {
  /** Name in the API: path/query/header/cookie name or body property; '' for the whole body. */
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonObject;
  /** The description shown to the models; absent when the parameter has no description field. */
  description?: string;
  site: Site;
}

/** Headers OpenAPI says to ignore as parameters (they come from content negotiation and security). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Swagger 2.0 parameter fields that are JSON Schema keywords. */
const SWAGGER_SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
];

/** An operation's parameters, path-level ones included unless the operation overrides them (same name and in). */
export function collectParameters(
  ctx: ImportContext,
  entry: OperationEntry,
): { parameter: DocNode; site: Site }[] | string {
  const lists: [unknown, Site][] = [
    [entry.operation.parameters, childSite(entry.site, 'parameters')],
    [entry.pathItem.parameters, childSite(entry.pathItemSite, 'parameters')],
  ];
  const seen = new Set<string>();
  const collected: { parameter: DocNode; site: Site }[] = [];
  for (const [list, base] of lists) {
    if (!Array.isArray(list)) continue;
    for (const [index, item] of list.entries()) {
      const site = childSite(base, index);
      const outcome = ctx.docs.follow(item, site);
      if (!outcome.ok) return `parameter ${where(ctx, site)} has an unresolvable $ref`;
      const parameter = outcome.value;
      if (!isNode(parameter)) return `parameter ${where(ctx, site)} is not an object`;
      const name = stringAt(parameter, 'name');
      const location = stringAt(parameter, 'in');
      if (name === undefined || location === undefined)
        return `parameter ${where(ctx, site)} has no "name" or "in"`;
      const key = `${location}\u0000${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      collected.push({ parameter, site: outcome.site });
    }
  }
  return collected;
}

/** The JSON Schema of a Swagger 2.0 non-body parameter, from its schema-like fields. */
function swaggerSchema(parameter: DocNode): JsonObject {
  const schema: JsonObject = {};
  for (const key of SWAGGER_SCHEMA_KEYS) {
    if (parameter[key] !== undefined) schema[key] = toJsonValue(parameter[key]);
  }
  if (schema.type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  }
  return schema;
}

/** The schema of a 3.x parameter: `schema`, else the schema of its first `content` entry. */
function openApi3SchemaNode(parameter: DocNode, site: Site): [unknown, Site] {
  if (parameter.schema !== undefined) return [parameter.schema, childSite(site, 'schema')];
  if (isNode(parameter.content)) {
    const [mediaType, media] = Object.entries(parameter.content)[0] ?? [];
    if (mediaType !== undefined && isNode(media))
      return [media.schema ?? {}, childSite(site, 'content', mediaType, 'schema')];
  }
  return [{}, site];
}

/** A non-body parameter as a raw argument; undefined for ignored headers and Swagger body/formData. */
export function parameterArgument(
  ctx: ImportContext,
  inline: InlineContext,
  parameter: DocNode,
  site: Site,
): RawArgument | undefined {
  const name = stringAt(parameter, 'name') ?? '';
  const location = stringAt(parameter, 'in');
  if (location === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) return undefined;
  if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie')
    return undefined;
  let schema: JsonObject;
  if (ctx.version === '2.0') schema = swaggerSchema(parameter);
  else {
    const [node, schemaSite] = openApi3SchemaNode(parameter, site);
    schema = inlineSchema(node, schemaSite, inline);
  }
  const description =
    stringAt(parameter, 'description') ??
    (typeof schema.description === 'string' ? schema.description : undefined);
  if (description !== undefined) schema = { ...schema, description };
  const argument: RawArgument = {
    name,
    in: location,
    required: location === 'path' || parameter.required === true,
    schema,
    site,
  };
  if (description !== undefined) argument.description = description;
  return argument;
}
