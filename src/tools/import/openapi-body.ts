import type { JsonObject } from '../../agent/json.ts';
import { type InlineContext, inlineSchema } from './inline-schema.ts';
import { type DocNode, isNode, stringAt, toJsonValue } from './json-value.ts';
import { childSite, type Site } from './location.ts';
import { type ImportContext, type OperationEntry, where } from './openapi-context.ts';
import type { RawArgument } from './openapi-parameters.ts';
import { objectShape } from './schema-type.ts';

/*
 * Request bodies become arguments: the top-level properties of an object body (allOf merged, readOnly
 * ones left out) each become an argument with `in: 'body'`; any other body (array, string, binary,
 * oneOf, a free-form object) becomes one argument whose API name is '' — the whole body — and whose
 * argument name is `body`. JSON is preferred among media types, then form encodings, then the first.
 */

/** Arguments taken from the request body and the media type to send it as. */
export interface BodyArguments {
  arguments: RawArgument[];
  contentType?: string;
}

/** The media type to send: JSON first, then URL-encoded form, then multipart, then the first listed. */
export function chooseMediaType(types: readonly string[]): string | undefined {
  return (
    types.find((type) => /^application\/json\b/i.test(type)) ??
    types.find((type) => /[/+]json\b/i.test(type)) ??
    types.find((type) => /^application\/x-www-form-urlencoded\b/i.test(type)) ??
    types.find((type) => /^multipart\/form-data\b/i.test(type)) ??
    types[0]
  );
}

function splitBody(
  schema: JsonObject,
  required: boolean,
  description: string | undefined,
  site: Site,
): RawArgument[] {
  const shape = objectShape(schema);
  const properties = shape.properties.filter(([, property]) => property.readOnly !== true);
  if (properties.length > 0 && schema.oneOf === undefined && schema.anyOf === undefined) {
    return properties.map(([name, property]) => {
      const argument: RawArgument = {
        name,
        in: 'body',
        required: shape.required.includes(name),
        schema: property,
        site: childSite(site, 'properties', name),
      };
      if (typeof property.description === 'string') argument.description = property.description;
      return argument;
    });
  }
  const text = description ?? (typeof schema.description === 'string' ? schema.description : undefined);
  const whole: RawArgument = {
    name: '',
    in: 'body',
    required,
    schema: text === undefined ? schema : { ...schema, description: text },
    site,
  };
  if (text !== undefined) whole.description = text;
  return [whole];
}

function openApi3Body(
  ctx: ImportContext,
  inline: InlineContext,
  entry: OperationEntry,
): BodyArguments | string {
  if (entry.operation.requestBody === undefined) return { arguments: [] };
  const site = childSite(entry.site, 'requestBody');
  const outcome = ctx.docs.follow(entry.operation.requestBody, site);
  if (!outcome.ok) return `its request body ${where(ctx, site)} has an unresolvable $ref`;
  const body = outcome.value;
  if (!isNode(body) || !isNode(body.content)) return { arguments: [] };
  const contentType = chooseMediaType(Object.keys(body.content));
  if (contentType === undefined) return { arguments: [] };
  const media = body.content[contentType];
  const schemaSite = childSite(outcome.site, 'content', contentType, 'schema');
  const schema = inlineSchema(isNode(media) ? (media.schema ?? {}) : {}, schemaSite, inline);
  const args = splitBody(schema, body.required === true, stringAt(body, 'description'), schemaSite);
  return { arguments: args, contentType };
}

function swagger2Body(
  ctx: ImportContext,
  inline: InlineContext,
  entry: OperationEntry,
  parameters: readonly { parameter: DocNode; site: Site }[],
): BodyArguments {
  const consumesList = [entry.operation.consumes, ctx.root.consumes].find(Array.isArray);
  const consumes = (consumesList ?? []).filter((item): item is string => typeof item === 'string');
  const bodyParameter = parameters.find(({ parameter }) => parameter.in === 'body');
  if (bodyParameter !== undefined) {
    const { parameter, site } = bodyParameter;
    const schemaSite = childSite(site, 'schema');
    const schema = inlineSchema(parameter.schema ?? {}, schemaSite, inline);
    const args = splitBody(
      schema,
      parameter.required === true,
      stringAt(parameter, 'description'),
      schemaSite,
    );
    return { arguments: args, contentType: chooseMediaType(consumes) ?? 'application/json' };
  }
  const fields = parameters.filter(({ parameter }) => parameter.in === 'formData');
  if (fields.length === 0) return { arguments: [] };
  const hasFile = fields.some(({ parameter }) => parameter.type === 'file');
  const multipart = hasFile || consumes.some((type) => /^multipart\/form-data\b/i.test(type));
  const args = fields.map(({ parameter, site }): RawArgument => {
    const schema: JsonObject = {};
    for (const key of ['type', 'format', 'items', 'enum', 'default']) {
      if (parameter[key] !== undefined) schema[key] = toJsonValue(parameter[key]);
    }
    if (schema.type === 'file') Object.assign(schema, { type: 'string', format: 'binary' });
    const description = stringAt(parameter, 'description');
    if (description !== undefined) schema.description = description;
    const field: RawArgument = {
      name: stringAt(parameter, 'name') ?? '',
      in: 'body',
      required: parameter.required === true,
      schema,
      site,
    };
    if (description !== undefined) field.description = description;
    return field;
  });
  return {
    arguments: args,
    contentType: multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded',
  };
}

/** The request body of an operation as arguments, or why it cannot be read. */
export function bodyArguments(
  ctx: ImportContext,
  inline: InlineContext,
  entry: OperationEntry,
  parameters: readonly { parameter: DocNode; site: Site }[],
): BodyArguments | string {
  return ctx.version === '2.0'
    ? swagger2Body(ctx, inline, entry, parameters)
    : openApi3Body(ctx, inline, entry);
}
