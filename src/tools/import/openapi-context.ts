import type { SecurityScheme } from '../tool.ts';
import { type DocNode, isNode } from './json-value.ts';
import { describeSite, type Site } from './location.ts';
import type { OpenApiVersion } from './openapi-version.ts';
import type { ProblemList } from './problems.ts';
import type { DocumentSet } from './resolve-refs.ts';

/** The security schemes of a document by name: a scheme umi can apply, or why it cannot. */
export type SchemeTable = Map<string, SecurityScheme | { unsupported: string }>;

/** Everything the per-operation builders share for one document. */
export interface ImportContext {
  version: OpenApiVersion;
  root: DocNode;
  docs: DocumentSet;
  problems: ProblemList;
  /** The API's title (`info.title`). */
  title: string;
  schemes: SchemeTable;
}

/** One operation of the document and where it sits. */
export interface OperationEntry {
  path: string;
  /** Lower-case, as written in the document: get, post, … */
  method: string;
  operation: DocNode;
  pathItem: DocNode;
  site: Site;
  pathItemSite: Site;
}

/** Where a site is, for a problem (dotted in the root file, `file#/pointer` elsewhere). */
export function where(ctx: ImportContext, site: Site): string {
  return describeSite(site, ctx.docs.rootUrl);
}

/** Follows `$ref`s from a node; on failure records an error at the node's site and returns undefined. */
export function followOrReport(
  ctx: ImportContext,
  node: unknown,
  site: Site,
): { value: unknown; site: Site } | undefined {
  const outcome = ctx.docs.follow(node, site);
  if (outcome.ok) return { value: outcome.value, site: outcome.site };
  const ref = isNode(node) && typeof node.$ref === 'string' ? node.$ref : '';
  ctx.problems.error(`unresolvable $ref "${ref}": ${outcome.reason}`, where(ctx, site));
  return undefined;
}
