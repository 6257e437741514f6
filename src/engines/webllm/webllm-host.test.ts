import { describe, expect, it } from 'vitest';
import { collectGeneration, type LoadProgress } from '../engine.ts';
import { FAKE_DEVICE_LOST } from './fake-mlc-engine.ts';
import { DEVICE_LOST_MESSAGE } from './webllm-errors.ts';
import { fakeHost } from './webllm-test-setup.ts';

const record = (id: string) => ({
  model: `https://models.test/${id}`,
  model_id: id,
  model_lib: `https://models.test/${id}.wasm`,
});

describe('WebLlmHost (with a fake MLC engine)', () => {
  it('loads models asked for together in one reload, and reloads the union when a model is added', async () => {
    const { engine, fake } = fakeHost({ replies: { planner: [' p'], caller: [], summarizer: [] } });
    const [planner, caller, summarizer] = [engine('planner'), engine('caller'), engine('summarizer')];
    await Promise.all([planner.load(), caller.load()]);
    await summarizer.load();
    expect(fake().reloads).toEqual([
      ['planner', 'caller'],
      ['planner', 'caller', 'summarizer'],
    ]);
    expect([planner.loaded, caller.loaded, summarizer.loaded]).toEqual([true, true, true]);
    expect((await collectGeneration(planner.complete({ prompt: 'P:' }))).text).toBe(' p');
  });

  it('keeps loaded models when one is released and unloads WebLLM with the last', async () => {
    const { engine, fake } = fakeHost({ replies: {} });
    const [planner, caller] = [engine('planner'), engine('caller')];
    await Promise.all([planner.load(), caller.load()]);
    await planner.unload();
    expect([planner.loaded, caller.loaded, fake().unloads]).toEqual([false, true, 0]);
    await caller.unload();
    expect([caller.loaded, fake().unloads, fake().loaded]).toEqual([false, 1, []]);
  });

  it('reports WebLLM’s progress over both models of a reload as one rising fraction with its texts', async () => {
    const { engine } = fakeHost({ progressSteps: 2 });
    const seen: LoadProgress[] = [];
    const onProgress = (progress: LoadProgress) => seen.push(progress);
    await Promise.all([engine('a').load({ onProgress }), engine('b').load()]);
    expect(seen.map(({ fraction, file }) => [fraction, file])).toEqual([
      [0.25, 'a'],
      [0.495, 'a'],
      [0.5, 'a'],
      [0.75, 'b'],
      [0.995, 'b'],
      [1, 'b'],
      [1, undefined],
    ]);
    expect(seen[0]?.text).toBe('Fetching param cache[1/2]');
    expect(seen[2]?.text).toBe('Finish loading on WebGPU - fake adapter');
  });

  it('a model asked for during a reload is loaded by a second reload of both, progress still rising', async () => {
    const { engine, factory } = fakeHost();
    const fractions: number[] = [];
    let second: Promise<void> | undefined;
    const first = engine('a').load({
      onProgress: ({ fraction }) => {
        fractions.push(fraction);
        second ??= engine('b').load();
      },
    });
    (await waitFor(() => factory.made[0])).reloadStepMs = 5;
    await Promise.all([first, second]);
    expect(factory.made[0]?.reloads).toEqual([['a'], ['a', 'b']]);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(fractions.at(-1)).toBe(1);
  });

  it('keeps downloads in IndexedDB unless told otherwise, and says which adapter runs the models', async () => {
    const appConfig = { model_list: [record('m')] };
    const first = fakeHost({}, { appConfig });
    const second = fakeHost({}, { cacheBackend: 'opfs' });
    const model = first.engine('m');
    expect(model.device).toBeUndefined();
    await Promise.all([model.load(), second.engine('m').load()]);
    expect(first.factory.inits[0]).toMatchObject({ appConfig: { ...appConfig, cacheBackend: 'indexeddb' } });
    expect(second.factory.inits[0]).toMatchObject({ appConfig: undefined, cacheBackend: 'opfs' });
    expect(model.device).toBe('WebLLM on WebGPU: acme rdna9');
  });

  it('an aborted load unloads WebLLM, rejects with aborted, and a later load works', async () => {
    const { engine, factory } = fakeHost({ replies: { m: [' ok'] } });
    const model = engine('m');
    const controller = new AbortController();
    const loading = model.load({ onProgress: () => controller.abort(), signal: controller.signal });
    const fake = await waitFor(() => factory.made[0]);
    fake.reloadStepMs = 10;
    await expect(loading).rejects.toMatchObject({
      name: 'EngineError',
      code: 'aborted',
      message: 'Loading m was aborted.',
    });
    expect([model.loaded, fake.unloads > 0, fake.loaded]).toEqual([false, true, []]);
    await model.load();
    expect((await collectGeneration(model.complete({ prompt: 'Q:' }))).text).toBe(' ok');
  });

  it('a load error names the model and keeps WebLLM’s error as data', async () => {
    const { engine } = fakeHost({}, { appConfig: { model_list: [record('known')] } });
    const failure = engine('missing').load();
    await expect(failure).rejects.toMatchObject({
      name: 'EngineError',
      code: 'load-failed',
      message: expect.stringContaining('WebLLM could not load the model missing: Cannot find model record'),
      data: { model: 'missing', cause: { name: 'ModelNotFoundError' } },
    });
  });

  it('a device lost during generation fails it with advice, unloads every model, and a reload makes a new engine', async () => {
    const { engine, fake, factory } = fakeHost({ replies: { a: [' x', ' y'], b: [] } });
    const [a, b] = [engine('a'), engine('b')];
    await Promise.all([a.load(), b.load()]);
    fake().loseDeviceOnNextRequest = true;
    await expect(collectGeneration(a.complete({ prompt: 'Q:' }))).rejects.toMatchObject({
      name: 'EngineError',
      message: `a: ${DEVICE_LOST_MESSAGE}`,
      data: { reason: 'device-lost', cause: { name: 'OperationError', message: FAKE_DEVICE_LOST.slice(16) } },
    });
    expect([a.loaded, b.loaded, a.device, fake().terminated]).toEqual([false, false, undefined, true]);
    await a.load();
    expect(factory.made).toHaveLength(2);
    expect(fake(1).reloads).toEqual([['a']]);
  });

  it('a device lost while loading rejects the load with the device-lost advice', async () => {
    const { engine, factory } = fakeHost();
    const model = engine('m');
    const loading = model.load();
    const fake = await waitFor(() => factory.made[0]);
    fake.failNextReload = 'DeviceLostError: The WebGPU device was lost while loading the model.';
    await expect(loading).rejects.toMatchObject({
      code: 'load-failed',
      message: `m: ${DEVICE_LOST_MESSAGE}`,
    });
    expect(fake.terminated).toBe(true);
  });
});

/** Polls until the value exists (the host makes its MLC engine asynchronously). */
async function waitFor<T>(get: () => T | undefined): Promise<T> {
  for (let tries = 0; tries < 100; tries++) {
    const value = get();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('timed out waiting');
}
