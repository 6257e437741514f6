import type { HttpBinding, Tool } from '../tool.ts';
import { openApiDoc, openApiFunction } from './alpha-umi-doc.ts';
import { inlineContext } from './inline-schema.ts';
import { stringAt } from './json-value.ts';
import { childSite } from './location.ts';
import { operationArguments } from './openapi-arguments.ts';
import { type ImportContext, type OperationEntry, where } from './openapi-context.ts';
import { operationSecurity } from './openapi-security.ts';
import { operationServers } from './openapi-servers.ts';
import { functionName, standardize } from './standardize.ts';

/** Methods that only read; every other method changes data and needs the user's confirmation. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API name of an operation: its operationId, else method and path (`get /pets/{id}`). */
function apiName(ctx: ImportContext, entry: OperationEntry): string {
  const operationId = stringAt(entry.operation, 'operationId');
  const fallback = `${entry.method} ${entry.path}`;
  if (operationId !== undefined && standardize(operationId) !== '') return operationId;
  const reason =
    operationId === undefined
      ? 'has no operationId'
      : `has an operationId ("${operationId}") with no usable characters`;
  ctx.problems.warning(
    `operation ${reason}; its tool is named from method and path: ${functionName(fallback, ctx.title)}`,
    where(ctx, entry.site),
  );
  return fallback;
}

/** The Tool for one operation, or undefined (with a warning saying why) when it cannot be built. */
export function buildTool(ctx: ImportContext, entry: OperationEntry): Tool | undefined {
  const location = where(ctx, entry.site);
  const name = functionName(apiName(ctx, entry), ctx.title);
  const inline = inlineContext(ctx.docs);
  const args = operationArguments(ctx, inline, entry);
  if (typeof args === 'string') {
    ctx.problems.warning(`operation not imported: ${args}`, location);
    return undefined;
  }
  const [unresolved] = inline.unresolved;
  if (unresolved !== undefined) {
    ctx.problems.warning(
      `operation not imported: its parameters or request body use the unresolvable $ref "${unresolved.ref}" (${where(ctx, unresolved.site)})`,
      location,
    );
    return undefined;
  }
  if (inline.cuts.length > 0) {
    ctx.problems.warning(
      `argument schemas were cut (${[...new Set(inline.cuts)].join('; ')}); see their $comment`,
      location,
    );
  }
  if (entry.operation.callbacks !== undefined) {
    ctx.problems.warning(
      'callbacks are not imported: they are requests the API sends, not calls to make',
      where(ctx, childSite(entry.site, 'callbacks')),
    );
  }
  const description = openApiFunction(
    stringAt(entry.operation, 'summary'),
    stringAt(entry.operation, 'description'),
  );
  const method = entry.method.toUpperCase();
  const http: HttpBinding = {
    method,
    path: entry.path,
    servers: operationServers(ctx, entry),
    parameters: args.parameters,
    security: operationSecurity(ctx, entry),
  };
  if (args.bodyContentType !== undefined) http.bodyContentType = args.bodyContentType;
  const errors = ctx.problems.errorsWithin(location).length;
  if (errors > 0) ctx.problems.warning(`imported despite ${errors} error(s) inside this operation`, location);
  return {
    name,
    description,
    parameters: args.schema,
    doc: openApiDoc(name, description, args.inputs),
    mutating: !SAFE_METHODS.has(method),
    api: ctx.title,
    http,
  };
}
