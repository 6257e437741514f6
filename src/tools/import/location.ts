import { ROOT_LOCATION } from './problems.ts';

/** One step into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/** A place in one file of a document set: the file's URL and the path inside it. */
export interface Site {
  url: string;
  path: readonly PathSegment[];
}

/** The site one or more steps below `site`. */
export function childSite(site: Site, ...segments: PathSegment[]): Site {
  return { url: site.url, path: [...site.path, ...segments] };
}

function plainKey(key: string): boolean {
  return key !== '' && !/[.[\]\s"]/.test(key);
}

/** A readable path: `paths./pets.get.parameters[0]`; odd keys quoted: `paths["/v1.0/pets"]`. */
export function dottedPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (!plainKey(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text === '' ? ROOT_LOCATION : text;
}

/** RFC 6901 JSON pointer of a path: `/paths/~1pets/get`. */
export function jsonPointer(path: readonly PathSegment[]): string {
  return path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Path segments of a URL fragment that is a JSON pointer (`#/a/b~1c`), or undefined if it is not one. */
export function parsePointer(fragment: string): string[] | undefined {
  let pointer = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    pointer = decodeURIComponent(pointer);
  } catch {
    return undefined;
  }
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The path segments of a JSON pointer given by a validator (`#/paths/~1pets`), numbers as numbers. */
export function pointerSegments(pointer: string, value: unknown): PathSegment[] {
  const tokens = parsePointer(pointer) ?? [];
  const segments: PathSegment[] = [];
  let current: unknown = value;
  for (const token of tokens) {
    if (Array.isArray(current) && /^\d+$/.test(token)) {
      segments.push(Number(token));
      current = current[Number(token)];
    } else {
      segments.push(token);
      current = typeof current === 'object' && current !== null ? Reflect.get(current, token) : undefined;
    }
  }
  return segments;
}

/** `to` relative to `from` when both are in the same place (`../common/Error.yaml`), else `to` itself. */
export function relativeUrl(to: string, from: string): string {
  let target: URL;
  let base: URL;
  try {
    target = new URL(to);
    base = new URL(from);
  } catch {
    return to;
  }
  if (target.protocol !== base.protocol || target.host !== base.host) return to;
  const targetParts = target.pathname.split('/');
  const baseDirs = base.pathname.split('/').slice(0, -1);
  let common = 0;
  while (
    common < baseDirs.length &&
    common < targetParts.length - 1 &&
    baseDirs[common] === targetParts[common]
  )
    common++;
  const ups = '../'.repeat(baseDirs.length - common);
  return decodedOrAsIs(`${ups}${targetParts.slice(common).join('/')}`);
}

/** Percent-escapes decoded for reading, or the text as is when they are malformed (a `$ref` of `%`). */
function decodedOrAsIs(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a site is, for a problem: a dotted path in the root file, `file.yaml#/pointer` in others. */
export function describeSite(site: Site, rootUrl: string): string {
  if (site.url === rootUrl) return dottedPath(site.path);
  return `${relativeUrl(site.url, rootUrl)}#${jsonPointer(site.path)}`;
}
