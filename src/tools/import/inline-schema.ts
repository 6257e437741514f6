import { isJsonObject, type JsonObject, type JsonValue } from '../../agent/json.ts';
import { toJsonValue } from './json-value.ts';
import { childSite, type Site } from './location.ts';
import { type DocumentSet, isReference } from './resolve-refs.ts';

/*
 * Turns a schema with `$ref`s (possibly recursive, possibly across files) into plain JSON that a Tool can
 * carry: every `$ref` is replaced by its target (keys beside the `$ref` are kept on top), a `$ref` that
 * is already being expanded on the current branch is cut with a `$comment` note instead of looping,
 * and very deep or very large schemas are cut the same way.
 */

/** Deepest object nesting kept (a schema level is two: `properties` and the property's schema). */
export const MAX_SCHEMA_DEPTH = 24;
/** Most objects kept per tool, across all its schemas. */
export const MAX_SCHEMA_NODES = 5000;

/** Keywords whose values are data, copied as they are. */
const LITERAL_KEYWORDS = new Set(['example', 'examples', 'default', 'enum', 'const']);
/** Keywords whose values map names to schemas (the names are not keywords). */
const NAMED_SCHEMAS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependentSchemas',
]);

/** A `$ref` that could not be followed while inlining. */
export interface UnresolvedRef {
  ref: string;
  site: Site;
  reason: string;
}

/** State shared by the inlining of one tool's schemas. */
export interface InlineContext {
  docs: DocumentSet;
  nodesLeft: number;
  /** Notes about cuts (recursion, depth, size), for a warning. */
  cuts: string[];
  unresolved: UnresolvedRef[];
}

/** A fresh context for one tool. */
export function inlineContext(docs: DocumentSet): InlineContext {
  return { docs, nodesLeft: MAX_SCHEMA_NODES, cuts: [], unresolved: [] };
}

function refKey(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function inline(
  node: unknown,
  site: Site,
  stack: readonly string[],
  depth: number,
  ctx: InlineContext,
  names = false,
): JsonValue {
  if (Array.isArray(node))
    return node.map((item, index) => inline(item, childSite(site, index), stack, depth, ctx));
  if (typeof node !== 'object' || node === null) return toJsonValue(node);
  if (!names && isReference(node)) {
    const key = refKey(node.$ref, site.url);
    if (stack.includes(key)) {
      ctx.cuts.push(`recursive $ref "${node.$ref}"`);
      return { $comment: `recursive $ref "${node.$ref}" not expanded again` };
    }
    const outcome = ctx.docs.follow(node, site);
    if (!outcome.ok) {
      ctx.unresolved.push({ ref: node.$ref, site, reason: outcome.reason });
      return { $comment: `unresolved $ref "${node.$ref}"` };
    }
    const target = inline(outcome.value, outcome.site, [...stack, key], depth, ctx);
    const { $ref: _ref, ...siblings } = node as Record<string, unknown>;
    const extra = inline(siblings, site, stack, depth, ctx);
    return isJsonObject(target) && isJsonObject(extra) ? { ...target, ...extra } : target;
  }
  ctx.nodesLeft--;
  if (depth >= MAX_SCHEMA_DEPTH || ctx.nodesLeft < 0) {
    const reason = depth >= MAX_SCHEMA_DEPTH ? `depth ${MAX_SCHEMA_DEPTH}` : `${MAX_SCHEMA_NODES} objects`;
    ctx.cuts.push(`schema cut at ${reason}`);
    return { $comment: `schema cut at ${reason}` };
  }
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined) continue;
    const literal = !names && (LITERAL_KEYWORDS.has(key) || key.startsWith('x-'));
    copy[key] = literal
      ? toJsonValue(value)
      : inline(value, childSite(site, key), stack, depth + 1, ctx, !names && NAMED_SCHEMAS.has(key));
  }
  return copy;
}

/** The schema at `site` as plain JSON with every `$ref` expanded (recursion cut, see above). */
export function inlineSchema(node: unknown, site: Site, ctx: InlineContext): JsonObject {
  const value = inline(node, site, [], 0, ctx);
  if (isJsonObject(value)) return value;
  return typeof value === 'boolean' && value ? {} : { $comment: 'not a schema object' };
}
