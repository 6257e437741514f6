import type { JsonObject } from '../../agent/json.ts';
import type { HttpBinding, HttpParameter, ParameterLocation, SecurityScheme, Tool } from '../tool.ts';
import { type DocInput, type ToolBenchDocOptions, toolBenchDoc, toolBenchType } from './alpha-umi-doc.ts';
import { type DocNode, isNode, stringAt, toJsonValue } from './json-value.ts';
import { dottedPath, type PathSegment } from './location.ts';
import { type ImportResult, ProblemList, ROOT_LOCATION } from './problems.ts';
import { argumentName, functionName } from './standardize.ts';

/*
 * ToolBench tool JSON (`tool_name`, `api_list[]` with `name`, `url`, `method`, `description`,
 * `required_parameters`, `optional_parameters`) → tools whose doc objects are exactly the reference's.
 * HTTP binding: the server is the URL's origin and the path its path; a parameter named in the path as
 * `{name}` goes in the path, otherwise GET/HEAD/DELETE/OPTIONS send parameters in the query and other
 * methods in a JSON body. RapidAPI hosts (`*.rapidapi.com`) need the `X-RapidAPI-Key` header.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
const RAPIDAPI_KEY: SecurityScheme = { id: 'rapidapi', type: 'apiKey', in: 'header', name: 'X-RapidAPI-Key' };

interface ParsedParameter {
  input: DocInput;
  parameter: Omit<HttpParameter, 'in'>;
}

function parameterSchema(raw: DocNode): JsonObject {
  const schema: JsonObject = {
    type: raw.type === 'NUMBER' ? 'number' : raw.type === 'BOOLEAN' ? 'boolean' : 'string',
  };
  if (typeof raw.description === 'string') schema.description = raw.description;
  const example = raw.default;
  if (example !== undefined && example !== null && String(example) !== '')
    schema.examples = [toJsonValue(example)];
  return schema;
}

function parseParameters(
  list: unknown,
  path: PathSegment[],
  required: boolean,
  problems: ProblemList,
): ParsedParameter[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    problems.error('must be a list of parameters', dottedPath(path));
    return [];
  }
  const parsed: ParsedParameter[] = [];
  for (const [index, raw] of list.entries()) {
    const name = isNode(raw) ? stringAt(raw, 'name') : undefined;
    if (!isNode(raw) || name === undefined) {
      problems.error('parameter has no "name"; it is left out', dottedPath([...path, index]));
      continue;
    }
    const argument = argumentName(name);
    const input: DocInput = { argument, type: toolBenchType(raw.type) };
    if (typeof raw.description === 'string') input.description = raw.description;
    parsed.push({ input, parameter: { name, argument, required, schema: parameterSchema(raw) } });
  }
  return parsed;
}

function binding(
  api: DocNode,
  parameters: ParsedParameter[],
  path: PathSegment[],
  problems: ProblemList,
): HttpBinding | undefined {
  const url = stringAt(api, 'url');
  if (url === undefined) return undefined;
  const match = /^(https?:\/\/[^/?#]+)([^?#]*)/i.exec(url);
  if (match === null) {
    problems.warning(
      `"url" is not an http(s) URL, so the API cannot be called: ${url}`,
      dottedPath([...path, 'url']),
    );
    return undefined;
  }
  const [, origin = '', pathPart = ''] = match;
  const method = (stringAt(api, 'method') ?? 'GET').toUpperCase();
  const where = (name: string): ParameterLocation =>
    pathPart.includes(`{${name}}`) ? 'path' : QUERY_METHODS.has(method) ? 'query' : 'body';
  const byArgument = new Map<string, HttpParameter>();
  for (const { parameter } of parameters)
    byArgument.set(parameter.argument, { ...parameter, in: where(parameter.name) });
  const http: HttpBinding = {
    method,
    path: pathPart === '' ? '/' : pathPart,
    servers: [origin.toLowerCase()],
    parameters: [...byArgument.values()],
    security: /\.rapidapi\.com$/i.test(new URL(origin).host) ? [[RAPIDAPI_KEY]] : [],
  };
  if (http.parameters.some((parameter) => parameter.in === 'body')) http.bodyContentType = 'application/json';
  return http;
}

function apiTool(
  toolName: string,
  api: DocNode,
  path: PathSegment[],
  problems: ProblemList,
  options: ToolBenchDocOptions,
): Tool | undefined {
  const name = stringAt(api, 'name');
  if (name === undefined || name === '') {
    problems.error('API has no "name"; it is left out', dottedPath(path));
    return undefined;
  }
  const required = parseParameters(api.required_parameters, [...path, 'required_parameters'], true, problems);
  const optional = parseParameters(
    api.optional_parameters,
    [...path, 'optional_parameters'],
    false,
    problems,
  );
  const all = [...required, ...optional];
  const description = stringAt(api, 'description');
  const docApi = {
    name,
    required: required.map((item) => item.input),
    optional: optional.map((item) => item.input),
  };
  const doc = toolBenchDoc(
    toolName,
    description === undefined ? docApi : { ...docApi, description },
    options,
  );
  const properties: JsonObject = {};
  for (const { parameter } of all) {
    if (Object.hasOwn(properties, parameter.argument)) {
      problems.warning(
        `two parameters are both called "${parameter.argument}" after standardize; the later one is kept`,
        dottedPath(path),
      );
    }
    properties[parameter.argument] = parameter.schema;
  }
  const schema: JsonObject = { type: 'object', properties };
  if (required.length > 0) schema.required = [...new Set(required.map((item) => item.parameter.argument))];
  const http = binding(api, all, path, problems);
  const tool: Tool = {
    name: functionName(name, toolName),
    description: description ?? '',
    parameters: schema,
    doc,
    mutating: http !== undefined && !SAFE_METHODS.has(http.method),
    api: toolName,
  };
  if (http !== undefined) tool.http = http;
  return tool;
}

/** Imports ToolBench tool JSON (one tool object or a list of them); never throws, problems say what is wrong. */
export function importToolBench(json: unknown, options: ToolBenchDocOptions = {}): ImportResult {
  const problems = new ProblemList();
  const entries: [unknown, PathSegment[]][] = Array.isArray(json)
    ? json.map((item, index) => [item, [index]])
    : [[json, []]];
  const names: string[] = [];
  const tools: Tool[] = [];
  const firstAt = new Map<string, string>();
  for (const [tool, path] of entries) {
    const toolName = isNode(tool) ? stringAt(tool, 'tool_name') : undefined;
    if (!isNode(tool) || toolName === undefined || toolName === '') {
      problems.error(
        'not a ToolBench tool: "tool_name" is missing',
        dottedPath(isNode(tool) ? [...path, 'tool_name'] : path),
      );
      continue;
    }
    names.push(toolName);
    if (!Array.isArray(tool.api_list)) {
      problems.error('"api_list" must be a list of APIs', dottedPath([...path, 'api_list']));
      continue;
    }
    for (const [index, api] of tool.api_list.entries()) {
      const apiPath = [...path, 'api_list', index];
      const built = isNode(api) ? apiTool(toolName, api, apiPath, problems, options) : undefined;
      if (!isNode(api)) problems.error('API must be an object', dottedPath(apiPath));
      if (built === undefined) continue;
      const first = firstAt.get(built.name);
      if (first !== undefined) {
        problems.error(
          `duplicate tool name "${built.name}" (also at ${first}); only the first is imported`,
          dottedPath(apiPath),
        );
        continue;
      }
      firstAt.set(built.name, dottedPath(apiPath));
      tools.push(built);
    }
  }
  if (tools.length === 0) problems.error('no API could be imported, so there are no tools', ROOT_LOCATION);
  return { api: [...new Set(names)].join(', '), tools, problems: problems.items };
}
