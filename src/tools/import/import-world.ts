/** How an importer reaches files and URLs; injected so the same code runs in Node.js and in the page. */
export interface ImportWorld {
  /** Fetches `http:`/`https:` documents (in the page: `window.fetch`). */
  fetch?: typeof fetch;
  /** Reads a `file:` document, given its decoded path (`/specs/api.yaml`). */
  readFile?: (path: string) => Promise<string>;
}

/** Base URL of a document given as text without a URL; external `$ref`s cannot be read from it. */
export const INLINE_DOCUMENT_URL = 'umi-inline:///document';

/** True for a URL with a scheme (`https:`, `file:`); a one-letter scheme is a Windows drive, not a URL. */
function hasScheme(text: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(text);
}

/** The document URL for a URL or an absolute file path (`/a/b.yaml`, `C:\a\b.yaml` → `file:` URL). */
export function toDocumentUrl(pathOrUrl: string): string | undefined {
  if (hasScheme(pathOrUrl)) {
    try {
      return new URL(pathOrUrl).href;
    } catch {
      return undefined;
    }
  }
  const slashed = pathOrUrl.replaceAll('\\', '/');
  if (slashed.startsWith('/')) return new URL(`file://${encodeURI(slashed)}`).href;
  if (/^[a-z]:\//i.test(slashed)) return new URL(`file:///${encodeURI(slashed)}`).href;
  return undefined;
}

/** The decoded file-system path of a `file:` URL (`file:///C:/x` → `C:/x`). */
export function filePath(fileUrl: string): string {
  const path = decodeURIComponent(new URL(fileUrl).pathname);
  return /^\/[a-z]:\//i.test(path) ? path.slice(1) : path;
}

/** The last path segment of a URL, for messages (`swagger.yaml`); `document` for inline text. */
export function fileName(url: string): string {
  if (url === INLINE_DOCUMENT_URL) return 'document';
  try {
    const name = decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '');
    return name === '' ? url : name;
  } catch {
    return url;
  }
}

/** Reads a document's text through the world: `file:` via readFile, `http(s):` via fetch. */
export async function readDocument(url: string, world: ImportWorld): Promise<string> {
  const protocol = url.slice(0, url.indexOf(':') + 1);
  if (protocol === 'file:') {
    const readFile = world.readFile;
    if (readFile === undefined) throw new Error('reading files is not available here');
    return await readFile(filePath(url));
  }
  if (protocol === 'http:' || protocol === 'https:') {
    const fetchUrl = world.fetch;
    if (fetchUrl === undefined) throw new Error('fetching URLs is not available here');
    const response = await fetchUrl(url);
    if (!response.ok)
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    return await response.text();
  }
  if (url.startsWith(INLINE_DOCUMENT_URL.slice(0, INLINE_DOCUMENT_URL.indexOf(':') + 1))) {
    throw new Error('the document was given as text without a URL, so relative files cannot be found');
  }
  throw new Error(`cannot read ${protocol} URLs`);
}
