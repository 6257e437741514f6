import { describe, expect, it } from 'vitest';
import { scriptedChainRun } from '../testing/agent-test-kit.ts';
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
    expect(storage.saved.length).toBeGreaterThanOrEqual(stepEnds);
    expect(storage.saved.at(-1)?.runs[0]?.trajectory.answer).toBe('It is 3 degrees in Oslo.');
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
    expect(storage.saved).toEqual([]);
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
});
