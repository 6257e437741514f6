/** Socket errors that mean a kept-alive connection was closed by the server before the request was read. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/** True for fetch's network failure whose cause is a connection closed under it. */
export function isStaleConnection(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' && STALE_CONNECTION.has(cause.code);
}

/**
 * A fetch that sends a request once more when the kept-alive connection it went out on had just
 * been closed by the server (Node's server closes idle connections after 5 s, and a request can
 * race that close). Only for servers known to close that way, such as the in-process demo API.
 */
export function retryingFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (error) {
      if (!isStaleConnection(error) || init?.signal?.aborted === true) throw error;
      return await base(input, init);
    }
  };
}
