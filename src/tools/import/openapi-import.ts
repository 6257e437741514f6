import type { Tool } from '../tool.ts';
import { reportBrokenRefs } from './check-refs.ts';
import {
  fileName,
  type ImportWorld,
  INLINE_DOCUMENT_URL,
  readDocument,
  toDocumentUrl,
} from './import-world.ts';
import { type DocNode, isNode, stringAt } from './json-value.ts';
import { type ImportContext, where } from './openapi-context.ts';
import { listOperations } from './openapi-operations.ts';
import { securitySchemeTable } from './openapi-security.ts';
import { buildTool } from './openapi-tool.ts';
import { detectVersion } from './openapi-version.ts';
import { parseDocumentText } from './parse-document.ts';
import { type ImportResult, ProblemList, ROOT_LOCATION } from './problems.ts';
import { loadDocumentSet } from './resolve-refs.ts';
import { standardize } from './standardize.ts';
import { validateDocument } from './validate-document.ts';

export type { ImportWorld } from './import-world.ts';
export type { ImportResult, Problem } from './problems.ts';

/** An OpenAPI document to import: its text (with the URL it came from, if any) or just its URL/path. */
export type OpenApiSource = { text: string; url?: string } | { url: string };

/** Ends an import early with what was found so far. */
function stop(problems: ProblemList, api = ''): ImportResult {
  return { api, tools: [], problems: problems.items };
}

/** Keeps the first of tools that share an operationId or a Name, with an error naming both places. */
function dropDuplicates(
  ctx: ImportContext,
  built: { tool: Tool; location: string; operationId?: string }[],
): Tool[] {
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  const tools: Tool[] = [];
  for (const { tool, location, operationId } of built) {
    const firstId = operationId === undefined ? undefined : byId.get(operationId);
    if (firstId !== undefined) {
      ctx.problems.error(
        `duplicate operationId "${operationId}" (also at ${firstId}); only the first is imported`,
        location,
      );
      continue;
    }
    const firstName = byName.get(tool.name);
    if (firstName !== undefined) {
      ctx.problems.error(
        `duplicate tool name "${tool.name}" after standardize (also at ${firstName}); only the first is imported`,
        location,
      );
      continue;
    }
    if (operationId !== undefined) byId.set(operationId, location);
    byName.set(tool.name, location);
    tools.push(tool);
  }
  return tools;
}

async function importDocument(
  source: OpenApiSource,
  world: ImportWorld,
  problems: ProblemList,
): Promise<ImportResult> {
  const url = source.url === undefined ? INLINE_DOCUMENT_URL : toDocumentUrl(source.url);
  if (url === undefined) {
    problems.error(`"${source.url}" is neither a URL nor an absolute file path`, ROOT_LOCATION);
    return stop(problems);
  }
  let text: string;
  try {
    text = 'text' in source ? source.text : await readDocument(url, world);
  } catch (error) {
    problems.error(
      `cannot read the document: ${error instanceof Error ? error.message : String(error)}`,
      fileName(url),
    );
    return stop(problems);
  }
  const parsed = parseDocumentText(text, fileName(url));
  if (!parsed.ok) {
    problems.error(
      `invalid ${parsed.format}: ${parsed.reason} (line ${parsed.line}, column ${parsed.column})`,
      `${fileName(url)}:${parsed.line}:${parsed.column}`,
    );
    return stop(problems);
  }
  const root = parsed.value;
  if (!isNode(root)) {
    problems.error(
      'the document is not an object with "openapi" (or "swagger"), "info" and "paths"',
      ROOT_LOCATION,
    );
    return stop(problems);
  }
  const version = detectVersion(root);
  if (!version.ok) {
    problems.error(version.message, version.location);
    return stop(problems);
  }
  for (const problem of validateDocument(root, version.version)) problems.add(problem);
  const docs = await loadDocumentSet(root, url, world);
  reportBrokenRefs(docs, problems);
  const info: DocNode = isNode(root.info) ? root.info : {};
  const title = stringAt(info, 'title') ?? '';
  if (standardize(title) === '')
    problems.warning('info.title has no letters or digits, so tool names end in "_for_"', 'info.title');
  const ctx: ImportContext = { version: version.version, root, docs, problems, title, schemes: new Map() };
  ctx.schemes = securitySchemeTable(ctx);
  return { api: title, tools: collectTools(ctx), problems: problems.items };
}

function collectTools(ctx: ImportContext): Tool[] {
  const { root, problems } = ctx;
  if (!isNode(root.paths)) {
    const webhooks = isNode(root.webhooks) ? Object.keys(root.webhooks).length : 0;
    const note =
      webhooks > 0
        ? `; its ${webhooks} webhook(s) are requests the API sends, not calls the agent can make`
        : '';
    problems.error(`the document has no "paths", so there is nothing to call${note}`, 'paths');
    return [];
  }
  const built: { tool: Tool; location: string; operationId?: string }[] = [];
  for (const entry of listOperations(ctx)) {
    const tool = buildTool(ctx, entry);
    if (tool === undefined) continue;
    const operationId = stringAt(entry.operation, 'operationId');
    const location = where(ctx, entry.site);
    built.push(operationId === undefined ? { tool, location } : { tool, location, operationId });
  }
  const tools = dropDuplicates(ctx, built);
  if (isNode(root.webhooks) && tools.length > 0) {
    problems.warning(
      'webhooks are not imported: they are requests the API sends, not calls to make',
      'webhooks',
    );
  }
  if (tools.length === 0) problems.error('no operation could be imported, so there are no tools', 'paths');
  return tools;
}

/**
 * Imports a Swagger 2.0 or OpenAPI 3.0/3.1 document (JSON or YAML) as tools, one per operation.
 * Never throws: whatever is wrong comes back as problems, each with its location; operations that are
 * fine are imported even when others are not (see the warnings).
 */
export async function importOpenApi(source: OpenApiSource, world: ImportWorld = {}): Promise<ImportResult> {
  const problems = new ProblemList();
  try {
    return await importDocument(source, world, problems);
  } catch (error) {
    problems.error(
      `the importer failed: ${error instanceof Error ? error.message : String(error)}`,
      ROOT_LOCATION,
    );
    return stop(problems);
  }
}
