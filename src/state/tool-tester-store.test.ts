import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../demo-api/demo-server.ts';
import { createToolTesterStore } from './tool-tester-store.ts';

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ control: true });
});
afterAll(async () => {
  await server.close();
});

function store() {
  const tester = createToolTesterStore({ fetch, pageOrigin: server.origin });
  tester.getState().setSpecUrl('/demo-api/openapi.json');
  return tester;
}

describe('the API tester store', () => {
  it('imports a document relative to the page and calls the chosen operation', async () => {
    const tester = store();
    await tester.getState().load();
    expect(tester.getState().api).toBe('demo');
    expect(tester.getState().tools).toHaveLength(9);
    tester.getState().select('getweather_for_demo');
    tester.getState().setArgumentsText('{"city_id": 1}');
    await tester.getState().call();
    const { result } = tester.getState();
    expect(result).toMatchObject({ ok: true, status: 200, body: { city: 'Oslo' } });
    expect(tester.getState().calling).toBe(false);
  });

  it('says what is wrong with arguments that are not a JSON object, without calling', async () => {
    const tester = store();
    await tester.getState().load();
    tester.getState().setArgumentsText('city_id=1');
    await tester.getState().call();
    expect(tester.getState().inputError).toMatch(/must be a JSON object/);
    expect(tester.getState().result).toBeUndefined();
  });

  it('denies a call that changes data unless the user allows it', async () => {
    const tester = store();
    await tester.getState().load();
    tester.getState().select('createtodo_for_demo');
    tester.getState().setArgumentsText('{"text": "Water the plants"}');
    await tester.getState().call();
    expect(tester.getState().result).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did not allow POST/),
    });
    tester.getState().setAllowChanges(true);
    await tester.getState().call();
    expect(tester.getState().result).toMatchObject({ ok: true, status: 201 });
  });

  it('reports a document that cannot be loaded with its problems', async () => {
    const tester = store();
    tester.getState().setSpecUrl('/demo-api/missing.json');
    await tester.getState().load();
    const state = tester.getState();
    expect(state.tools).toEqual([]);
    expect(state.problems.length + (state.inputError === '' ? 0 : 1)).toBeGreaterThan(0);
    expect(state.loading).toBe(false);
  });
});
