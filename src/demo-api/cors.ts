/**
 * CORS headers on every demo API answer (faults aside): any origin may call it, with the headers an
 * API key or token needs; `Cross-Origin-Resource-Policy` lets cross-origin-isolated (COEP) pages read it.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, x-api-key',
  'access-control-max-age': '600',
  'cross-origin-resource-policy': 'cross-origin',
};

/** `headers` plus the CORS headers, unless `cors` is false (the `no-cors` fault). */
export function withCors(headers: Record<string, string>, cors = true): Record<string, string> {
  return cors ? { ...headers, ...CORS_HEADERS } : headers;
}
