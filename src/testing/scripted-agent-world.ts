import type { ModelEntry } from '../catalog/model-manifest.ts';
import type { DemoServer } from '../demo-api/demo-server.ts';
import { ScriptedEngine, type ScriptedResponse } from '../engines/scripted/scripted-engine.ts';
import type { AgentWorld } from '../state/agent-state.ts';
import { memorySessionStorage } from '../state/session-storage.ts';
import { createSessionStore } from '../state/session-store.ts';
import { modelsFetch, TEST_MANIFEST_URL } from './models-fetch.ts';

/** An agent world with scripted role models (replies per role), the shipped manifest, and `server`'s demo API. */
export async function scriptedWorld(
  server: DemoServer,
  scripts: Record<string, ScriptedResponse[]>,
  tokenDelayMs = 0,
): Promise<AgentWorld> {
  return {
    sessions: createSessionStore(memorySessionStorage()),
    createEngine: (entry: ModelEntry) =>
      new ScriptedEngine({ modelId: entry.id, responses: scripts[entry.role] ?? [], tokenDelayMs }),
    fetch: await modelsFetch(fetch),
    manifestUrl: TEST_MANIFEST_URL,
    openApiUrl: `${server.url}/openapi.json`,
  };
}
