import { describe, expect, it } from 'vitest';
import { withDemoServer } from './demo-test-client.ts';

const api = withDemoServer();
const post = (path: string, body: unknown) => api.call(path, { method: 'POST', body: JSON.stringify(body) });

const QUIRINAL = { code: 'QZX', names: ['Quirinal florin'], usd_rate: 12.5 };
const BRAKOVIA = {
  code: 'XQ',
  name: 'Brakovia',
  capital: 'Dulmoth',
  currency: 'QZX',
  population: 2_340_000,
  languages: ['Brakovian', 'French'],
};

describe('countries and currencies added through the control endpoint', () => {
  it('converts to and from an added currency by code or name, singular or plural', async () => {
    expect(await post('/_control/currencies', [QUIRINAL])).toMatchObject({
      status: 200,
      body: { currencies: 1 },
    });
    expect((await api.call('/convert?source=USD&target=QZX&amount=2')).body).toEqual({
      source: 'USD',
      target: 'QZX',
      amount: 2,
      rate: 12.5,
      result: 25,
    });
    expect((await api.call('/convert?source=quirinal%20florins&target=usd&amount=25')).body).toEqual({
      source: 'QZX',
      target: 'USD',
      amount: 25,
      rate: 0.08,
      result: 2,
    });
    const unknown = await api.call('/convert?source=USD&target=XYZ&amount=1');
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: string }).error).toMatch(/^Unknown currency "XYZ"/);
  });

  it('serves an added country by code or name, any case, and lists its cities', async () => {
    await post('/_control/currencies', [QUIRINAL]);
    expect(await post('/_control/countries', [BRAKOVIA])).toMatchObject({
      status: 200,
      body: { countries: 1 },
    });
    expect((await api.call('/countries/XQ')).body).toEqual(BRAKOVIA);
    expect((await api.call('/countries/xq')).body).toEqual(BRAKOVIA);
    expect((await api.call('/countries/the%20brakovia')).body).toEqual(BRAKOVIA);
    const city = { id: 9001, name: 'Velmar', country: 'XQ', population: 80000, timezone: 'Europe/Paris' };
    await post('/_control/cities', [city]);
    expect((await api.call('/cities?country=Brakovia')).body).toEqual([
      { id: 9001, name: 'Velmar', country: 'XQ', population: 80000 },
    ]);
  });

  it('refuses a malformed or taken country with a usage message and adds none of the body', async () => {
    await post('/_control/currencies', [QUIRINAL]);
    const refused = [
      [BRAKOVIA, { ...BRAKOVIA, code: 'XW' }], // the second repeats the first's name
      [BRAKOVIA, { ...BRAKOVIA, name: 'Velmaria' }], // … and its code
      [BRAKOVIA, { ...BRAKOVIA, code: 'FR', name: 'Velmaria' }], // a seeded code
      [BRAKOVIA, { ...BRAKOVIA, code: 'UK', name: 'Velmaria' }], // a seeded alias
      [BRAKOVIA, { ...BRAKOVIA, code: 'XW', name: 'the Netherlands' }], // a seeded name
      [{ ...BRAKOVIA, code: 'xq' }],
      [{ ...BRAKOVIA, currency: 'ABC' }], // no such currency
      [{ ...BRAKOVIA, name: ' ' }],
      [{ ...BRAKOVIA, population: -1 }],
      [{ ...BRAKOVIA, languages: [] }],
      [{ ...BRAKOVIA, capital: undefined }],
      BRAKOVIA,
    ];
    for (const body of refused) {
      const answer = await post('/_control/countries', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((answer.body as { error: string }).error).toMatch(/^Give an array of \{"code": "XQ"/);
    }
    expect((await api.call('/countries/XQ')).status).toBe(404);
    expect((await api.call('/countries/Brakovia')).status).toBe(404);
  });

  it('refuses a malformed or taken currency with a usage message and adds none of the body', async () => {
    const refused = [
      [QUIRINAL, { ...QUIRINAL, code: 'QZY' }], // the second repeats the first's name
      [QUIRINAL, { ...QUIRINAL, names: ['Quirinal ducat'] }], // … and its code
      [QUIRINAL, { code: 'QZY', names: ['Swiss francs'], usd_rate: 1 }], // a seeded name
      [QUIRINAL, { code: 'EUR', names: [], usd_rate: 1 }], // a seeded code
      [QUIRINAL, { code: 'YEN', names: [], usd_rate: 1 }], // a seeded name as a code
      [{ ...QUIRINAL, code: 'QZ' }],
      [{ ...QUIRINAL, usd_rate: 0 }],
      [{ ...QUIRINAL, usd_rate: 'many' }],
      [{ ...QUIRINAL, names: [''] }],
      QUIRINAL,
    ];
    for (const body of refused) {
      const answer = await post('/_control/currencies', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect((answer.body as { error: string }).error).toMatch(/^Give an array of \{"code": "QZX"/);
    }
    expect((await api.call('/convert?source=USD&target=QZX&amount=1')).status).toBe(400);
    expect((await api.call('/convert?source=USD&target=Quirinal%20florin&amount=1')).status).toBe(400);
  });

  it('drops added countries and currencies on reset', async () => {
    await post('/_control/currencies', [QUIRINAL]);
    await post('/_control/countries', [BRAKOVIA]);
    await api.call('/_control/reset', { method: 'POST' });
    expect((await api.call('/countries/XQ')).status).toBe(404);
    expect((await api.call('/countries/Brakovia')).status).toBe(404);
    const convert = await api.call('/convert?source=USD&target=QZX&amount=1');
    expect(convert.status).toBe(400);
    expect((convert.body as { error: string }).error).toMatch(/^Unknown currency "QZX"/);
    expect((await api.call('/convert?source=USD&target=FJD&amount=1')).status).toBe(200);
    expect(await post('/_control/currencies', [QUIRINAL])).toMatchObject({ status: 200 });
  });
});
