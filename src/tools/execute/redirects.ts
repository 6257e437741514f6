import { isUnderServers } from './servers.ts';

/** How many redirects one call follows (browsers allow 20; an API needs one or two). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A response to read, or why the call stopped at a redirect (with the redirect's status when known). */
export type SentWithinServers = { response: Response } | { refused: string; status?: number };

/** The reason for a redirect whose target fetch hides (a browser's `opaqueredirect`). */
export const HIDDEN_REDIRECT =
  'Refused: the API answered with a redirect whose target the browser hides, so it cannot be ' +
  "checked against this API's servers; list the final URL in the document's servers";

/**
 * Sends the request without letting fetch follow redirects, and follows them itself only to URLs
 * under `servers` (as fetch would: 303, and 301/302 after a POST, go on as GET without a body), so
 * an API's redirect — an open one the model wrote a URL into — never takes a call to another host.
 */
export async function fetchWithinServers(
  fetchFn: typeof fetch,
  url: URL,
  init: RequestInit,
  servers: readonly string[],
): Promise<SentWithinServers> {
  let current = url;
  let request: RequestInit = { ...init, redirect: 'manual' };
  for (let hops = 0; ; hops++) {
    const response = await fetchFn(current.href, request);
    if (response.type === 'opaqueredirect') return { refused: HIDDEN_REDIRECT };
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return { response };
    await response.body?.cancel();
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return {
        refused: `Refused: the API redirected to "${location}", which is no URL`,
        status: response.status,
      };
    }
    if (!isUnderServers(next, servers)) {
      const target = `${next.origin}${next.pathname}`;
      return {
        refused: `Refused: the API redirected to ${target}, outside the servers of this API`,
        status: response.status,
      };
    }
    if (hops === MAX_REDIRECTS)
      return { refused: `Refused: more than ${MAX_REDIRECTS} redirects`, status: response.status };
    request = redirectedInit(response.status, request);
    current = next;
  }
}

/** The next request of a redirect: GET without a body after a 303, or a 301/302 answering a POST. */
function redirectedInit(status: number, init: RequestInit): RequestInit {
  const method = (init.method ?? 'GET').toUpperCase();
  const becomesGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  if (!becomesGet) return init;
  const headers = new Headers(init.headers);
  for (const name of [
    'content-type',
    'content-length',
    'content-encoding',
    'content-language',
    'content-location',
  ])
    headers.delete(name);
  const { body: _body, ...rest } = init;
  return { ...rest, method: 'GET', headers };
}
