import { describe, expect, it } from 'vitest';
import { withDemoServer } from './demo-test-client.ts';

const api = withDemoServer();

describe('CORS on the demo API', () => {
  it('answers a preflight with the allowed methods and headers and no body', async () => {
    const preflight = await api.call('/todos', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-api-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.text).toBe('');
    expect(Object.fromEntries(preflight.headers)).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-allow-headers': 'content-type, authorization, x-api-key',
      'access-control-max-age': '600',
      'cross-origin-resource-policy': 'cross-origin',
    });
  });

  it('lets any origin read answers, errors and the document, also from COEP pages', async () => {
    for (const path of [
      '/openapi.json',
      '/cities?name=Oslo',
      '/weather/9999',
      '/cities?limit=0',
      '/nowhere',
    ]) {
      const response = await api.call(path, { headers: { origin: 'http://app.test' } });
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(response.headers.get('cross-origin-resource-policy'), path).toBe('cross-origin');
      expect(response.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
    }
  });

  it('does not count a preflight as a call', async () => {
    await api.call('/todos', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } });
    expect((await api.call('/_control/stats')).body).toEqual({});
  });
});
