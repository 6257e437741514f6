import type { JsonObject } from '../../src/agent/json.ts';
import { toolResultObservation } from '../../src/agent/observation.ts';
import type { City, Todo } from '../../src/demo-api/demo-data.ts';
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
  /** Restores the server's seeded data (drops added cities). */
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
      async addCities(cities) {
        // In parts: the server refuses bodies over 64 KB.
        for (let start = 0; start < cities.length; start += 500) {
          const response = await fetch(`${server.url}/_control/cities`, {
            method: 'POST',
            body: JSON.stringify(cities.slice(start, start + 500)),
          });
          if (!response.ok) throw new Error(`Adding cities failed: ${await response.text()}`);
        }
      },
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
