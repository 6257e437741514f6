import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChatCallerOutput } from '../../agent/chat-parsers.ts';
import { chatCallerMessages, chatMlText } from '../../agent/chat-prompts.ts';
import { callerSchema } from '../../agent/chat-schemas.ts';
import { isJsonObject } from '../../agent/json.ts';
import { parsePythonJson } from '../../agent/python-json-parse.ts';
import { chatRequests } from '../../agent/role-requests.ts';
import { EMBEDDED_MODELS_DIR } from '../../catalog/node-model-files.ts';
import { validateArguments } from '../../tools/execute/validate-arguments.ts';
import { importOpenApi } from '../../tools/import/openapi-import.ts';
import type { Tool } from '../../tools/tool.ts';
import { type ChatMessage, collectGeneration, GREEDY, type OutputConstraint } from '../engine.ts';
import { NodeLlamaEngine } from './node-llama-engine.ts';

const TASKS = [
  ['Weather in Lausanne?', 'Find the city id of Lausanne first.'],
  ['How many people live in Kyoto?', 'Look up the city Kyoto.'],
  ['What time is it in Lima?', 'Get the local time for city id 12.'],
  ['Convert 250 CHF to EUR', 'Convert the amount.'],
  ['Which currency does Kenya use?', "Get the country's facts."],
  ['List five cities in Japan', 'List the cities of the country.'],
  ['Add "buy milk" to my todos', 'Add the todo.'],
  ['Show my open todos', 'List the todos that are not done.'],
  ['Mark todo 4 as done', 'Mark that todo done.'],
  ['Delete todo 9', 'Delete the todo.'],
  ['Is it raining in Oslo, in fahrenheit?', 'Get the weather for id 3 in imperial units.'],
  ['What is the capital of Peru?', "Get the country's facts."],
  ['Remind me to call Ana on 2026-12-01', 'Add the todo with its due date.'],
  ['How hot is it in Cairo?', 'Find the city id of Cairo first.'],
  ['Exchange 10 USD into yen', 'Convert the amount.'],
  ['Cities in Brazil, at most 3', 'List the cities of the country.'],
] as const;

/** Regex patterns are outside the subset llama.cpp's JSON-Schema converter enforces; checked apart. */
function withoutPatterns(tool: Tool): Tool {
  return JSON.parse(JSON.stringify(tool), (key, value) => (key === 'pattern' ? undefined : value)) as Tool;
}

describe('chat caller under its JSON Schema on llama.cpp (the embedded backbone)', {
  timeout: 120_000,
}, () => {
  const engine = new NodeLlamaEngine({ modelPath: join(EMBEDDED_MODELS_DIR, 'umi-tiny-backbone.gguf') });
  beforeAll(() => engine.load(), 60_000);
  afterAll(() => engine.unload());
  const generate = async (
    input: string | readonly ChatMessage[],
    constraint?: OutputConstraint,
    mustStop = true,
  ) => {
    const finish = await collectGeneration(
      engine.complete({
        prompt: typeof input === 'string' ? input : chatMlText(input),
        sampling: GREEDY,
        maxTokens: 200,
        ...(constraint ? { constraint } : {}),
      }),
    );
    if (mustStop) expect(finish.reason, finish.text).toBe('stop');
    return finish;
  };

  it('names an offered API with arguments valid for its schema on every task, under the profile’s grammar', async () => {
    const tools = await demoTools();
    const requests = chatRequests({
      roles: { planner: engine, caller: engine, summarizer: engine },
      tools,
      systemPrefix: false,
      constrainedCaller: true,
      grounding: true,
    });
    for (const [task, thought] of TASKS) {
      const request = requests.caller([
        { from: 'user', value: task },
        { from: 'assistant', value: `${thought} Next: caller.` },
      ]);
      expect(request.constraint?.type).toBe('grammar');
      const finish = await generate(request.input, request.constraint);
      const call = parseChatCallerOutput(finish.text);
      const tool = tools.find((candidate) => candidate.name === call.action);
      expect(tool, finish.text).toBeDefined();
      const parsed = parsePythonJson(call.actionInput);
      expect(parsed.ok && isJsonObject(parsed.value), finish.text).toBe(true);
      if (tool && parsed.ok && isJsonObject(parsed.value))
        expect(validateArguments(withoutPatterns(tool), parsed.value), finish.text).toBeUndefined();
    }
  });

  it('starts every reply with an offered API name under the JSON Schema (llama.cpp’s converter)', async () => {
    const tools = await demoTools();
    const constraint = { type: 'json-schema', schema: callerSchema(tools) } as const;
    const names = tools.map((tool) => tool.name);
    for (const [task, thought] of TASKS.slice(0, 8)) {
      const messages = chatCallerMessages(tools, [
        { from: 'user', value: task },
        { from: 'assistant', value: `${thought} Next: caller.` },
      ]);
      // Free strings may run to maxTokens here (the converter has no grounding): only the name is checked.
      const finish = await generate(messages, constraint, false);
      const name = /^\{\s*"name"\s*:\s*"([^"]*)"/.exec(finish.text)?.[1];
      expect(names, finish.text).toContain(name);
    }
  });
});

async function demoTools(): Promise<Tool[]> {
  const url = new URL('../../demo-api/openapi.json', import.meta.url);
  const text = await readFile(url, 'utf8');
  return (await importOpenApi({ text, url: 'http://127.0.0.1/demo-api/openapi.json' })).tools;
}
