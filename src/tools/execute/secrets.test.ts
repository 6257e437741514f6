import { describe, expect, it } from 'vitest';
import type { SecurityScheme } from '../tool.ts';
import type { PreparedRequest } from './build-request.ts';
import { createScrubber } from './scrub.ts';
import { applyCredentials, createMemorySecrets, resolveCredentials } from './secrets.ts';

const header: SecurityScheme = { id: 'key', type: 'apiKey', in: 'header', name: 'X-Key' };
const basic: SecurityScheme = { id: 'login', type: 'http', scheme: 'basic' };
const cookie: SecurityScheme = { id: 'sess', type: 'apiKey', in: 'cookie', name: 'sid' };

function request(): PreparedRequest {
  return { method: 'GET', url: new URL('https://a.example/x?q=1'), headers: new Headers(), cookies: [] };
}

describe('resolveCredentials', () => {
  it('picks the first alternative whose secrets are all set', async () => {
    const store = createMemorySecrets({ API: { login: 'ann:pa55word' } });
    const result = await resolveCredentials(store, 'API', [[header], [basic]], true);
    expect(result).toMatchObject({ ok: true, credentials: [{ scheme: basic, value: 'ann:pa55word' }] });
  });

  it('treats an empty alternative as optional authentication', async () => {
    const result = await resolveCredentials(createMemorySecrets(), 'API', [[header], []], true);
    expect(result).toMatchObject({ ok: true, credentials: [] });
  });

  it('names the missing secret, and a cookie credential a browser cannot send', async () => {
    expect(await resolveCredentials(undefined, 'API', [[header]], true)).toMatchObject({
      ok: false,
      error: 'Missing secret: set "key" (API key in header X-Key) for API in the tool settings',
    });
    const store = createMemorySecrets({ API: { sess: 'c00kie' } });
    expect(await resolveCredentials(store, 'API', [[cookie]], false)).toMatchObject({
      ok: false,
      error: 'API needs a cookie credential (sess), which a browser page cannot send',
    });
  });
});

describe('applyCredentials', () => {
  it('sends Basic as Base64 of user:password and masks query keys in the shown URL', () => {
    const prepared = request();
    const query: SecurityScheme = { id: 'k', type: 'apiKey', in: 'query', name: 'key' };
    const { url, maskedUrl } = applyCredentials(prepared, [
      { scheme: basic, value: 'ann:pa55word' },
      { scheme: query, value: 'v a/l' },
    ]);
    expect(prepared.headers.get('authorization')).toBe(`Basic ${btoa('ann:pa55word')}`);
    expect(url.href).toBe('https://a.example/x?q=1&key=v%20a%2Fl');
    expect(maskedUrl.href).toBe('https://a.example/x?q=1&key=***');
  });
});

describe('createScrubber', () => {
  it('masks a secret in its raw, URL-encoded, JSON-escaped and Base64 forms, and a Basic password', () => {
    const scrub = createScrubber(['ann:pa/55"word']);
    expect(
      scrub.text(`a ann:pa/55"word b ${encodeURIComponent('ann:pa/55"word')} c ${btoa('ann:pa/55"word')}`),
    ).toBe('a *** b *** c ***');
    expect(scrub.text('password pa/55"word')).toBe('password ***');
    expect(scrub.json({ 'ann:pa/55"word': ['x pa/55"word'] })).toEqual({ '***': ['x ***'] });
  });

  it('masks a numeric secret that comes back as a JSON number', () => {
    expect(createScrubber(['123456']).json({ pin: 123456, other: 7 })).toEqual({ pin: '***', other: 7 });
  });
});
