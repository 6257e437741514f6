import { describe, expect, it } from 'vitest';
import { isStaleConnection, retryingFetch } from './retrying-fetch.ts';

/** fetch's own failure for a connection closed under the request. */
function reset(code = 'ECONNRESET'): TypeError {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('read'), { code }) });
}

describe('retryingFetch', () => {
  it('sends a request once more when its kept-alive connection had just been closed', async () => {
    const calls: string[] = [];
    const base = async (input: string | URL | Request) => {
      calls.push(String(input));
      if (calls.length === 1) throw reset();
      return new Response('ok');
    };
    const response = await retryingFetch(base as typeof fetch)('http://127.0.0.1:1/x', { method: 'POST' });
    expect(await response.text()).toBe('ok');
    expect(calls).toEqual(['http://127.0.0.1:1/x', 'http://127.0.0.1:1/x']);
  });

  it('gives up after the second failure, and never retries other errors or aborted requests', async () => {
    let calls = 0;
    const failing = (error: unknown) =>
      (async () => {
        calls++;
        throw error;
      }) as unknown as typeof fetch;
    await expect(retryingFetch(failing(reset()))('http://x/')).rejects.toThrow('fetch failed');
    expect(calls).toBe(2);
    calls = 0;
    await expect(retryingFetch(failing(reset('ECONNREFUSED')))('http://x/')).rejects.toThrow();
    expect(calls).toBe(1);
    calls = 0;
    const signal = AbortSignal.abort();
    await expect(retryingFetch(failing(reset()))('http://x/', { signal })).rejects.toThrow();
    expect(calls).toBe(1);
  });
});

describe('isStaleConnection', () => {
  it('recognises resets and closed sockets, not refused connections or other errors', () => {
    expect(isStaleConnection(reset())).toBe(true);
    expect(isStaleConnection(reset('UND_ERR_SOCKET'))).toBe(true);
    expect(isStaleConnection(reset('ECONNREFUSED'))).toBe(false);
    expect(isStaleConnection(new Error('fetch failed'))).toBe(false);
  });
});
