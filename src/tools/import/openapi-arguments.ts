import type { JsonObject } from '../../agent/json.ts';
import type { HttpParameter } from '../tool.ts';
import type { DocInput } from './alpha-umi-doc.ts';
import type { InlineContext } from './inline-schema.ts';
import { bodyArguments } from './openapi-body.ts';
import { type ImportContext, type OperationEntry, where } from './openapi-context.ts';
import { collectParameters, parameterArgument, type RawArgument } from './openapi-parameters.ts';
import { schemaTypeName } from './schema-type.ts';
import { argumentName } from './standardize.ts';

/*
 * The arguments of an operation, named the way the models were trained to see them: every API name goes
 * through `standardize` and the `is_` renames (`petId` → `petid`, `id` → `is_id`), the whole body is
 * `body`; `HttpParameter.name` keeps the API's name so calls map back. When two parameters get the same
 * argument name, the later one gets its location appended (`is_id_query`) and a warning says so.
 */

/** Everything a tool needs from an operation's parameters and body. */
export interface ToolArguments {
  parameters: HttpParameter[];
  inputs: DocInput[];
  /** JSON Schema of the arguments object. */
  schema: JsonObject;
  bodyContentType?: string;
}

function templateVariables(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** Path parameters checked against the path template: missing ones added as strings, strays dropped. */
function checkPath(ctx: ImportContext, entry: OperationEntry, raws: RawArgument[]): RawArgument[] {
  const variables = templateVariables(entry.path);
  const kept = raws.filter((raw) => {
    if (raw.in !== 'path' || variables.includes(raw.name)) return true;
    ctx.problems.warning(
      `path parameter "${raw.name}" is not in the path "${entry.path}"; it is left out`,
      where(ctx, raw.site),
    );
    return false;
  });
  for (const variable of variables) {
    if (kept.some((raw) => raw.in === 'path' && raw.name === variable)) continue;
    ctx.problems.warning(
      `path "${entry.path}" has {${variable}} but no parameter describes it; it is added as a required string`,
      where(ctx, entry.site),
    );
    kept.push({ name: variable, in: 'path', required: true, schema: { type: 'string' }, site: entry.site });
  }
  return kept;
}

function uniqueName(ctx: ImportContext, raw: RawArgument, used: Set<string>): string {
  const base = raw.name === '' ? 'body' : argumentName(raw.name) || 'param';
  let name = base;
  for (let attempt = 1; used.has(name); attempt++) {
    name = attempt === 1 ? `${base}_${raw.in}` : `${base}_${raw.in}_${attempt}`;
  }
  if (name !== base) {
    ctx.problems.warning(
      `argument name "${base}" is already taken in this operation; this one is called "${name}"`,
      where(ctx, raw.site),
    );
  }
  used.add(name);
  return name;
}

/** The arguments of an operation, or why they cannot be built (the operation is then left out). */
export function operationArguments(
  ctx: ImportContext,
  inline: InlineContext,
  entry: OperationEntry,
): ToolArguments | string {
  const collected = collectParameters(ctx, entry);
  if (typeof collected === 'string') return collected;
  const raws: RawArgument[] = [];
  for (const { parameter, site } of collected) {
    const raw = parameterArgument(ctx, inline, parameter, site);
    if (raw !== undefined) raws.push(raw);
  }
  const body = bodyArguments(ctx, inline, entry, collected);
  if (typeof body === 'string') return body;
  const all = [...checkPath(ctx, entry, raws), ...body.arguments];

  const used = new Set<string>();
  const parameters: HttpParameter[] = [];
  const inputs: DocInput[] = [];
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const raw of all) {
    const argument = uniqueName(ctx, raw, used);
    parameters.push({ name: raw.name, argument, in: raw.in, required: raw.required, schema: raw.schema });
    const input: DocInput = { argument, type: schemaTypeName(raw.schema) };
    if (raw.description !== undefined) input.description = raw.description;
    inputs.push(input);
    properties[argument] = raw.schema;
    if (raw.required) required.push(argument);
  }
  const schema: JsonObject = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const result: ToolArguments = { parameters, inputs, schema };
  if (body.contentType !== undefined) result.bodyContentType = body.contentType;
  return result;
}
