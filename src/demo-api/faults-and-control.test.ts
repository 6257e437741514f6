import { describe, expect, it } from 'vitest';
import { startDemoServer } from './demo-server.ts';
import { withDemoServer } from './demo-test-client.ts';

const api = withDemoServer();
const FIVE_MB = 5 * 1024 * 1024;

describe('faults injected through the control endpoint', () => {
  it('answers 500 with a JSON error (CORS headers kept) for exactly `times` calls', async () => {
    expect((await api.fault('getWeather', '500', 2)).body).toEqual({
      operation: 'getWeather',
      kind: '500',
      times: 2,
    });
    for (let call = 0; call < 2; call++) {
      const failed = await api.call('/weather/1');
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({ error: 'Internal server error (injected fault)' });
      expect(failed.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect((await api.call('/weather/1')).status).toBe(200);
    expect((await api.call('/cities?name=Oslo')).status).toBe(200);
  });

  it('never answers a timed-out call; the client gives up with its own AbortSignal', async () => {
    await api.fault('getWeather', 'timeout');
    const started = Date.now();
    const call = fetch(`${api.url()}/weather/1`, { signal: AbortSignal.timeout(400) });
    await expect(call).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect((await api.call('/weather/1')).status).toBe(200);
  });

  it('answers text/plain instead of JSON', async () => {
    await api.fault('getCountry', 'text');
    const text = await api.call('/countries/FR');
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.text).toBe('Service busy, plain text instead of JSON.');
  });

  it('answers a valid JSON body of at least 5 MB', async () => {
    await api.fault('listTodos', 'huge');
    const huge = await api.call('/todos');
    expect(huge.status).toBe(200);
    expect(Buffer.byteLength(huge.text)).toBeGreaterThanOrEqual(FIVE_MB);
    expect(Array.isArray(huge.body)).toBe(true);
  });

  it('drips a body slowly, one piece at a time', async () => {
    await api.fault('searchCities', 'slow-drip');
    const started = Date.now();
    const response = await fetch(`${api.url()}/cities`);
    const reader = response.body?.getReader();
    let pieces = 0;
    let text = '';
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      pieces++;
      text += Buffer.from(read.value).toString('utf8');
    }
    expect(text).toBe('{"drip": "slow"}');
    expect(pieces).toBeGreaterThan(5);
    expect(Date.now() - started).toBeGreaterThan(1000);
  });

  it('drops the CORS headers, on the call and on its preflight', async () => {
    await api.fault('getCountry', 'no-cors');
    const bare = await api.call('/countries/FR');
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ code: 'FR' });
    expect(bare.headers.get('access-control-allow-origin')).toBeNull();
    expect(bare.headers.get('cross-origin-resource-policy')).toBeNull();

    await api.fault('createTodo', 'no-cors');
    const preflight = { 'access-control-request-method': 'POST', origin: 'http://elsewhere.test' };
    const blocked = await api.call('/todos', { method: 'OPTIONS', headers: preflight });
    expect(blocked.headers.get('access-control-allow-origin')).toBeNull();
    const next = await api.call('/todos', { method: 'OPTIONS', headers: preflight });
    expect(next.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a fault for an unknown operation or kind, or a bad count', async () => {
    const bad = await api.fault('getWether', '500');
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toContain('searchCities, getWeather, getLocalTime');
    expect((await api.fault('getWeather', 'crash')).status).toBe(400);
    expect((await api.fault('getWeather', '500', 0)).body).toEqual({
      error: 'times must be an integer from 1 to 1000',
    });
  });
});

describe('control: reset and stats', () => {
  it('counts calls per operation, bad ones included, and shows that no mutating call happened', async () => {
    await api.call('/cities?name=Oslo');
    await api.call('/weather/1');
    await api.call('/weather/oops');
    await api.call('/todos');
    const stats = (await api.call('/_control/stats')).body as Record<string, number>;
    expect(stats).toEqual({ searchCities: 1, getWeather: 2, listTodos: 1 });
    expect(stats.createTodo ?? stats.completeTodo ?? stats.deleteTodo).toBeUndefined();
  });

  it('restores the seeded todos and clears faults and counts on reset', async () => {
    await api.call('/todos/1', { method: 'DELETE' });
    await api.call('/todos', { method: 'POST', body: '{"text": "extra"}' });
    await api.fault('listTodos', '500');
    expect(await api.call('/_control/reset', { method: 'POST' })).toMatchObject({ body: { reset: true } });
    expect((await api.call('/_control/stats')).body).toEqual({});
    const todos = await api.call('/todos');
    expect(todos.status).toBe(200);
    expect((todos.body as { id: number }[]).map((todo) => todo.id)).toEqual([1, 2, 3]);
    expect((await api.call('/todos', { method: 'POST', body: '{"text": "again"}' })).body).toMatchObject({
      id: 4,
    });
  });

  it('replaces the todo list; new ids continue after the largest', async () => {
    const todos = [
      { id: 40, text: 'Water the ferns', due: null, done: false },
      { id: 42, text: 'Pay the gas bill', due: '2026-02-01', done: true },
    ];
    const post = (body: unknown) =>
      api.call('/_control/todos', { method: 'POST', body: JSON.stringify(body) });
    expect(await post(todos)).toMatchObject({ status: 200, body: { todos: 2 } });
    expect((await api.call('/todos')).body).toEqual(todos);
    expect((await api.call('/todos', { method: 'POST', body: '{"text": "next"}' })).body).toMatchObject({
      id: 43,
    });
    expect(
      (
        await post([
          { id: 1, text: 'a', due: null, done: false },
          { id: 1, text: 'b', due: null, done: false },
        ])
      ).status,
    ).toBe(400);
    expect((await post({ id: 1 })).status).toBe(400);
  });

  it('adds cities that every city operation then knows, until a reset, and refuses malformed or taken ids', async () => {
    const city = { id: 5001, name: 'Brakovil', country: 'FR', population: 12000, timezone: 'Europe/Paris' };
    const post = (body: unknown) =>
      api.call('/_control/cities', { method: 'POST', body: JSON.stringify(body) });
    expect(await post([city])).toMatchObject({ status: 200, body: { cities: 1 } });
    expect((await api.call('/cities?name=brakovil')).body).toEqual([
      { id: 5001, name: 'Brakovil', country: 'FR', population: 12000 },
    ]);
    expect((await api.call('/weather/5001')).body).toMatchObject({ city_id: 5001, city: 'Brakovil' });
    expect((await post([city])).status).toBe(400);
    expect((await post([{ ...city, id: 5002, timezone: 'Mars/Olympus' }])).status).toBe(400);
    expect((await post([{ ...city, id: 5003, country: 'France' }])).status).toBe(400);
    await api.call('/_control/reset', { method: 'POST' });
    expect((await api.call('/cities?name=brakovil')).body).toEqual([]);
  });

  it('answers 405 for a control endpoint called with the wrong method', async () => {
    expect(await api.call('/_control/reset')).toMatchObject({
      status: 405,
      body: { error: 'Use POST /_control/reset' },
    });
  });

  it('is off unless enabled: /_control answers 404 and arms nothing', async () => {
    const plain = await startDemoServer();
    try {
      const armed = await fetch(`${plain.url}/_control/fault`, {
        method: 'POST',
        body: '{"operation": "getWeather", "kind": "500"}',
      });
      expect(armed.status).toBe(404);
      expect((await fetch(`${plain.url}/weather/1`)).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
