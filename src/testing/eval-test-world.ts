import { gzipSync } from 'node:zlib';
import type { ModelEntry } from '../catalog/model-manifest.ts';
import { ScriptedEngine, type ScriptedRequest } from '../engines/scripted/scripted-engine.ts';
import type { Dialogue } from '../eval/steps.ts';
import { createAgentStore } from '../state/agent-store.ts';
import { type EvalStorage, type MemoryEvalStorage, memoryEvalStorage } from '../state/eval-storage.ts';
import { createEvalStore } from '../state/eval-store.ts';
import { memorySessionStorage } from '../state/session-storage.ts';
import { createSessionStore } from '../state/session-store.ts';
import { modelsFetch, TEST_MANIFEST_URL } from './models-fetch.ts';

const TOOLS = [
  { Name: 'searchcities_for_demo', function: 'Find cities.', input: { name: 'string, city name' } },
  { Name: 'getweather_for_demo', function: 'Weather.', input: { city_id: 'integer, city id' } },
];
const dialogue = (city: string, id: number): Dialogue => ({
  tools: TOOLS,
  instruction: `Weather in ${city}?`,
  conversations: [
    { from: 'user', value: `Weather in ${city}?` },
    { from: 'assistant', value: 'Find the city. Next: caller.' },
    { from: 'caller', value: `Action: searchcities_for_demo\nAction Input: {"name": "${city}"}` },
    { from: 'observation', value: `[{"id": ${id}, "name": "${city}"}]` },
    { from: 'assistant', value: 'I have it. Next: conclusion.' },
    { from: 'conclusion', value: `${city} has id ${id}.` },
  ],
});

/** Three weather dialogues of two steps each (a call, then a finish). */
export const WEATHER_DIALOGUES = [dialogue('Lyon', 7), dialogue('Oslo', 9), dialogue('Porto', 4)];
/** The dialogues as a test file's text. */
export const WEATHER_FILE = JSON.stringify(WEATHER_DIALOGUES);

/** Planner: call at the first step, finish later; caller: searches Lyon whatever the task (wrong for Oslo). */
const REPLIES: Record<string, (request: ScriptedRequest) => string> = {
  planner: (request) =>
    String(request.prompt).includes('observation:') ? 'Done. Next: conclusion.' : 'Search. Next: caller.',
  caller: () => 'Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}',
  summarizer: () => 'Lyon has id 7.',
};

/** What an eval test world may vary: the models' pace, where runs are stored and how often they are written. */
export interface EvalTestOptions<S extends EvalStorage> {
  tokenDelayMs?: number;
  /** Default: a fresh memory storage. */
  storage?: S;
  saveEveryMs?: number;
}

/** An agent store with scripted umi-tiny role models and an eval store over it (catalog and test file served by a fake fetch). */
export async function evalTestWorld<S extends EvalStorage = MemoryEvalStorage>(
  options: EvalTestOptions<S> = {},
) {
  const fetchFake = await modelsFetch(
    async (input) =>
      String(input) === 'http://data.test/fixtures/weather.json.gz'
        ? new Response(gzipSync(Buffer.from(WEATHER_FILE)))
        : new Response('missing', { status: 404 }),
    ['eval-datasets.json'],
  );
  const agent = createAgentStore({
    sessions: createSessionStore(memorySessionStorage()),
    createEngine: (entry: ModelEntry) =>
      new ScriptedEngine({
        modelId: entry.id,
        responses: REPLIES[entry.role] ?? (() => ''),
        ...(options.tokenDelayMs === undefined ? {} : { tokenDelayMs: options.tokenDelayMs }),
      }),
    fetch: fetchFake,
    manifestUrl: TEST_MANIFEST_URL,
    openApiUrl: null,
  });
  let clock = 0;
  // S is the memory storage's type whenever no storage is given.
  const storage = (options.storage ?? memoryEvalStorage()) as S;
  const evaluation = createEvalStore({
    agent,
    storage,
    fetch: fetchFake,
    catalogUrl: 'http://models.test/eval-datasets.json',
    datasetUrl: (file) => `http://data.test/${file}`,
    now: () => (clock += 5),
    scoreEveryMs: 0,
    ...(options.saveEveryMs === undefined ? {} : { saveEveryMs: options.saveEveryMs }),
  });
  await evaluation.getState().loadRuns();
  return { agent, evaluation, storage };
}
