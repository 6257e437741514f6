import type { AgentEvent } from '../agent/events.ts';
import type { JsonValue } from '../agent/json.ts';
import { runAgent } from '../agent/run-agent.ts';
import type { Trajectory } from '../agent/trajectory.ts';
import { ScriptedEngine, type ScriptedResponse } from '../engines/scripted/scripted-engine.ts';
import type { Tool, ToolCall, ToolExecutor, ToolResult } from '../tools/tool.ts';

/** Two small tools forming a chain (city id → weather), for loop tests. */
export const CHAIN_TOOLS: Tool[] = [
  {
    name: 'search_city',
    description: 'Find a city by name.',
    parameters: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    doc: {
      Name: 'search_city',
      function: 'Find a city by name; returns its id.',
      input: { name: 'string, ' },
    },
    mutating: false,
  },
  {
    name: 'get_weather',
    description: 'Current weather for a city id.',
    parameters: { type: 'object', properties: { city_id: { type: 'integer' } }, required: ['city_id'] },
    doc: { Name: 'get_weather', function: 'Current weather for a city id.', input: { city_id: 'integer, ' } },
    mutating: false,
  },
];

/** An executor over fixed answers per tool that records every call it receives. */
export function recordingExecutor(answers: Record<string, (call: ToolCall) => ToolResult>): {
  execute: ToolExecutor;
  calls: ToolCall[];
} {
  const calls: ToolCall[] = [];
  const execute: ToolExecutor = async (call) => {
    calls.push(call);
    const answer = answers[call.name];
    if (answer === undefined) throw new Error(`no answer scripted for ${call.name}`);
    return answer(call);
  };
  return { execute, calls };
}

/** A loaded scripted engine replaying the given outputs. */
export async function scriptedModel(modelId: string, responses: ScriptedResponse[], tokenDelayMs = 0) {
  const engine = new ScriptedEngine({ modelId, responses, tokenDelayMs });
  await engine.load();
  return engine;
}

/** Drains a run, returning its events and final trajectory. */
export async function drain(
  run: AsyncGenerator<AgentEvent, Trajectory>,
): Promise<{ events: AgentEvent[]; trajectory: Trajectory }> {
  const events: AgentEvent[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done === true) return { events, trajectory: next.value };
    events.push(next.value);
  }
}

/** A JSON body result, as the HTTP executor returns for `application/json`. */
export function jsonResult(body: JsonValue): ToolResult {
  return { ok: true, status: 200, body, isJson: true, durationMs: 1 };
}

/** Answers of the `CHAIN_TOOLS` for Oslo (id 42): its search, then its weather. */
export const OSLO_WEATHER_ANSWERS = {
  search_city: () => jsonResult({ id: 42, name: 'Oslo' }),
  get_weather: () => jsonResult({ city_id: 42, temperature_c: -3, sky: 'snow' }),
};

/**
 * A scripted chained run over `CHAIN_TOOLS`: search Oslo, get its weather, answer "It is 3 degrees
 * in Oslo." (eight steps, status answered). For tests of what consumes runs (stores, exports).
 */
export async function scriptedChainRun(): Promise<{ events: AgentEvent[]; trajectory: Trajectory }> {
  const planner = await scriptedModel('planner', [
    'Find the city. Next: caller.',
    'Get its weather. Next: caller.',
    'Done. Next: conclusion.',
  ]);
  const caller = await scriptedModel('caller', [
    'Action: search_city\nAction Input: {"name": "Oslo"}',
    'Action: get_weather\nAction Input: {"city_id": 1}',
  ]);
  const summarizer = await scriptedModel('summarizer', ['It is 3 degrees in Oslo.']);
  const { execute } = recordingExecutor({
    search_city: () => jsonResult([{ id: 1, name: 'Oslo' }]),
    get_weather: () => jsonResult({ temperature: 3 }),
  });
  const roles = { planner, caller, summarizer };
  return drain(runAgent({ task: 'Weather in Oslo?', tools: CHAIN_TOOLS, roles, execute }));
}
