import { describe, expect, it, vi } from 'vitest';
import { scriptedChainRun } from '../testing/agent-test-kit.ts';
import sessionsVersion1 from './fixtures/sessions-v1.json' with { type: 'json' };
import type { RunRecord } from './run-record.ts';
import { memorySessionStorage, SESSIONS_VERSION, type StoredSessions } from './session-storage.ts';
import { createSessionStore } from './session-store.ts';

describe('the session store', () => {
  it('saves every step as it ends, streams the step in progress, and keeps the whole run', async () => {
    const storage = memorySessionStorage();
    const sessions = createSessionStore(storage);
    await sessions.getState().hydrate();
    const events = (await scriptedChainRun()).events;
    let sawLiveText = false;
    for (const event of events) {
      sessions.getState().apply(event);
      if (sessions.getState().runs[0]?.live?.text) sawLiveText = true;
    }
    await sessions.getState().flushed();
    expect(sawLiveText).toBe(true);
    const [run] = sessions.getState().runs;
    expect(run?.title).toBe('Weather in Oslo?');
    expect(run?.trajectory.status).toBe('answered');
    expect(run?.trajectory.steps.map((step) => (step.type === 'model' ? step.role : 'tool'))).toEqual([
      'planner',
      'caller',
      'tool',
      'planner',
      'caller',
      'tool',
      'planner',
      'summarizer',
    ]);
    const stepEnds = events.filter((event) => event.type === 'step-end').length;
    expect(storage.writes.length).toBeGreaterThanOrEqual(stepEnds);
    expect(storage.writes.every((write) => write.put.length === 1 && write.order.length === 1)).toBe(true);
    const stored = (await storage.load()) as StoredSessions;
    expect(stored.runs[0]?.trajectory.answer).toBe('It is 3 degrees in Oslo.');
  });

  it('marks a run cut off mid-way as interrupted when the page loads again, with its steps so far', async () => {
    const storage = memorySessionStorage();
    const first = createSessionStore(storage);
    const events = (await scriptedChainRun()).events;
    const cut = events.findIndex((event) => event.type === 'step-end' && event.step.index === 2);
    for (const event of events.slice(0, cut + 1)) first.getState().apply(event);
    await first.getState().flushed();

    const reloaded = createSessionStore(storage);
    await reloaded.getState().hydrate();
    const [run] = reloaded.getState().runs;
    expect(run?.trajectory.status).toBe('interrupted');
    expect(run?.trajectory.steps.map((step) => step.index)).toEqual([0, 1, 2]);
    expect(run?.live).toBeUndefined();
    expect(reloaded.getState().activeId).toBe(run?.id);
  });

  it('leaves runs saved by a newer umi untouched and says what to do', async () => {
    const newer = { version: SESSIONS_VERSION + 1, runs: [{ id: 'future' }] };
    const storage = memorySessionStorage(newer);
    const sessions = createSessionStore(storage);
    await sessions.getState().hydrate();
    expect(sessions.getState().storageProblem).toMatch(/newer umi/);
    for (const event of (await scriptedChainRun()).events) sessions.getState().apply(event);
    await sessions.getState().flushed();
    expect(storage.writes).toEqual([]);
    expect(await storage.load()).toEqual(newer);
  });

  it('drops malformed stored runs instead of failing to start', async () => {
    const stored = {
      version: SESSIONS_VERSION,
      runs: [{ id: 3 }, 'nonsense', null],
    } as unknown as StoredSessions;
    const sessions = createSessionStore(memorySessionStorage(stored));
    await sessions.getState().hydrate();
    expect(sessions.getState()).toMatchObject({ hydrated: true, runs: [], storageProblem: '' });
  });

  it('writes only the run that changed, so a step of one run does not rewrite the others', async () => {
    const storage = memorySessionStorage(sessionsVersion1);
    const sessions = createSessionStore(storage);
    await sessions.getState().hydrate();
    await sessions.getState().flushed();
    const before = storage.writes.length;
    const events = (await scriptedChainRun()).events;
    for (const event of events) sessions.getState().apply(event);
    await sessions.getState().flushed();
    const during = storage.writes.slice(before);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((write) => write.put.length === 1 && write.order.length === 3)).toBe(true);
    sessions.getState().remove('run-cut-off');
    await sessions.getState().flushed();
    expect(storage.keys.has('run:run-cut-off')).toBe(false);
    expect(((await storage.load()) as StoredSessions).runs.map((run) => run.id)).not.toContain('run-cut-off');
  });

  it('loads sessions saved by umi schema 1 (one key holding every run) and stores them in the current layout', async () => {
    const storage = memorySessionStorage(sessionsVersion1);
    const sessions = createSessionStore(storage);
    await sessions.getState().hydrate();
    await sessions.getState().flushed();
    const runs = sessions.getState().runs;
    expect(sessions.getState().storageProblem).toBe('');
    expect(runs.map((run) => [run.id, run.title, run.trajectory.status])).toEqual([
      ['run-cut-off', 'Weather in Oslo?', 'interrupted'],
      [sessionsVersion1.runs[1]?.id, 'Weather in Oslo?', 'answered'],
    ]);
    expect(runs[1]?.trajectory.answer).toBe('It is 3 degrees in Oslo.');
    expect(runs[0]?.trajectory.steps.map((step) => step.index)).toEqual([0, 1, 2]);
    expect(storage.keys.get('sessions')).toEqual({
      version: SESSIONS_VERSION,
      order: runs.map((run) => run.id),
    });
    expect(storage.keys.get('run:run-cut-off')).toMatchObject({ id: 'run-cut-off' });

    const reloaded = createSessionStore(storage);
    await reloaded.getState().hydrate();
    expect(reloaded.getState().runs).toEqual(runs);
  });

  it('holds past runs as summaries once stored, and reads one back whole when it is opened or continued', async () => {
    const storage = memorySessionStorage();
    const sessions = createSessionStore(storage);
    await sessions.getState().hydrate();
    const first = await scriptedChainRun();
    const second = await scriptedChainRun();
    for (const event of first.events) sessions.getState().apply(event);
    for (const event of second.events) sessions.getState().apply(event);
    await sessions.getState().flushed();
    const prompts = (record: RunRecord | undefined) =>
      (record?.trajectory.steps ?? []).flatMap((step) => (step.type === 'model' ? [step.prompt] : []));
    const [newest, older] = sessions.getState().runs;
    expect(newest?.partial).toBeUndefined();
    expect(older?.partial).toBe(true);
    expect(older?.trajectory.steps).toEqual([]);
    expect(older).toMatchObject({ title: 'Weather in Oslo?', trajectory: { status: 'answered' } });
    // Storage keeps the whole run, and later saves never write the slimmed copy over it.
    const stored = (await storage.read(first.trajectory.id)) as RunRecord;
    expect(prompts(stored).every((prompt) => prompt.length > 0)).toBe(true);
    sessions.getState().remove('nothing-to-remove');
    await sessions.getState().flushed();
    expect(storage.writes.every((write) => write.put.every((run) => run.partial === undefined))).toBe(true);

    sessions.getState().select(first.trajectory.id);
    await vi.waitFor(() => expect(sessions.getState().runs[1]?.partial).toBeUndefined());
    expect(prompts(sessions.getState().runs[1])).toEqual(prompts(stored));
    expect(sessions.getState().runs[1]?.trajectory.turns).toEqual(first.trajectory.turns);
    // A follow-up on a run held as a summary gets the whole run.
    const newest2 = sessions.getState().runs[0] as RunRecord;
    sessions.getState().select(newest2.id);
    await sessions.getState().flushed();
    sessions.getState().remove('again-nothing');
    await sessions.getState().flushed();
    expect(sessions.getState().runs[1]?.partial).toBe(true);
    const whole = await sessions.getState().wholeRun(first.trajectory.id);
    expect(whole?.trajectory.turns).toEqual(first.trajectory.turns);
  });

  it('reports a save that fails (storage full) in words, keeps the runs in memory, and saves them all with the report cleared once saving works again', async () => {
    const storage = memorySessionStorage();
    let full = true;
    const sessions = createSessionStore({
      load: () => storage.load(),
      read: (id) => storage.read(id),
      write: (change) =>
        full
          ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
          : storage.write(change),
    });
    await sessions.getState().hydrate();
    const events = (await scriptedChainRun()).events;
    const cut = events.findIndex((event) => event.type === 'step-end' && event.step.index === 2);
    for (const event of events.slice(0, cut + 1)) sessions.getState().apply(event);
    await sessions.getState().flushed();
    expect(sessions.getState().storageProblem).toBe(
      'Runs could not be saved in this browser (QuotaExceededError: The quota has been exceeded.); export them to keep them, or free space by deleting runs.',
    );
    expect(sessions.getState().runs[0]?.trajectory.steps).toHaveLength(3);
    expect(storage.writes).toEqual([]);

    sessions
      .getState()
      .importRun({ ...structuredClone(sessions.getState().runs[0] as RunRecord), id: 'imported' });
    await sessions.getState().flushed();
    sessions.getState().remove('imported');
    await sessions.getState().flushed();

    full = false;
    for (const event of events.slice(cut + 1)) sessions.getState().apply(event);
    await sessions.getState().flushed();
    expect(sessions.getState().storageProblem).toBe('');
    const stored = (await storage.load()) as StoredSessions;
    expect(stored.runs.map((run) => run.trajectory.status)).toEqual(['answered']);
    expect(stored.runs[0]?.trajectory.steps).toHaveLength(
      events.filter((event) => event.type === 'step-end').length,
    );
    // The first save that worked wrote the run refused before and deleted the run removed meanwhile.
    expect(storage.writes[0]).toMatchObject({
      put: [{ id: sessions.getState().runs[0]?.id }],
      remove: ['imported'],
    });
  });

  it('reports stored runs that cannot be read instead of starting empty without a word', async () => {
    const sessions = createSessionStore({
      load: () =>
        Promise.reject(new DOMException('The database connection is closing.', 'InvalidStateError')),
      read: () => Promise.resolve(undefined),
      write: () => Promise.resolve(),
    });
    await sessions.getState().hydrate();
    expect(sessions.getState()).toMatchObject({
      hydrated: true,
      storageProblem: 'Saved runs could not be read (The database connection is closing.).',
    });
  });

  it('keeps the stored runs when a run starts before they have been read', async () => {
    const storage = memorySessionStorage(sessionsVersion1);
    const before = createSessionStore(storage);
    await before.getState().hydrate(); // now in the schema-2 layout
    await before.getState().flushed();

    const events = (await scriptedChainRun()).events;
    const sessions = createSessionStore(storage);
    const reading = sessions.getState().hydrate();
    for (const event of events) sessions.getState().apply(event);
    await reading;
    await sessions.getState().flushed();
    const stored = (await storage.load()) as StoredSessions;
    expect(stored.runs).toHaveLength(3);
    expect(stored.runs.map((run) => run.id)).toContain('run-cut-off');
  });
});
