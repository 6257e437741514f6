import type { SecurityScheme } from '../tool.ts';
import type { PreparedRequest } from './build-request.ts';
import { base64Utf8, MASK } from './scrub.ts';

/** Where API credentials come from, by API and security scheme id; read at call time. */
export interface SecretsStore {
  get(api: string, schemeId: string): Promise<string | undefined>;
}

/** An in-memory secrets store that can also be changed (tests, the CLI, a session-only UI). */
export interface MemorySecrets extends SecretsStore {
  set(api: string, schemeId: string, value: string): void;
  delete(api: string, schemeId: string): void;
}

/** A secrets store over `{api: {schemeId: value}}`; HTTP Basic values are `user:password`. */
export function createMemorySecrets(
  entries: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): MemorySecrets {
  const values = new Map<string, Map<string, string>>();
  const store: MemorySecrets = {
    get: async (api, schemeId) => values.get(api)?.get(schemeId),
    set: (api, schemeId, value) => {
      const schemes = values.get(api) ?? new Map<string, string>();
      schemes.set(schemeId, value);
      values.set(api, schemes);
    },
    delete: (api, schemeId) => {
      values.get(api)?.delete(schemeId);
    },
  };
  for (const [api, schemes] of Object.entries(entries))
    for (const [schemeId, value] of Object.entries(schemes)) store.set(api, schemeId, value);
  return store;
}

/** A scheme with the secret value to send for it. */
export interface Credential {
  scheme: SecurityScheme;
  value: string;
}

/** The credentials of the first usable security alternative, or which secret the user must set. */
export type CredentialsResult =
  | { ok: true; credentials: Credential[]; secretValues: string[] }
  | { ok: false; error: string; secretValues: string[] };

/** How a scheme sends its secret, for messages. */
export function describeScheme(scheme: SecurityScheme): string {
  if (scheme.type === 'http') return scheme.scheme === 'bearer' ? 'bearer token' : 'HTTP Basic user:password';
  return `API key in ${scheme.in} ${scheme.name}`;
}

/** Reads the secrets of the security alternatives; picks the first whose schemes all have values. */
export async function resolveCredentials(
  store: SecretsStore | undefined,
  api: string,
  security: readonly (readonly SecurityScheme[])[],
  canSendCookies: boolean,
): Promise<CredentialsResult> {
  if (security.length === 0) return { ok: true, credentials: [], secretValues: [] };
  const values = new Map<string, string | undefined>();
  for (const scheme of security.flat()) {
    if (values.has(scheme.id)) continue;
    const value = store === undefined ? undefined : await store.get(api, scheme.id);
    values.set(scheme.id, value === '' ? undefined : value);
  }
  const secretValues = [...values.values()].filter((value): value is string => value !== undefined);
  const usable = (scheme: SecurityScheme) =>
    values.get(scheme.id) !== undefined &&
    (canSendCookies || scheme.type !== 'apiKey' || scheme.in !== 'cookie');
  const chosen = security.find((alternative) => alternative.length > 0 && alternative.every(usable));
  if (chosen !== undefined)
    return {
      ok: true,
      credentials: chosen.map((scheme) => ({ scheme, value: values.get(scheme.id) ?? '' })),
      secretValues,
    };
  if (security.some((alternative) => alternative.length === 0))
    return { ok: true, credentials: [], secretValues };
  const missing = (security[0] ?? []).filter((scheme) => !usable(scheme));
  const first = missing[0];
  if (first !== undefined && values.get(first.id) !== undefined)
    return {
      ok: false,
      error: `${api} needs a cookie credential (${first.id}), which a browser page cannot send`,
      secretValues,
    };
  const names = missing.map((scheme) => `"${scheme.id}" (${describeScheme(scheme)})`).join(' and ');
  return { ok: false, error: `Missing secret: set ${names} for ${api} in the tool settings`, secretValues };
}

/** Adds the credentials to the request; returns the URL to send and the same URL with secrets masked. */
export function applyCredentials(
  request: PreparedRequest,
  credentials: readonly Credential[],
): { url: URL; maskedUrl: URL } {
  const url = new URL(request.url.href);
  const maskedUrl = new URL(request.url.href);
  for (const { scheme, value } of credentials) {
    if (scheme.type === 'http') {
      const token = scheme.scheme === 'bearer' ? `Bearer ${value}` : `Basic ${base64Utf8(value)}`;
      request.headers.set('authorization', token);
    } else if (scheme.in === 'header') request.headers.set(scheme.name, value);
    else if (scheme.in === 'cookie') request.cookies.push([scheme.name, value]);
    else {
      const name = encodeURIComponent(scheme.name);
      url.search = `${url.search.slice(1)}${url.search === '' ? '' : '&'}${name}=${encodeURIComponent(value)}`;
      maskedUrl.search = `${maskedUrl.search.slice(1)}${maskedUrl.search === '' ? '' : '&'}${name}=${MASK}`;
    }
  }
  return { url, maskedUrl };
}
