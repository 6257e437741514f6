import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { groundingOf } from '../../agent/argument-grounding.ts';
import { callerGrammar } from '../../agent/caller-grammar.ts';
import { isJsonObject, type JsonObject } from '../../agent/json.ts';
import { parseCallerOutput } from '../../agent/output-parsers.ts';
import { parsePythonJson } from '../../agent/python-json-parse.ts';
import { validateArguments } from '../../tools/execute/validate-arguments.ts';
import { importOpenApi } from '../../tools/import/openapi-import.ts';
import type { Tool } from '../../tools/tool.ts';
import { complete, setupFixtureEngines } from './test-support.ts';

const { keeper } = setupFixtureEngines();

async function demoTools() {
  const url = new URL('../../demo-api/openapi.json', import.meta.url);
  const text = await readFile(url, 'utf8');
  return (await importOpenApi({ text, url: 'http://127.0.0.1/demo-api/openapi.json' })).tools;
}

/** The grammar enforces types, names, enums, required keys, small integer ranges and lengths, not regex patterns. */
function withoutPatterns(tool: Tool): Tool {
  return JSON.parse(JSON.stringify(tool), (key, value) => (key === 'pattern' ? undefined : value)) as Tool;
}

describe('constrained α-UMi caller on llama.cpp', { timeout: 60_000 }, () => {
  it('a random model under the caller grammar writes only offered names and schema-valid arguments', async () => {
    const tools = await demoTools();
    const grammar = callerGrammar(tools.map((tool) => ({ name: tool.name, schema: tool.parameters })));
    const names = new Set(tools.map((tool) => tool.name));
    let finished = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      const request = { prompt: `caller ${seed}: `, sampling: { temperature: 1, seed }, maxTokens: 120 };
      const { text, reason } = await complete(keeper, {
        ...request,
        constraint: { type: 'grammar', grammar },
      });
      const call = parseCallerOutput(text);
      expect(names, text).toContain(call.action);
      expect(text.startsWith(`Action: ${call.action}\nAction Input: {`), text).toBe(true);
      if (reason !== 'stop') continue; // a long string argument ran past maxTokens
      finished++;
      const parsed = parsePythonJson(call.actionInput);
      expect(parsed.ok && isJsonObject(parsed.value), text).toBe(true);
      const tool = tools.find((candidate) => candidate.name === call.action);
      if (tool && parsed.ok && isJsonObject(parsed.value))
        expect(validateArguments(withoutPatterns(tool), parsed.value), text).toBeUndefined();
    }
    expect(finished).toBeGreaterThan(3);
  });

  it('a random model under the grounded grammar copies every free string and number from the task or the observations', async () => {
    const tools = await demoTools();
    const grounding = groundingOf([
      { from: 'user', value: 'Convert 209.22 Nepalese rupees for "Pick up saffron" in Saint-Étienne' },
      { from: 'observation', value: '[{"id": 164, "name": "M\\u00fcnchen", "temp": -2.5}]' },
    ]);
    const grammar = callerGrammar(
      tools.map((tool) => ({ name: tool.name, schema: tool.parameters })),
      grounding,
    );
    const isWord = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);
    const isSpan = (value: string) =>
      grounding.texts.some((text) => {
        for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
          const end = at + value.length;
          if (!isWord(text[at - 1]) && !isWord(text[end]) && isWord(value[0]) && isWord(value.at(-1)))
            return true;
        }
        return false;
      });
    const numbers = new Set(['209.22', '164', '-2.5', '2.5', '22', '209']);
    let checked = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      const request = { prompt: `caller ${seed}: `, sampling: { temperature: 1, seed }, maxTokens: 120 };
      const { text, reason } = await complete(keeper, {
        ...request,
        constraint: { type: 'grammar', grammar },
      });
      if (reason !== 'stop') continue;
      const parsed = parsePythonJson(parseCallerOutput(text).actionInput);
      if (!parsed.ok || !isJsonObject(parsed.value)) throw new Error(`not an object: ${text}`);
      const tool = tools.find((candidate) => candidate.name === parseCallerOutput(text).action);
      const properties = tool?.parameters.properties;
      for (const [key, value] of Object.entries(parsed.value)) {
        checked++;
        const property = isJsonObject(properties) ? properties[key] : undefined;
        if (isJsonObject(property) && property.maximum !== undefined) continue; // small ranges are listed, not grounded
        if (typeof value === 'string' && !['metric', 'imperial'].includes(value))
          expect(isSpan(value), `${JSON.stringify(value)} in ${text}`).toBe(true);
        if (typeof value === 'number') expect(numbers, text).toContain(String(value));
      }
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('a random model under the grounded grammar writes a patterned argument only as a span matching it, or leaves it out', async () => {
    const createTodo = (await demoTools()).find((tool) => tool.name === 'createtodo_for_demo');
    if (createTodo === undefined) throw new Error('the demo API has no createtodo_for_demo');
    const schema = createTodo.parameters;
    // Required, `due` must be the one date the task writes; optional with no date there, never written.
    const cases: [JsonObject, string, string | undefined][] = [
      [
        { ...schema, required: ['text', 'due'] },
        'Add "Pay rent 7" due 2026-12-05, not 2026-13',
        '2026-12-05',
      ],
      [schema, 'Add a todo: buy milk 12 2026', undefined],
    ];
    for (const [api, task, due] of cases) {
      const grammar = callerGrammar([{ name: createTodo.name, schema: api }], { texts: [task] });
      let finished = 0;
      for (const seed of [1, 2, 3, 4, 5, 6]) {
        const request = { prompt: `caller ${seed}: `, sampling: { temperature: 1, seed }, maxTokens: 80 };
        const { text, reason } = await complete(keeper, {
          ...request,
          constraint: { type: 'grammar', grammar },
        });
        if (reason !== 'stop') continue;
        finished++;
        const parsed = parsePythonJson(parseCallerOutput(text).actionInput);
        if (!parsed.ok || !isJsonObject(parsed.value)) throw new Error(`not an object: ${text}`);
        if (due !== undefined) expect(parsed.value.due, text).toBe(due);
        else expect(parsed.value, text).not.toHaveProperty('due');
        expect(validateArguments(createTodo, parsed.value), text).toBeUndefined();
      }
      expect(finished).toBeGreaterThan(2);
    }
  });
});
