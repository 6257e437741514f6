import { isNode } from './json-value.ts';
import { childSite, type Site } from './location.ts';
import { type ImportContext, type OperationEntry, where } from './openapi-context.ts';

/** HTTP methods a path item can hold (`trace` only from 3.0 on), in the order tools are listed. */
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation under `paths`, path items behind `$ref`s followed; unreadable path items reported. */
export function listOperations(ctx: ImportContext): OperationEntry[] {
  const paths = ctx.root.paths;
  if (!isNode(paths)) return [];
  const entries: OperationEntry[] = [];
  const pathsSite: Site = { url: ctx.docs.rootUrl, path: ['paths'] };
  for (const [path, value] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const itemSite = childSite(pathsSite, path);
    const outcome = ctx.docs.follow(value, itemSite);
    if (!outcome.ok) {
      ctx.problems.warning(
        `path "${path}" is not imported: its $ref cannot be resolved`,
        where(ctx, itemSite),
      );
      continue;
    }
    const pathItem = outcome.value;
    if (!isNode(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isNode(operation)) continue;
      if (method === 'trace' && ctx.version === '2.0') continue;
      entries.push({
        path,
        method,
        operation,
        pathItem,
        site: childSite(outcome.site, method),
        pathItemSite: outcome.site,
      });
    }
  }
  return entries;
}
