import { describe, expect, it } from 'vitest';
import { describeFetchError } from './cors.ts';
import { isUnderServers, joinServerPath, pickServer, refusedReason } from './servers.ts';

describe('servers', () => {
  it('prefers an https server on an https page and skips servers that are not http(s)', () => {
    const servers = ['ws://a.example', 'http://a.example/v1', 'https://b.example/v1'];
    expect(pickServer(servers, 'https://app.example')?.href).toBe('https://b.example/v1');
    expect(pickServer(servers, undefined)?.href).toBe('http://a.example/v1');
    expect(pickServer(['/relative', 'javascript:alert(1)'], undefined)).toBeUndefined();
  });

  it('allows URLs inside a server base path only', () => {
    const servers = ['https://api.example.com/v1'];
    expect(isUnderServers(new URL('https://api.example.com/v1'), servers)).toBe(true);
    expect(isUnderServers(new URL('https://api.example.com/v1/x?y=1'), servers)).toBe(true);
    expect(isUnderServers(new URL('https://api.example.com/v10/x'), servers)).toBe(false);
    expect(isUnderServers(new URL('https://api.example.com.evil.io/v1/x'), servers)).toBe(false);
    expect(isUnderServers(new URL('http://api.example.com/v1/x'), servers)).toBe(false);
    expect(isUnderServers(new URL('https://u:p@api.example.com/v1/x'), servers)).toBe(false);
  });

  it('joins base and path with exactly one slash', () => {
    expect(joinServerPath(new URL('https://a.example/v1/'), '/x')).toBe('https://a.example/v1/x');
    expect(joinServerPath(new URL('https://a.example'), 'x')).toBe('https://a.example/x');
  });

  it('names the host it refuses', () => {
    expect(refusedReason('https://evil.example:8443/x')).toBe(
      'Refused: evil.example:8443 is not a server of this API',
    );
  });
});

describe('describeFetchError', () => {
  const url = new URL('https://api.example.com/x');

  it('explains a TypeError as CORS only for a cross-origin URL', () => {
    expect(describeFetchError(new TypeError('Failed to fetch'), url, 'https://app.example')).toMatch(
      /^Could not reach https:\/\/api\.example\.com: the browser blocked the response \(CORS\)/,
    );
    expect(describeFetchError(new TypeError('Failed to fetch'), url, 'https://api.example.com')).toBe(
      'Network error: Failed to fetch',
    );
    expect(describeFetchError(new TypeError('fetch failed'), url, undefined)).toBe(
      'Network error: fetch failed',
    );
  });
});
