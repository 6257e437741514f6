import $RefParser, { type FileInfo, type ParserOptions } from '@apidevtools/json-schema-ref-parser';
import { fileName, type ImportWorld, INLINE_DOCUMENT_URL, readDocument } from './import-world.ts';
import { childSite, parsePointer, relativeUrl, type Site } from './location.ts';
import { parseDocumentOrThrow } from './parse-document.ts';

/*
 * json-schema-ref-parser finds and loads every file the document's `$ref`s name (relative to the file
 * they appear in), through resolvers that call the injected world, and parses them with our parser.
 * Following a `$ref` is done here, step by step, so that every value keeps the site it came from:
 * problems then name the file and pointer, and relative `$ref`s inside other files resolve correctly.
 */

/** The result of following `$ref`s: the value and its site, or why it cannot be reached. */
export type RefOutcome = { ok: true; value: unknown; site: Site } | { ok: false; reason: string };

/** The root document and every file its `$ref`s reach, loaded. */
export interface DocumentSet {
  rootUrl: string;
  root: unknown;
  /** Follows `$ref` chains from `node` (found at `site`) to a value that is not a reference. */
  follow(node: unknown, site: Site): RefOutcome;
  /** Every file that loaded, root first, for walks over the whole set. */
  files(): Array<{ url: string; value: unknown }>;
}

/** True for a JSON Reference object `{"$ref": "..."}` (other keys may sit beside it). */
export function isReference(node: unknown): node is { $ref: string } {
  return typeof node === 'object' && node !== null && typeof (node as { $ref?: unknown }).$ref === 'string';
}

/** Scheme of documents given as text without a URL; reading from it fails with a clear reason. */
const INLINE_SCHEME = INLINE_DOCUMENT_URL.slice(0, INLINE_DOCUMENT_URL.indexOf(':') + 1);

function dataText(data: FileInfo['data']): string {
  return typeof data === 'string' ? data : new TextDecoder().decode(data);
}

function parserOptions(world: ImportWorld): ParserOptions {
  const read = (file: FileInfo) => readDocument(file.url, world);
  return {
    continueOnError: true,
    resolve: {
      external: true,
      file: false,
      http: false,
      worldFile: { order: 1, canRead: (file: FileInfo) => file.url.startsWith('file:'), read },
      worldHttp: { order: 2, canRead: (file: FileInfo) => /^https?:/.test(file.url), read },
      inline: { order: 3, canRead: (file: FileInfo) => file.url.startsWith(INLINE_SCHEME), read },
    },
    parse: {
      json: false,
      yaml: false,
      text: false,
      binary: false,
      document: {
        order: 1,
        canParse: true,
        parse: (file: FileInfo) => parseDocumentOrThrow(dataText(file.data), fileName(file.url)),
      },
    },
  };
}

function stepInto(value: unknown, token: string): unknown {
  if (Array.isArray(value)) return /^\d+$/.test(token) ? value[Number(token)] : undefined;
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, token))
    return Reflect.get(value, token);
  return undefined;
}

/** Loads every file reachable through `$ref`s from `root`; unreadable files surface when followed. */
export async function loadDocumentSet(
  root: unknown,
  rootUrl: string,
  world: ImportWorld,
): Promise<DocumentSet> {
  const parser = new $RefParser();
  try {
    await parser.resolve(rootUrl, root as object, parserOptions(world));
  } catch {
    // With continueOnError, failures are kept per file and reported when a $ref reaches them.
  }
  const fileValue = (url: string): { value: unknown } | { reason: string } => {
    if (url === rootUrl) return { value: root };
    try {
      return { value: parser.$refs.get(url) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { reason: `cannot read ${relativeUrl(url, rootUrl)}: ${message}` };
    }
  };

  const follow = (node: unknown, site: Site, seen: Set<string>): RefOutcome => {
    let value = node;
    let at = site;
    while (isReference(value)) {
      let target: URL;
      try {
        target = new URL(value.$ref, at.url);
      } catch {
        return { ok: false, reason: 'it is not a valid URI reference' };
      }
      if (seen.has(target.href)) return { ok: false, reason: 'the $ref chain is circular' };
      seen.add(target.href);
      const url = target.href.replace(/#.*$/s, '');
      const file = fileValue(url);
      if ('reason' in file) return { ok: false, reason: file.reason };
      const tokens = parsePointer(target.hash);
      if (tokens === undefined) return { ok: false, reason: `"${target.hash}" is not a JSON pointer` };
      let current: unknown = file.value;
      let currentSite: Site = { url, path: [] };
      for (const token of tokens) {
        if (isReference(current)) {
          const inner = follow(current, currentSite, seen);
          if (!inner.ok) return inner;
          current = inner.value;
          currentSite = inner.site;
        }
        const next = stepInto(current, token);
        if (next === undefined) {
          return { ok: false, reason: `"${token}" does not exist in ${relativeUrl(url, rootUrl)}` };
        }
        currentSite = childSite(currentSite, Array.isArray(current) ? Number(token) : token);
        current = next;
      }
      value = current;
      at = currentSite;
    }
    return { ok: true, value, site: at };
  };

  return {
    rootUrl,
    root,
    follow: (node, site) => follow(node, site, new Set()),
    files: () => {
      const files = [{ url: rootUrl, value: root }];
      for (const [url, value] of Object.entries(parser.$refs.values() as Record<string, unknown>)) {
        if (url !== rootUrl && !(value instanceof Error) && value !== undefined) files.push({ url, value });
      }
      return files;
    },
  };
}
