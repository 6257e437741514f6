/** A server URL this API may be called at: http(s) only, with its base path ending in `/`. */
interface Server {
  url: URL;
  basePath: string;
}

/** Parses the spec's servers, keeping only absolute http(s) URLs without credentials. */
function parseServers(servers: readonly string[]): Server[] {
  const parsed: Server[] = [];
  for (const text of servers) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    if (url.username !== '' || url.password !== '') continue;
    parsed.push({ url, basePath: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/` });
  }
  return parsed;
}

/** The server to call: the first https one on an https page (no mixed content), else the first http(s) one. */
export function pickServer(servers: readonly string[], pageOrigin?: string): URL | undefined {
  const parsed = parseServers(servers);
  const secure = pageOrigin?.startsWith('https:') === true;
  const chosen =
    (secure ? parsed.find((server) => server.url.protocol === 'https:') : undefined) ?? parsed[0];
  return chosen?.url;
}

/** True when the URL lies under one of the servers: same origin and inside its base path. */
export function isUnderServers(url: URL, servers: readonly string[]): boolean {
  if (url.username !== '' || url.password !== '') return false;
  return parseServers(servers).some((server) => {
    if (server.url.origin !== url.origin) return false;
    const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    return path.startsWith(server.basePath);
  });
}

/** What a refusal names: the host of a URL, or the text itself when it is no URL. */
export function hostOf(target: URL | string): string {
  if (target instanceof URL) return target.host === '' ? target.href : target.host;
  try {
    return hostOf(new URL(target));
  } catch {
    return target === '' ? '(no server)' : target;
  }
}

/** The failure reason for a URL outside the API's servers. */
export function refusedReason(target: URL | string): string {
  return `Refused: ${hostOf(target)} is not a server of this API`;
}

/** Joins a server's base URL and an expanded path (`/v1` + `/cities/3` → `/v1/cities/3`). */
export function joinServerPath(server: URL, path: string): string {
  const base = server.href.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return `${base}/${path.replace(/^\/+/, '')}`;
}
