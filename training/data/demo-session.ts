import type { JsonObject } from '../../src/agent/json.ts';
import { toolResultObservation } from '../../src/agent/observation.ts';
import type { AddedCurrency, City, Country, Todo } from '../../src/demo-api/demo-data.ts';
import { startDemoServer } from '../../src/demo-api/demo-server.ts';
import { createHttpExecutor } from '../../src/tools/execute/http-executor.ts';
import { importOpenApi } from '../../src/tools/import/openapi-import.ts';
import type { Tool, ToolResult } from '../../src/tools/tool.ts';

/** One executed call: the tool's name as the models see it, the raw result and its observation text. */
export interface Executed {
  name: string;
  result: ToolResult;
  observation: string;
}

/** The real demo API on a free port, its imported tools, and an executor that confirms every call. */
export interface DemoSession {
  tools: Tool[];
  /** The α-UMi doc objects of every tool, in the document's order. */
  docs: JsonObject[];
  /** Runs an operation (by operationId) for real and returns its observation. */
  execute(operationId: string, args: JsonObject): Promise<Executed>;
  /** Replaces the server's todo list. */
  setTodos(todos: readonly Todo[]): Promise<void>;
  /** Adds cities to the server's data (made-up ones for the training split). */
  addCities(cities: readonly City[]): Promise<void>;
  /** Adds countries to the server's data (made-up ones for the training split; their currencies first). */
  addCountries(countries: readonly Country[]): Promise<void>;
  /** Adds currencies to the server's data (made-up ones for the training split). */
  addCurrencies(currencies: readonly AddedCurrency[]): Promise<void>;
  /** Restores the server's seeded data (drops added cities, countries and currencies). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the demo server (control endpoints on) and imports its OpenAPI document. */
export async function openDemoSession(): Promise<DemoSession> {
  const server = await startDemoServer({ control: true });
  try {
    const imported = await importOpenApi({ url: `${server.url}/openapi.json` }, { fetch });
    if (imported.problems.length > 0) {
      throw new Error(`The demo API document has problems: ${JSON.stringify(imported.problems)}`);
    }
    const tools = imported.tools;
    const run = createHttpExecutor({ tools, fetch, confirm: async () => true });
    const signal = new AbortController().signal;
    return {
      tools,
      docs: tools.map((tool) => tool.doc),
      async execute(operationId, args) {
        const name = `${operationId.toLowerCase()}_for_${imported.api}`;
        if (!tools.some((tool) => tool.name === name)) throw new Error(`The demo API has no tool ${name}`);
        const result = await run({ name, arguments: args }, signal);
        return { name, result, observation: toolResultObservation(result) };
      },
      async setTodos(todos) {
        const response = await fetch(`${server.url}/_control/todos`, {
          method: 'POST',
          body: JSON.stringify(todos),
        });
        if (!response.ok) throw new Error(`Setting the todos failed: ${await response.text()}`);
      },
      addCities: (cities) => addInParts(server.url, 'cities', cities),
      addCountries: (countries) => addInParts(server.url, 'countries', countries),
      addCurrencies: (currencies) => addInParts(server.url, 'currencies', currencies),
      async reset() {
        const response = await fetch(`${server.url}/_control/reset`, { method: 'POST' });
        if (!response.ok) throw new Error(`Resetting the demo data failed: ${await response.text()}`);
      },
      close: () => server.close(),
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Posts `items` to `/_control/<what>` in parts of 200: the server refuses bodies over 64 KB. */
async function addInParts(url: string, what: string, items: readonly unknown[]): Promise<void> {
  for (let start = 0; start < items.length; start += 200) {
    const response = await fetch(`${url}/_control/${what}`, {
      method: 'POST',
      body: JSON.stringify(items.slice(start, start + 200)),
    });
    if (!response.ok) throw new Error(`Adding ${what} failed: ${await response.text()}`);
  }
}
