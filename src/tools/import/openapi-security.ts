import type { SecurityScheme } from '../tool.ts';
import { type DocNode, isNode, stringAt } from './json-value.ts';
import { childSite, type Site } from './location.ts';
import {
  followOrReport,
  type ImportContext,
  type OperationEntry,
  type SchemeTable,
  where,
} from './openapi-context.ts';

/*
 * Security schemes umi can apply: API keys (header, query or cookie) and HTTP bearer or basic auth.
 * OAuth2, OpenID Connect, mutual TLS and other HTTP schemes are recorded as unsupported; an operation
 * alternative that needs one is left out with a warning.
 */

function toScheme(id: string, definition: DocNode): SecurityScheme | { unsupported: string } {
  const type = stringAt(definition, 'type');
  if (type === 'apiKey') {
    const location = stringAt(definition, 'in');
    const name = stringAt(definition, 'name');
    if ((location === 'header' || location === 'query' || location === 'cookie') && name !== undefined) {
      return { id, type: 'apiKey', in: location, name };
    }
    return { unsupported: 'an apiKey scheme without a valid "in" and "name"' };
  }
  if (type === 'basic') return { id, type: 'http', scheme: 'basic' };
  if (type === 'http') {
    const scheme = stringAt(definition, 'scheme')?.toLowerCase();
    if (scheme === 'bearer' || scheme === 'basic') return { id, type: 'http', scheme };
    return { unsupported: `HTTP "${stringAt(definition, 'scheme') ?? ''}" authentication` };
  }
  return { unsupported: `"${type ?? 'unknown'}" authentication` };
}

/** The document's security schemes (2.0 `securityDefinitions`, 3.x `components.securitySchemes`). */
export function securitySchemeTable(ctx: ImportContext): SchemeTable {
  const table: SchemeTable = new Map();
  const components = isNode(ctx.root.components) ? ctx.root.components : {};
  const definitions = ctx.version === '2.0' ? ctx.root.securityDefinitions : components.securitySchemes;
  if (!isNode(definitions)) return table;
  const base: Site = {
    url: ctx.docs.rootUrl,
    path: ctx.version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'],
  };
  for (const [id, value] of Object.entries(definitions)) {
    const followed = followOrReport(ctx, value, childSite(base, id));
    if (followed === undefined) table.set(id, { unsupported: 'a scheme whose $ref cannot be resolved' });
    else if (isNode(followed.value)) table.set(id, toScheme(id, followed.value));
  }
  return table;
}

/** Alternatives of schemes for an operation: its own `security`, else the document's; `{}` means none needed. */
export function operationSecurity(ctx: ImportContext, entry: OperationEntry): SecurityScheme[][] {
  const own = entry.operation.security;
  const requirements = Array.isArray(own) ? own : ctx.root.security;
  if (!Array.isArray(requirements)) return [];
  const base: Site = Array.isArray(own)
    ? childSite(entry.site, 'security')
    : { url: ctx.docs.rootUrl, path: ['security'] };
  const alternatives: SecurityScheme[][] = [];
  for (const [index, requirement] of requirements.entries()) {
    if (!isNode(requirement)) continue;
    const site = childSite(base, index);
    const schemes: SecurityScheme[] = [];
    let usable = true;
    for (const id of Object.keys(requirement)) {
      const scheme = ctx.schemes.get(id);
      if (scheme === undefined) {
        ctx.problems.warning(
          `security requirement names "${id}", which is not a defined security scheme`,
          where(ctx, site),
        );
        usable = false;
      } else if ('unsupported' in scheme) {
        ctx.problems.warning(
          `security scheme "${id}" uses ${scheme.unsupported}, which umi cannot apply`,
          where(ctx, site),
        );
        usable = false;
      } else {
        schemes.push(scheme);
      }
    }
    if (usable) alternatives.push(schemes);
  }
  if (alternatives.length === 0 && requirements.length > 0) {
    ctx.problems.warning(
      'none of the security alternatives can be applied, so calls are sent without credentials',
      where(ctx, entry.site),
    );
  }
  return alternatives;
}
