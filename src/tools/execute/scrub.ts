import type { JsonValue } from '../../agent/json.ts';

/** What a secret is replaced with wherever it would show (URLs, bodies, messages). */
export const MASK = '***';

/** Base64 of the UTF-8 bytes of a text (as HTTP Basic credentials are sent). */
export function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The forms a secret may come back in: as is, URL-encoded, form-encoded, JSON-escaped, Base64. */
export function secretVariants(secret: string): string[] {
  const variants = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    base64Utf8(secret),
  ]);
  // `user:password` (HTTP Basic): the password alone is secret too; very short ones would mask noise.
  const colon = secret.indexOf(':');
  if (colon >= 0 && secret.length - colon - 1 >= 4) variants.add(secret.slice(colon + 1));
  return [...variants].filter((variant) => variant !== '');
}

/** Removes secret values from texts and JSON values before they reach results, observations or errors. */
export interface Scrubber {
  text(text: string): string;
  json(value: JsonValue): JsonValue;
}

/** A scrubber for the given secret values (longest forms replaced first). */
export function createScrubber(secrets: readonly string[]): Scrubber {
  const forms = [...new Set(secrets.filter((secret) => secret !== '').flatMap(secretVariants))].sort(
    (a, b) => b.length - a.length,
  );
  const text = (input: string): string => {
    let output = input;
    for (const form of forms) if (output.includes(form)) output = output.split(form).join(MASK);
    return output;
  };
  const json = (value: JsonValue): JsonValue => {
    if (forms.length === 0) return value;
    if (typeof value === 'string') return text(value);
    if (typeof value === 'number') return forms.includes(String(value)) ? MASK : value;
    if (Array.isArray(value)) return value.map(json);
    if (value === null || typeof value !== 'object') return value;
    const object: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) object[text(key)] = json(item);
    return object;
  };
  return { text, json };
}
