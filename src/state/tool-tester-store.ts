import { createStore, type StoreApi } from 'zustand/vanilla';
import { isJsonObject } from '../agent/json.ts';
import { parsePythonJson } from '../agent/python-json-parse.ts';
import { createHttpExecutor } from '../tools/execute/http-executor.ts';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import type { Problem } from '../tools/import/problems.ts';
import type { Tool, ToolResult } from '../tools/tool.ts';

/** The state of the API tester: an imported OpenAPI document and one call made by hand. */
export interface ToolTesterState {
  specUrl: string;
  loading: boolean;
  api: string;
  tools: Tool[];
  problems: Problem[];
  selected: string;
  argumentsText: string;
  /** Whether a mutating call made from the tester may go ahead (the user's confirmation). */
  allowChanges: boolean;
  calling: boolean;
  result: ToolResult | undefined;
  /** A problem with the user's input (bad JSON arguments, failed import) in words they can act on. */
  inputError: string;
  setSpecUrl(url: string): void;
  select(name: string): void;
  setArgumentsText(text: string): void;
  setAllowChanges(allow: boolean): void;
  load(): Promise<void>;
  call(): Promise<void>;
}

/** What the tester needs from the world; browser defaults. */
export interface ToolTesterWorld {
  fetch?: typeof fetch;
  pageOrigin?: string;
}

/** Creates the API tester's store (zustand vanilla, no React). */
export function createToolTesterStore(world: ToolTesterWorld = {}): StoreApi<ToolTesterState> {
  const fetchImpl = world.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return createStore<ToolTesterState>()((set, get) => ({
    specUrl: '/demo-api/openapi.json',
    loading: false,
    api: '',
    tools: [],
    problems: [],
    selected: '',
    argumentsText: '{}',
    allowChanges: false,
    calling: false,
    result: undefined,
    inputError: '',
    setSpecUrl: (specUrl) => set({ specUrl }),
    select: (selected) => set({ selected, result: undefined, inputError: '' }),
    setArgumentsText: (argumentsText) => set({ argumentsText }),
    setAllowChanges: (allowChanges) => set({ allowChanges }),
    async load() {
      const base = world.pageOrigin ?? globalThis.location?.href;
      let url: string;
      try {
        url = new URL(get().specUrl, base).href;
      } catch {
        set({ inputError: `"${get().specUrl}" is not a URL: give the address of an OpenAPI document.` });
        return;
      }
      set({ loading: true, inputError: '', result: undefined });
      try {
        const imported = await importOpenApi({ url }, { fetch: fetchImpl });
        set({
          api: imported.api,
          tools: imported.tools,
          problems: imported.problems,
          selected: imported.tools[0]?.name ?? '',
        });
      } catch (error) {
        set({
          inputError: `Could not import ${url}: ${error instanceof Error ? error.message : String(error)}`,
        });
      } finally {
        set({ loading: false });
      }
    },
    async call() {
      const { tools, selected, argumentsText, allowChanges } = get();
      const parsed = parsePythonJson(argumentsText);
      if (!parsed.ok || !isJsonObject(parsed.value)) {
        set({ inputError: 'Arguments must be a JSON object, e.g. {"name": "Oslo"}.', result: undefined });
        return;
      }
      set({ calling: true, inputError: '', result: undefined });
      const options = { tools, fetch: fetchImpl, confirm: async () => allowChanges };
      const execute = createHttpExecutor(
        world.pageOrigin === undefined ? options : { ...options, pageOrigin: world.pageOrigin },
      );
      try {
        const result = await execute(
          { name: selected, arguments: parsed.value },
          new AbortController().signal,
        );
        set({ result });
      } finally {
        set({ calling: false });
      }
    },
  }));
}
