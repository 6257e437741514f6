import { describe, expect, it } from 'vitest';
import { extractSteps } from '../eval/steps.ts';
import { evalTestWorld, WEATHER_DIALOGUES, WEATHER_FILE } from '../testing/eval-test-world.ts';
import { type EvalRun, scoreRun } from './eval-run.ts';
import { type EvalStorage, memoryEvalStorage } from './eval-storage.ts';

const FILE_BYTES = new TextEncoder().encode(WEATHER_FILE);

/** Uploads the weather file and runs an evaluation of its first `limit` dialogues (0: all). */
async function evaluate(world: Awaited<ReturnType<typeof evalTestWorld>>, limit = 0): Promise<EvalRun> {
  const state = world.evaluation.getState();
  if (state.dataset === undefined) await state.uploadDataset('weather.json', FILE_BYTES);
  world.evaluation.getState().setLimit(limit);
  await world.evaluation.getState().start();
  await world.evaluation.getState().flushed();
  return world.evaluation.getState().runs[0] as EvalRun;
}

/** Waits until `ready()` holds (checked every 5 ms, at most 5 s). */
async function until(ready: () => boolean): Promise<void> {
  for (let waited = 0; !ready(); waited += 5) {
    if (waited > 5000) throw new Error('the condition never held');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the eval store with storage', () => {
  it('keeps runs across a new store over the same storage, newest first and the newest shown', async () => {
    const first = await evalTestWorld();
    const small = await evaluate(first, 1);
    const whole = await evaluate(first);
    const reloaded = await evalTestWorld({ storage: first.storage });
    const { runs, activeRunId, problem } = reloaded.evaluation.getState();
    expect(problem).toBe('');
    expect(runs).toEqual([whole, small]);
    expect(activeRunId).toBe(whole.id);
    expect(runs[0]?.status).toBe('done');
    expect(runs[0]?.results.metrics.steps).toBe(6);
  });

  it('writes a run when it starts and when it ends, not per step when steps come faster than saveEveryMs', async () => {
    const world = await evalTestWorld({ saveEveryMs: 1e9 });
    const run = await evaluate(world);
    const writes = world.storage.writes.filter((write) => write.put.some((put) => put.run.id === run.id));
    expect(
      writes.map((write) => write.put.map((put) => [put.run.status, put.run.records.length, put.withSteps])),
    ).toEqual([[['running', 0, true]], [['done', 6, false]]]);
  });

  it('brings back a run cut off by a reload as stopped, with the records and metrics it had stored', async () => {
    const world = await evalTestWorld({ tokenDelayMs: 5, saveEveryMs: 0 });
    await world.evaluation.getState().uploadDataset('weather.json', FILE_BYTES);
    const running = world.evaluation.getState().start();
    const storedRecords = () => {
      const id = world.evaluation.getState().runningId;
      const stored = world.storage.keys.get(`run:${id}`) as EvalRun | undefined;
      return stored?.records.length ?? 0;
    };
    await until(() => storedRecords() >= 2);
    const id = world.evaluation.getState().runningId as string;
    world.evaluation.getState().deleteRun(id);
    expect(world.evaluation.getState().problem).toBe('Stop the evaluation before deleting its run.');
    // The page closes here: what storage holds now is what the next page reads.
    const closed = memoryEvalStorage(new Map(world.storage.keys));
    const kept = (closed.keys.get(`run:${id}`) as EvalRun).records;
    world.evaluation.getState().stop();
    await running;

    const reloaded = await evalTestWorld({ storage: closed });
    const [run] = reloaded.evaluation.getState().runs;
    const steps = extractSteps(WEATHER_DIALOGUES);
    expect(run?.id).toBe(id);
    expect(run?.status).toBe('stopped');
    expect(run?.error).toMatch(
      new RegExp(
        `^Interrupted by a page reload after ${kept.length} of 6 steps; the finished steps and their metrics are kept`,
      ),
    );
    expect(kept.length).toBeLessThan(6);
    expect(run?.records).toEqual(kept);
    expect(run?.steps).toEqual(steps);
    expect(run?.results).toEqual(scoreRun(steps, kept));
    expect(run?.results.metrics.steps).toBe(kept.length);
    await reloaded.evaluation.getState().flushed();
    expect((closed.keys.get(`run:${id}`) as EvalRun).status).toBe('stopped');
  });

  it('deletes a run from storage and from the runs shown and compared', async () => {
    const world = await evalTestWorld();
    const older = await evaluate(world, 1);
    const newer = await evaluate(world);
    expect(world.evaluation.getState()).toMatchObject({ activeRunId: newer.id, compareRunId: older.id });
    world.evaluation.getState().openStepAt(1);
    world.evaluation.getState().deleteRun(older.id);
    expect(world.evaluation.getState()).toMatchObject({
      activeRunId: newer.id,
      compareRunId: undefined,
      openStep: 1,
    });
    world.evaluation.getState().deleteRun(newer.id);
    expect(world.evaluation.getState()).toMatchObject({
      runs: [],
      activeRunId: undefined,
      compareRunId: undefined,
      openStep: undefined,
    });
    await world.evaluation.getState().flushed();
    expect([...world.storage.keys.keys()]).toEqual(['eval-runs']);
    const reloaded = await evalTestWorld({ storage: world.storage });
    expect(reloaded.evaluation.getState().runs).toEqual([]);
  });

  it('keeps a run in memory when storage refuses it, says what to do, and stores it once writes work again', async () => {
    const inner = memoryEvalStorage();
    let refuse = true;
    const storage: EvalStorage = {
      load: () => inner.load(),
      write: async (change) => {
        if (refuse) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        await inner.write(change);
      },
    };
    const world = await evalTestWorld({ storage });
    const refused = await evaluate(world);
    expect(refused.status).toBe('done');
    expect(refused.records).toHaveLength(6);
    expect(world.evaluation.getState().problem).toMatch(
      /^Evaluation runs could not be saved in this browser \(QuotaExceededError: The quota has been exceeded\.\); they stay on this page until it closes\. Delete old runs/,
    );
    expect(inner.keys.size).toBe(0);

    refuse = false;
    const next = await evaluate(world, 1);
    expect(world.evaluation.getState().problem).toBe('');
    const reloaded = await evalTestWorld({ storage: inner });
    expect(reloaded.evaluation.getState().runs).toEqual([next, refused]);
  });

  it('leaves data written by a newer umi untouched and says so, while runs still work in memory', async () => {
    const newer = new Map<string, unknown>([
      ['eval-runs', { version: 2, order: ['x'] }],
      ['run:x', { id: 'x', shape: 'of the future' }],
    ]);
    const storage = memoryEvalStorage(new Map(newer));
    const world = await evalTestWorld({ storage });
    const problem = /^Saved evaluation runs come from a newer umi \(schema 2\); reload the newest version/;
    expect(world.evaluation.getState().problem).toMatch(problem);
    expect(world.evaluation.getState().runs).toEqual([]);
    const run = await evaluate(world);
    expect(run.status).toBe('done');
    world.evaluation.getState().deleteRun(run.id);
    await world.evaluation.getState().flushed();
    expect(storage.writes).toEqual([]);
    expect(storage.keys).toEqual(newer);
    expect(world.evaluation.getState().problem).toMatch(problem);
  });

  it('drops malformed stored runs on load and deletes their keys, keeping the good ones', async () => {
    const world = await evalTestWorld();
    const good = await evaluate(world, 1);
    world.storage.keys.set('eval-runs', { version: 1, order: ['bad', good.id, 'missing'] });
    world.storage.keys.set('run:bad', { id: 'bad', status: 'exploded' });
    world.storage.keys.set('steps:bad', []);
    const reloaded = await evalTestWorld({ storage: world.storage });
    expect(reloaded.evaluation.getState().runs).toEqual([good]);
    expect(reloaded.evaluation.getState().problem).toBe('');
    await reloaded.evaluation.getState().flushed();
    expect(world.storage.keys.get('eval-runs')).toEqual({ version: 1, order: [good.id] });
    expect(world.storage.keys.has('run:bad')).toBe(false);
    expect(world.storage.keys.has('steps:bad')).toBe(false);
  });
});
