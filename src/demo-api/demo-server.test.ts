import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import { type DemoServer, startDemoServer } from './demo-server.ts';
import { HUGE_BODY_BYTES } from './faults.ts';
import { ROUTES } from './routes.ts';

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ control: true });
});
afterAll(async () => {
  await server.close();
});

async function get(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}

async function fault(operation: string, kind: string, times = 1): Promise<void> {
  await fetch(`${server.url}/_control/fault`, {
    method: 'POST',
    body: JSON.stringify({ operation, kind, times }),
  });
}

describe('demo API', () => {
  it('serves a valid OpenAPI 3.0 document whose operations are exactly the implemented routes', async () => {
    const imported = await importOpenApi({ url: `${server.url}/openapi.json` }, { fetch });
    expect(imported.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(imported.api).toBe('demo');
    const operations = imported.tools.map((tool) => `${tool.http?.method} ${tool.http?.path}`);
    expect(operations).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`));
    expect(imported.tools.every((tool) => tool.http?.servers[0] === server.url)).toBe(true);
    expect(imported.tools.filter((tool) => tool.mutating).map((tool) => tool.name)).toEqual([
      'createtodo_for_demo',
      'completetodo_for_demo',
      'deletetodo_for_demo',
    ]);
  });

  it('finds cities by name and country, and gives the weather for a city id (a chain)', async () => {
    const cities = await get('/cities?name=osl');
    expect(cities.body).toEqual([{ id: 1, name: 'Oslo', country: 'NO', population: 709000 }]);
    const japanese = await get('/cities?country=jp&limit=2');
    expect((japanese.body as { name: string }[]).map((city) => city.name)).toEqual(['Tokyo', 'Osaka']);
    const weather = await get('/weather/1');
    expect(weather.body).toMatchObject({ city_id: 1, city: 'Oslo', units: 'celsius' });
    const imperial = await get('/weather/1?units=imperial');
    const celsius = (weather.body as { temperature: number }).temperature;
    expect((imperial.body as { temperature: number }).temperature).toBeCloseTo((celsius * 9) / 5 + 32, 1);
  });

  it('answers local time, country facts and currency conversion from seeded data', async () => {
    expect((await get('/time/53')).body).toEqual({
      city_id: 53,
      city: 'Tokyo',
      timezone: 'Asia/Tokyo',
      local_time: '2026-01-15 21:00',
    });
    expect((await get('/countries/fr')).body).toMatchObject({
      name: 'France',
      capital: 'Paris',
      currency: 'EUR',
    });
    expect((await get('/convert?source=USD&target=JPY&amount=3')).body).toEqual({
      source: 'USD',
      target: 'JPY',
      amount: 3,
      rate: 150,
      result: 450,
    });
  });

  it('adds, completes, lists and deletes todos', async () => {
    await fetch(`${server.url}/_control/reset`, { method: 'POST' });
    const created = await get('/todos', {
      method: 'POST',
      body: JSON.stringify({ text: 'Water plants', due: '2026-02-01' }),
    });
    expect(created).toMatchObject({
      status: 201,
      body: { id: 4, text: 'Water plants', due: '2026-02-01', done: false },
    });
    expect((await get('/todos/4/complete', { method: 'POST' })).body).toMatchObject({ id: 4, done: true });
    expect(((await get('/todos?done=true')).body as { id: number }[]).map((todo) => todo.id)).toEqual([3, 4]);
    expect((await get('/todos/4', { method: 'DELETE' })).body).toEqual({ deleted: 4 });
    expect((await get('/todos/4', { method: 'DELETE' })).status).toBe(404);
  });

  it('explains invalid input with a 400 and unknown items with a 404', async () => {
    expect(await get('/weather/abc')).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('searchCities') },
    });
    expect(await get('/weather/9999')).toMatchObject({
      status: 404,
      body: { error: 'No city with id 9999' },
    });
    expect(await get('/convert?source=USD&target=XXX&amount=1')).toMatchObject({ status: 400 });
    expect(await get('/cities?limit=0')).toMatchObject({ status: 400 });
    expect(await get('/todos', { method: 'POST', body: '{"due": "tomorrow"}' })).toMatchObject({
      status: 400,
    });
    expect(await get('/todos', { method: 'POST', body: 'not json' })).toMatchObject({ status: 400 });
    expect(await get('/nowhere')).toMatchObject({ status: 404 });
  });

  it('allows cross-origin calls, preflight included', async () => {
    const preflight = await fetch(`${server.url}/todos`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const response = await get('/cities');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('fails on request: 500, plain text, a 5 MB body, no CORS headers, a timeout and a slow drip', async () => {
    await fault('getCountry', '500');
    expect((await get('/countries/FR')).status).toBe(500);
    expect((await get('/countries/FR')).status).toBe(200);

    await fault('getCountry', 'text');
    const text = await fetch(`${server.url}/countries/FR`);
    expect(text.headers.get('content-type')).toContain('text/plain');

    await fault('getCountry', 'huge');
    const huge = await (await fetch(`${server.url}/countries/FR`)).text();
    expect(huge.length).toBeGreaterThanOrEqual(HUGE_BODY_BYTES - 2000);
    expect(() => JSON.parse(huge)).not.toThrow();

    await fault('getCountry', 'no-cors');
    expect((await fetch(`${server.url}/countries/FR`)).headers.get('access-control-allow-origin')).toBeNull();

    await fault('getCountry', 'timeout');
    await expect(fetch(`${server.url}/countries/FR`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();

    await fault('getCountry', 'slow-drip');
    const started = Date.now();
    const drip = await fetch(`${server.url}/countries/FR`);
    expect(await drip.text()).toBe('{"drip": "slow"}');
    expect(Date.now() - started).toBeGreaterThan(1000);
  });

  it('counts calls per operation and resets data, faults and counts', async () => {
    await fetch(`${server.url}/_control/reset`, { method: 'POST' });
    await get('/cities');
    await get('/cities');
    await get('/todos');
    expect((await get('/_control/stats')).body).toEqual({ searchCities: 2, listTodos: 1 });
    expect((await get('/_control/fault', { method: 'POST', body: '{"kind": "nope"}' })).status).toBe(400);
  });

  it('answers identically from two servers (deterministic data)', async () => {
    const other = await startDemoServer();
    try {
      for (const path of ['/cities?limit=20', '/weather/7?units=imperial', '/time/60', '/todos']) {
        const mine = await (await fetch(`${server.url}${path}`)).text();
        const theirs = await (await fetch(`${other.url}${path}`)).text();
        expect(theirs).toBe(mine);
      }
      expect((await fetch(`${other.url}/_control/stats`)).status).toBe(404);
    } finally {
      await other.close();
    }
  });
});
