import { describe, expect, it } from 'vitest';
import { startDemoServer } from './demo-server.ts';
import { withDemoServer } from './demo-test-client.ts';

const api = withDemoServer();
const post = (body?: string): RequestInit =>
  body === undefined ? { method: 'POST' } : { method: 'POST', body };

describe('the demo API operations on seeded data', () => {
  it('searchCities finds Oslo by name and lists a country by its code', async () => {
    expect(await api.call('/cities?name=Oslo')).toMatchObject({
      status: 200,
      body: [{ id: 1, name: 'Oslo', country: 'NO', population: 709000 }],
    });
    expect((await api.call('/cities?country=gb')).body).toEqual([
      { id: 7, name: 'London', country: 'GB', population: 8982000 },
      { id: 8, name: 'Manchester', country: 'GB', population: 553000 },
      { id: 9, name: 'Edinburgh', country: 'GB', population: 527000 },
    ]);
    expect((await api.call('/cities?name=san&country=US&limit=1')).body).toEqual([
      { id: 63, name: 'San Francisco', country: 'US', population: 815000 },
    ]);
    expect((await api.call('/cities')).body).toHaveLength(5);
  });

  it('getWeather answers the same stable weather in metric and imperial units', async () => {
    expect((await api.call('/weather/1')).body).toEqual({
      city_id: 1,
      city: 'Oslo',
      temperature: -5,
      units: 'celsius',
      conditions: 'light rain',
      wind_kph: 34.6,
      humidity: 93,
    });
    expect((await api.call('/weather/1?units=imperial')).body).toMatchObject({
      temperature: 23,
      units: 'fahrenheit',
    });
  });

  it('chains searchCities into getWeather through the city id', async () => {
    const [lyon] = (await api.call('/cities?name=Lyon')).body as { id: number }[];
    expect(lyon?.id).toBe(12);
    expect((await api.call(`/weather/${lyon?.id}`)).body).toEqual({
      city_id: 12,
      city: 'Lyon',
      temperature: 8.4,
      units: 'celsius',
      conditions: 'thunderstorm',
      wind_kph: 16.3,
      humidity: 23,
    });
  });

  it('getLocalTime gives wall-clock times at the fixed instant 2026-01-15T12:00:00Z', async () => {
    expect((await api.call('/time/1')).body).toEqual({
      city_id: 1,
      city: 'Oslo',
      timezone: 'Europe/Oslo',
      local_time: '2026-01-15 13:00',
    });
    expect((await api.call('/time/59')).body).toMatchObject({
      city: 'New York',
      local_time: '2026-01-15 07:00',
    });
    expect((await api.call('/time/58')).body).toMatchObject({
      city: 'Auckland',
      local_time: '2026-01-16 01:00',
    });
  });

  it('getLocalTime follows an injected clock', async () => {
    const server = await startDemoServer({ now: () => new Date('2026-07-01T00:30:00Z') });
    try {
      const body = await (await fetch(`${server.url}/time/1`)).json();
      expect(body).toMatchObject({ local_time: '2026-07-01 02:30' });
    } finally {
      await server.close();
    }
  });

  it('getCountry gives facts for a code in any case', async () => {
    expect((await api.call('/countries/FR')).body).toEqual({
      code: 'FR',
      name: 'France',
      capital: 'Paris',
      currency: 'EUR',
      population: 68170000,
      languages: ['French'],
    });
    expect((await api.call('/countries/jp')).body).toMatchObject({
      code: 'JP',
      name: 'Japan',
      currency: 'JPY',
    });
  });

  it('getCountry and searchCities also take a country name or alias (any case)', async () => {
    expect((await api.call('/countries/france')).body).toMatchObject({ code: 'FR', capital: 'Paris' });
    expect((await api.call('/countries/the%20Netherlands')).body).toMatchObject({ code: 'NL' });
    expect((await api.call('/countries/UK')).body).toMatchObject({ code: 'GB' });
    expect((await api.call('/cities?country=Philippines&limit=1')).body).toEqual([
      { id: 332, name: 'Manila', country: 'PH', population: 1846000 },
    ]);
    expect((await api.call('/cities?country=XX')).body).toEqual([]);
  });

  it('convertCurrency takes currency names, singular or plural, as well as codes', async () => {
    expect((await api.call('/convert?source=US%20dollars&target=euro&amount=100')).body).toEqual({
      source: 'USD',
      target: 'EUR',
      amount: 100,
      rate: 0.92,
      result: 92,
    });
    expect((await api.call('/convert?source=Swiss%20francs&target=YEN&amount=1')).body).toMatchObject({
      source: 'CHF',
      target: 'JPY',
    });
  });

  it('convertCurrency converts with fixed rates', async () => {
    expect((await api.call('/convert?source=USD&target=EUR&amount=100')).body).toEqual({
      source: 'USD',
      target: 'EUR',
      amount: 100,
      rate: 0.92,
      result: 92,
    });
    expect((await api.call('/convert?source=eur&target=gbp&amount=50')).body).toEqual({
      source: 'EUR',
      target: 'GBP',
      amount: 50,
      rate: 0.858696,
      result: 42.93,
    });
  });

  it('listTodos lists the three seeded todos, filtered and limited', async () => {
    expect((await api.call('/todos')).body).toEqual([
      { id: 1, text: 'Buy milk', due: '2026-01-16', done: false },
      { id: 2, text: 'Call the dentist', due: null, done: false },
      { id: 3, text: 'Renew passport', due: '2026-03-01', done: true },
    ]);
    expect((await api.call('/todos?done=false&limit=1')).body).toEqual([
      { id: 1, text: 'Buy milk', due: '2026-01-16', done: false },
    ]);
  });

  it('createTodo, completeTodo and deleteTodo change the list', async () => {
    expect(await api.call('/todos', post('{"text": "Pay rent", "due": "2026-02-01"}'))).toMatchObject({
      status: 201,
      body: { id: 4, text: 'Pay rent', due: '2026-02-01', done: false },
    });
    expect((await api.call('/todos', post('{"text": "Call mum"}'))).body).toEqual({
      id: 5,
      text: 'Call mum',
      due: null,
      done: false,
    });
    expect((await api.call('/todos/1/complete', post())).body).toEqual({
      id: 1,
      text: 'Buy milk',
      due: '2026-01-16',
      done: true,
    });
    expect((await api.call('/todos/2', { method: 'DELETE' })).body).toEqual({ deleted: 2 });
    const ids = ((await api.call('/todos')).body as { id: number }[]).map((todo) => todo.id);
    expect(ids).toEqual([1, 3, 4, 5]);
  });

  it('answers byte for byte the same from two fresh servers', async () => {
    const first = await startDemoServer();
    const second = await startDemoServer();
    try {
      const paths = ['/openapi.json', '/cities?limit=20', '/weather/7?units=imperial', '/time/53'];
      paths.push('/countries/BR', '/convert?source=JPY&target=INR&amount=1234.5', '/todos');
      for (const path of paths) {
        const a = await (await fetch(`${first.url}${path}`)).text();
        const b = await (await fetch(`${second.url}${path}`)).text();
        expect(b, path).toBe(a);
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});
