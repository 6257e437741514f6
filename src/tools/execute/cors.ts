/** Why a cross-origin call failed in a browser, and what the API's owner must change. */
export function corsExplanation(targetOrigin: string, pageOrigin: string): string {
  return (
    `Could not reach ${targetOrigin}: the browser blocked the response (CORS). ` +
    `The API must send "Access-Control-Allow-Origin: ${pageOrigin}" (or *), ` +
    'or be served from the same origin as this page.'
  );
}

/** The message of an error and of its `cause` chain (Node puts the socket error in `cause`). */
function messageWithCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (message !== '' && !parts.includes(message)) parts.push(message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.length === 0
    ? 'unknown error'
    : `${parts[0]}${parts.length > 1 ? ` (${parts.slice(1).join(': ')})` : ''}`;
}

/**
 * The failure reason for a fetch that threw. Browsers report a CORS block as a bare `TypeError`
 * indistinguishable from other network failures, so a TypeError on a cross-origin URL is
 * explained as CORS; everything else is a network error with its message.
 */
export function describeFetchError(error: unknown, url: URL, pageOrigin: string | undefined): string {
  const crossOrigin =
    pageOrigin !== undefined && pageOrigin !== '' && pageOrigin !== 'null' && url.origin !== pageOrigin;
  if (error instanceof TypeError && crossOrigin) return corsExplanation(url.origin, pageOrigin);
  return `Network error: ${messageWithCauses(error)}`;
}
