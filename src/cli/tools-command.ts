import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../agent/errors.ts';
import { pythonJsonDumps } from '../agent/python-json.ts';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import { parseDocumentText } from '../tools/import/parse-document.ts';
import { hasErrors, type ImportResult, ProblemList } from '../tools/import/problems.ts';
import { schemaTypeName } from '../tools/import/schema-type.ts';
import { importToolBench } from '../tools/import/toolbench-import.ts';
import type { Tool } from '../tools/tool.ts';
import type { CliCommand, CliIo } from './cli-io.ts';

const USAGE =
  'Usage: npm run --silent umi -- tools --openapi <url|file> | --toolbench <file> [--json]\n' +
  '  prints each tool as the models see it (name, method and path, parameters, the α-UMi doc line)\n' +
  '  and every problem with its location; exits 1 when the document is broken (any error, or no tools).\n' +
  '  --json: the last stdout line is {"tools": [{name, method, path, doc}], "problems": [{message, location, severity}]}';

function parseOptions(args: string[]): { openapi?: string; toolbench?: string; json: boolean } {
  let values: { openapi?: string | undefined; toolbench?: string | undefined; json?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args,
      options: { openapi: { type: 'string' }, toolbench: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { openapi, toolbench } = values;
  if ((openapi === undefined) === (toolbench === undefined)) {
    throw new UserError(`give exactly one of --openapi or --toolbench.\n${USAGE}`);
  }
  const json = values.json === true;
  if (openapi !== undefined) return { openapi, json };
  return toolbench === undefined ? { json } : { toolbench, json };
}

function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

const world = { fetch: globalThis.fetch, readFile: (path: string) => readFile(path, 'utf8') };

async function loadToolBench(file: string): Promise<ImportResult> {
  let text: string;
  try {
    if (isUrl(file)) {
      const response = await fetch(file);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } else {
      text = await readFile(resolve(file), 'utf8');
    }
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseDocumentText(text, file);
  if (parsed.ok) return importToolBench(parsed.value);
  const problems = new ProblemList();
  const name = file.split(/[\\/]/).at(-1) ?? file;
  problems.error(
    `invalid ${parsed.format}: ${parsed.reason} (line ${parsed.line}, column ${parsed.column})`,
    `${name}:${parsed.line}:${parsed.column}`,
  );
  return { api: '', tools: [], problems: problems.items };
}

function printTool(io: CliIo, tool: Tool): void {
  const http = tool.http;
  io.stdout(`\n${tool.name}  ${http === undefined ? '(no HTTP binding)' : `${http.method} ${http.path}`}\n`);
  if (http !== undefined) {
    io.stdout(`  servers: ${http.servers.length === 0 ? '(none)' : http.servers.join(', ')}\n`);
    if (http.security.length > 0) {
      const alternatives = http.security.map((all) =>
        all.length === 0 ? 'none' : all.map((scheme) => scheme.id).join(' + '),
      );
      io.stdout(`  security: ${alternatives.join(' | ')}\n`);
    }
    io.stdout(http.parameters.length === 0 ? '  parameters: (none)\n' : '  parameters:\n');
    for (const parameter of http.parameters) {
      const apiName = parameter.name === '' ? '(whole body)' : parameter.name;
      const renamed = apiName === parameter.argument ? '' : ` (${apiName})`;
      const type = schemaTypeName(parameter.schema);
      io.stdout(
        `    ${parameter.argument}${renamed}  in ${parameter.in}  ${type}  ${parameter.required ? 'required' : 'optional'}\n`,
      );
    }
  }
  io.stdout(`  doc: ${pythonJsonDumps(tool.doc)}\n`);
}

/** `umi tools`: imports an OpenAPI or ToolBench document and shows the tools and problems the models get. */
export const toolsCommand: CliCommand = async (args, io) => {
  const options = parseOptions(args);
  let result: ImportResult;
  if (options.openapi !== undefined) {
    const source = isUrl(options.openapi) ? options.openapi : resolve(options.openapi);
    result = await importOpenApi({ url: source }, world);
  } else {
    result = await loadToolBench(options.toolbench ?? '');
  }
  const errors = result.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = result.problems.length - errors;
  io.stdout(
    `${result.api || '(unnamed API)'}: ${result.tools.length} tool(s), ${errors} error(s), ${warnings} warning(s)\n`,
  );
  for (const tool of result.tools) printTool(io, tool);
  if (result.problems.length > 0) io.stdout('\nproblems:\n');
  for (const problem of result.problems)
    io.stdout(`  ${problem.severity}  ${problem.location}: ${problem.message}\n`);
  if (options.json) {
    const summary = {
      tools: result.tools.map((tool) => ({
        name: tool.name,
        method: tool.http?.method ?? null,
        path: tool.http?.path ?? null,
        doc: pythonJsonDumps(tool.doc),
      })),
      problems: result.problems.map(({ message, location, severity }) => ({ message, location, severity })),
    };
    io.stdout(`${JSON.stringify(summary)}\n`);
  }
  return hasErrors(result.problems) || result.tools.length === 0 ? 1 : 0;
};
