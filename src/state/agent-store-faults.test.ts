import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../agent/errors.ts';
import { type DemoServer, startDemoServer } from '../demo-api/demo-server.ts';
import type { CompletionRequest, GenerationEvent } from '../engines/engine.ts';
import { ScriptedEngine, type ScriptedEngineOptions } from '../engines/scripted/scripted-engine.ts';
import { modelsFetch, TEST_MANIFEST_URL } from '../testing/models-fetch.ts';
import { createAgentStore } from './agent-store.ts';
import { memorySessionStorage } from './session-storage.ts';
import { createSessionStore } from './session-store.ts';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ control: true });
});
afterAll(async () => {
  await server.close();
});

/** A scripted engine whose next `crashes` generations crash the way a wllama worker does: it unloads itself and fails. */
class CrashingEngine extends ScriptedEngine {
  crashes: number;

  constructor(options: ScriptedEngineOptions & { crashes: number }) {
    super(options);
    this.crashes = options.crashes;
  }

  override complete(request: CompletionRequest): AsyncIterable<GenerationEvent> {
    if (this.crashes <= 0) return super.complete(request);
    this.crashes -= 1;
    return this.#crash();
  }

  // biome-ignore lint/correctness/useYield: fails before generating anything, as a crashed worker does
  async *#crash(): AsyncGenerator<GenerationEvent> {
    await this.unload();
    throw new EngineError('generation-failed', `${this.modelId} crashed while generating.`, {
      reason: 'crashed',
    });
  }
}

describe('the agent store when an engine fails', () => {
  it('shows a model whose engine crashed during a run as failed, keeps the run, and loads it again for the next run', async () => {
    const made: ScriptedEngine[] = [];
    const sessions = createSessionStore(memorySessionStorage());
    const agent = createAgentStore({
      sessions,
      manifestUrl: TEST_MANIFEST_URL,
      openApiUrl: `${server.url}/openapi.json`,
      fetch: await modelsFetch(fetch),
      createEngine: (entry) => {
        const responses = { planner: () => 'Hello. Next: conclusion.', summarizer: () => 'Hi.' };
        const respond = responses[entry.role as keyof typeof responses] ?? (() => '');
        const engine = new CrashingEngine({
          modelId: entry.id,
          responses: respond,
          crashes: entry.role === 'summarizer' ? 1 : 0,
        });
        made.push(engine);
        return engine;
      },
    });
    await agent.getState().prepare();

    const failed = await agent.getState().run('Hello');
    expect(failed?.status).toBe('error');
    expect(failed?.error?.message).toBe('umi-tiny-summarizer crashed while generating.');
    const summarizer = agent.getState().models.summarizer;
    expect(summarizer).toMatchObject({ status: 'error', device: '' });
    expect(summarizer.error).toMatch(/^umi-tiny-summarizer stopped working .* Load the models again\.$/);
    expect(agent.getState().models.planner.status).toBe('ready');

    const answered = await agent.getState().run('Hello again');
    expect(answered?.status).toBe('answered');
    expect(agent.getState().models.summarizer).toMatchObject({ status: 'ready', error: '' });
    expect(made).toHaveLength(3);
    expect(sessions.getState().runs.map((run) => run.trajectory.status)).toEqual(['answered', 'error']);
  });
});
