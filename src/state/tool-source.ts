import { toErrorData } from '../agent/errors.ts';
import type { OpenApiSource } from '../tools/import/openapi-import.ts';
import type { Tool } from '../tools/tool.ts';
import type { SavedTools } from './settings-storage.ts';

/** Tools imported from one OpenAPI document, where they came from, and what the import reported. */
export interface ImportedTools {
  tools: Tool[];
  source: OpenApiSource;
  label: string;
  problems: string[];
  /** Operations switched off (restored from a saved choice). */
  disabled: string[];
}

/** Imports a document; fails with a message naming it when no operation could be imported. */
export async function importTools(
  fetchImpl: typeof fetch,
  source: OpenApiSource,
  label: string,
): Promise<ImportedTools> {
  // The importer (YAML, $ref resolution, the OpenAPI schemas) is big and needed only now: a chunk of its own.
  const { importOpenApi } = await import('../tools/import/openapi-import.ts');
  const { tools, problems } = await importOpenApi(source, { fetch: fetchImpl });
  const messages = problems.map((problem) => `${problem.location}: ${problem.message}`);
  if (tools.length === 0) {
    const why = messages.join('; ') || 'the document has no operations';
    throw new Error(`No tools could be imported from ${label}: ${why}`);
  }
  return { tools, source, label, problems: messages, disabled: [] };
}

/** The tools saved last time (with the operations that were off), the demo API when none were, and why a saved document could not be used. */
export async function importSavedTools(
  fetchImpl: typeof fetch,
  saved: SavedTools | undefined,
  demoApi: string,
): Promise<{ imported: ImportedTools; problem: string }> {
  if (saved === undefined)
    return { imported: await importTools(fetchImpl, { url: demoApi }, demoApi), problem: '' };
  const source = saved.url !== undefined ? { url: saved.url } : { text: saved.text ?? '' };
  try {
    const imported = await importTools(fetchImpl, source, saved.label);
    const names = new Set(imported.tools.map((tool) => tool.name));
    return {
      imported: { ...imported, disabled: saved.disabled.filter((name) => names.has(name)) },
      problem: '',
    };
  } catch (error) {
    return {
      imported: await importTools(fetchImpl, { url: demoApi }, demoApi),
      problem: `The tools imported earlier from ${saved.label} could not be loaded again (${toErrorData(error).message}); the demo API is used instead. Import them again in the tool manager.`,
    };
  }
}

/** What to keep of the current tools for the next visit. */
export function toolsToSave(
  imported: Pick<ImportedTools, 'source' | 'label'>,
  disabled: string[],
): SavedTools {
  const where = 'text' in imported.source ? { text: imported.source.text } : { url: imported.source.url };
  return { ...where, label: imported.label, disabled };
}
