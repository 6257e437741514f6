import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../agent/errors.ts';
import { startDemoServer } from '../demo-api/demo-server.ts';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import type { Problem } from '../tools/import/problems.ts';
import type { Tool } from '../tools/tool.ts';
import { retryingFetch } from './retrying-fetch.ts';

/** Tools for a run: imported from an OpenAPI document, with the demo server to stop when started here. */
export interface AgentTools {
  api: string;
  tools: Tool[];
  /** Where the document came from. */
  source: string;
  /** Warnings and errors the import found (the tools that imported cleanly are still usable). */
  problems: Problem[];
  /** The fetch to call the API with (for the in-process demo API, one that survives its idle-connection closes). */
  fetch: typeof fetch;
  close(): Promise<void>;
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/**
 * The tools of `openapi` (a URL or file), or of the demo API started in-process on a free port
 * when none is given. A UserError when the document yields no tool.
 */
export async function loadAgentTools(openapi: string | undefined): Promise<AgentTools> {
  const server = openapi === undefined ? await startDemoServer() : undefined;
  const source = server
    ? `${server.url}/openapi.json`
    : isUrl(openapi ?? '')
      ? (openapi ?? '')
      : resolve(openapi ?? '');
  const close = async () => {
    await server?.close();
  };
  try {
    const fetch = server ? retryingFetch() : globalThis.fetch;
    const world = { fetch, readFile: (path: string) => readFile(path, 'utf8') };
    const result = await importOpenApi({ url: source }, world);
    if (result.tools.length === 0) {
      const problems = result.problems.map((problem) => `  ${problem.location}: ${problem.message}`);
      throw new UserError(
        `${source} gave no usable tools${problems.length > 0 ? `:\n${problems.join('\n')}` : '.'}\n` +
          'Check it with `npm run --silent umi -- tools --openapi <url|file>`.',
      );
    }
    return { api: result.api, tools: result.tools, source, problems: result.problems, fetch, close };
  } catch (error) {
    await close();
    throw error;
  }
}
