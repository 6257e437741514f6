import { type DocNode, isNode, stringAt } from './json-value.ts';
import { childSite, type Site } from './location.ts';
import { type ImportContext, type OperationEntry, where } from './openapi-context.ts';

/*
 * Base URLs of an operation, absolute and without a trailing slash (a call goes to server + path).
 * 3.x: the operation's `servers`, else its path item's, else the document's, else `/`; variables take
 * their defaults; relative URLs resolve against the document's own URL. 2.0: scheme(s) + host +
 * basePath, where missing schemes and host come from the document's URL. Only http(s) URLs are kept.
 */

function webBase(ctx: ImportContext): URL | undefined {
  try {
    const url = new URL(ctx.docs.rootUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function keep(url: URL, into: string[]): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  const text = url.href.replace(/\/+$/, '');
  if (!into.includes(text)) into.push(text);
}

function expandVariables(ctx: ImportContext, server: DocNode, site: Site): string | undefined {
  const template = stringAt(server, 'url');
  if (template === undefined) return undefined;
  const variables = isNode(server.variables) ? server.variables : {};
  let missing: string | undefined;
  const url = template.replace(/\{([^}]*)\}/g, (_, name: string) => {
    const variable = variables[name];
    const fallback = isNode(variable) ? variable.default : undefined;
    if (typeof fallback === 'string' || typeof fallback === 'number') return String(fallback);
    missing = name;
    return '';
  });
  if (missing === undefined) return url;
  ctx.problems.warning(
    `server variable "${missing}" has no default, so "${template}" is left out`,
    where(ctx, site),
  );
  return undefined;
}

function openApi3Servers(ctx: ImportContext, entry: OperationEntry): string[] {
  const candidates: [unknown, Site][] = [
    [entry.operation.servers, childSite(entry.site, 'servers')],
    [entry.pathItem.servers, childSite(entry.pathItemSite, 'servers')],
    [ctx.root.servers, { url: ctx.docs.rootUrl, path: ['servers'] }],
  ];
  const found = candidates.find(([value]) => Array.isArray(value) && value.length > 0);
  const [list, site] = found ?? [[{ url: '/' }], { url: ctx.docs.rootUrl, path: ['servers'] }];
  const base = webBase(ctx);
  const servers: string[] = [];
  for (const [index, server] of (list as unknown[]).entries()) {
    if (!isNode(server)) continue;
    const url = expandVariables(ctx, server, childSite(site, index));
    if (url === undefined) continue;
    try {
      keep(base === undefined ? new URL(url) : new URL(url, base), servers);
    } catch {
      ctx.problems.warning(
        `${found === undefined ? 'no "servers" given, and the default "/"' : `server "${url}"`} is relative to a document that was not loaded from a web address, so calls have no host to go to; give an absolute server URL`,
        where(ctx, found === undefined ? site : childSite(site, index)),
      );
    }
  }
  return servers;
}

function swagger2Servers(ctx: ImportContext, entry: OperationEntry): string[] {
  const base = webBase(ctx);
  const host = stringAt(ctx.root, 'host') ?? base?.host;
  if (host === undefined) {
    ctx.problems.warning(
      'no "host": calls need one, and the document was not loaded from a web address to take it from',
      where(ctx, { url: ctx.docs.rootUrl, path: ['host'] }),
    );
    return [];
  }
  const listed = [entry.operation.schemes, ctx.root.schemes].find(
    (value) => Array.isArray(value) && value.length > 0,
  );
  const schemes = Array.isArray(listed) ? listed.filter((item) => typeof item === 'string') : [];
  if (schemes.length === 0) schemes.push(base === undefined ? 'https' : base.protocol.slice(0, -1));
  const basePath = stringAt(ctx.root, 'basePath') ?? '/';
  const servers: string[] = [];
  for (const scheme of schemes) {
    try {
      keep(new URL(`${scheme}://${host}${basePath.startsWith('/') ? basePath : `/${basePath}`}`), servers);
    } catch {
      ctx.problems.warning(`cannot build a server URL from "${scheme}://${host}${basePath}"`, 'host');
    }
  }
  return servers;
}

/** The absolute base URLs calls of this operation may go to. */
export function operationServers(ctx: ImportContext, entry: OperationEntry): string[] {
  return ctx.version === '2.0' ? swagger2Servers(ctx, entry) : openApi3Servers(ctx, entry);
}
