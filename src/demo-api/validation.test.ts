import { describe, expect, it } from 'vitest';
import { withDemoServer } from './demo-test-client.ts';

const api = withDemoServer();

/** Expects a JSON error answer with exactly this status and message. */
async function expectError(path: string, status: number, error: string, init?: RequestInit) {
  const response = await api.call(path, init);
  expect({ status: response.status, body: response.body }, path).toEqual({ status, body: { error } });
}

const post = (body: string): RequestInit => ({ method: 'POST', body });

describe('the demo API refuses bad input with a 400 that says what to send', () => {
  it('explains bad query values', async () => {
    await expectError('/cities?limit=0', 400, 'limit must be an integer from 1 to 20');
    await expectError('/cities?limit=ten', 400, 'limit must be an integer from 1 to 20');
    await expectError(
      '/cities?country=Atlantis',
      400,
      'Unknown country "Atlantis"; give a country name or ISO code such as FR',
    );
    await expectError('/weather/1?units=kelvin', 400, 'units must be metric or imperial');
    await expectError('/todos?done=yes', 400, 'done must be true or false');
    await expectError('/todos?limit=51', 400, 'limit must be an integer from 1 to 50');
  });

  it('names the allowed query parameters when an unknown one is sent', async () => {
    await expectError(
      '/weather/1?unit=metric',
      400,
      'Unknown query parameter "unit" for getWeather; allowed: units',
    );
    await expectError('/time/1?tz=UTC', 400, 'Unknown query parameter "tz" for getLocalTime; it takes none');
    await expectError('/cities?name=a&name=b', 400, 'Query parameter "name" is given more than once');
  });

  it('explains ids that are not integers and points to where ids come from', async () => {
    await expectError('/weather/Oslo', 400, 'city_id must be an integer; find it with searchCities');
    await expectError('/time/0', 400, 'city_id must be an integer; find it with searchCities');
    await expectError('/todos/first/complete', 400, 'todo_id must be an integer; see listTodos', {
      method: 'POST',
    });
  });

  it('explains currency conversion mistakes', async () => {
    await expectError('/convert?target=EUR&amount=1', 400, 'source is required: a currency code such as USD');
    await expectError('/convert?source=USD&target=EUR', 400, 'amount is required: a number, e.g. 10');
    await expectError('/convert?source=USD&target=EUR&amount=ten', 400, 'amount must be a number, e.g. 10');
    const bitcoin = await api.call('/convert?source=bitcoin&target=EUR&amount=1');
    expect(bitcoin.status).toBe(400);
    expect((bitcoin.body as { error: string }).error).toBe(
      'Unknown currency "bitcoin"; give a currency code such as USD or EUR',
    );
    const unknown = await api.call('/convert?source=USD&target=XYZ&amount=1');
    expect(unknown.status).toBe(400);
    expect((unknown.body as { error: string }).error).toBe(
      'Unknown currency "XYZ"; give a currency code such as USD or EUR',
    );
  });

  it('explains a bad todo body', async () => {
    const example = 'Send a JSON object: {"text": "what to do", "due": "2026-05-01"}';
    await expectError('/todos', 400, example, { method: 'POST' });
    await expectError('/todos', 400, example, post('["Buy milk"]'));
    await expectError('/todos', 400, 'The request body must be JSON', post('text=Buy milk'));
    await expectError('/todos', 400, 'text is required: what to do', post('{"due": "2026-05-01"}'));
    await expectError(
      '/todos',
      400,
      'Unknown field "title"; allowed: text, due',
      post('{"title": "Buy milk"}'),
    );
    await expectError(
      '/todos',
      400,
      'due must be a date like 2026-05-01',
      post('{"text": "x", "due": "tomorrow"}'),
    );
    await expectError(
      '/todos',
      400,
      'due must be a date like 2026-05-01',
      post('{"text": "x", "due": "2026-02-31"}'),
    );
    const huge = JSON.stringify({ text: 'x'.repeat(70_000) });
    await expectError('/todos', 413, 'The request body is over 65536 bytes', post(huge));
    expect(((await api.call('/todos')).body as unknown[]).length).toBe(3);
  });
});

describe('the demo API answers 404 and 405 for what does not exist', () => {
  it('answers 404 for unknown ids and codes', async () => {
    await expectError('/weather/9999', 404, 'No city with id 9999');
    await expectError('/time/9999', 404, 'No city with id 9999');
    await expectError('/countries/XX', 404, 'No country with code XX');
    await expectError('/countries/FRA', 404, 'No country named "FRA"');
    await expectError('/countries/Atlantis', 404, 'No country named "Atlantis"');
    await expectError('/todos/99/complete', 404, 'No todo with id 99', { method: 'POST' });
    await expectError('/todos/99', 404, 'No todo with id 99', { method: 'DELETE' });
  });

  it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
    await expectError('/nowhere', 404, 'No operation GET /nowhere; see /demo-api/openapi.json');
    const wrong = await api.call('/todos', { method: 'PUT' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, POST');
    expect(wrong.body).toEqual({ error: 'PUT is not allowed on /todos; use GET or POST' });
  });

  it('answers 400 for a malformed escape in the path', async () => {
    await expectError('/weather/%E0%A4%A', 400, 'Malformed URL encoding in the path');
  });
});
