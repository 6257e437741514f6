import type { JsonObject } from '../../agent/json.ts';
import { firstCodePoints, pythonStrip, replaceLiteral } from '../../agent/python-text.ts';
import { functionName, standardize } from './standardize.ts';

/*
 * The α-UMi tool doc object `{Name, function, input}` (SPEC §3), rendered into prompts with
 * `pythonJsonDumps(doc)`. Cuts count code points and keep the START of the text: the reference
 * fixtures show it (argument descriptions of exactly 256 code points that end mid-word, functions of
 * exactly 256), as does ToolBench's `description[:256]`.
 */

/** Longest `function` text in code points (the reference test set used 150). */
export const FUNCTION_LIMIT = 256;
/** Longest argument description in code points. */
export const DESCRIPTION_LIMIT = 256;

/** One input of a doc object: the argument name the model writes, its type name and description. */
export interface DocInput {
  argument: string;
  type: string;
  /** Absent when the parameter has no description field; an empty string still counts as one. */
  description?: string;
}

/** An input value: `"<type>, <description>"` (description cut to 256), or a bare `"<type>"` without one. */
export function inputValue(input: DocInput): string {
  return input.description === undefined
    ? input.type
    : `${input.type}, ${firstCodePoints(input.description, DESCRIPTION_LIMIT)}`;
}

/** The doc object from its parts; a later input with the same argument replaces the earlier's value. */
export function docObject(
  name: string,
  functionText: string,
  inputs: readonly DocInput[],
  limit = FUNCTION_LIMIT,
): JsonObject {
  const input: JsonObject = {};
  for (const item of inputs) input[item.argument] = inputValue(item);
  return { Name: name, function: firstCodePoints(functionText, limit), input };
}

/** ToolBench's type names: NUMBER → integer, STRING → string, BOOLEAN → boolean, anything else → string. */
export function toolBenchType(type: unknown): string {
  if (type === 'NUMBER') return 'integer';
  if (type === 'BOOLEAN') return 'boolean';
  return 'string';
}

/**
 * ToolBench's function text: `This is the subfunction for tool "<tool>", you can use this tool.` then,
 * when the stripped description is not empty, `The description of this function is: "<description>"`
 * where every occurrence of the API's raw name in the description is replaced by the full `Name`
 * (a quirk of the reference: "Retrieves all the MoodRing quizzes_for_moodring.").
 */
export function toolBenchFunction(
  toolName: string,
  apiName: string,
  description: string | undefined,
): string {
  const head = `This is the subfunction for tool "${standardize(toolName)}", you can use this tool.`;
  const stripped = pythonStrip(description ?? '');
  if (stripped === '') return head;
  const named =
    apiName === '' ? stripped : replaceLiteral(stripped, apiName, functionName(apiName, toolName));
  return `${head}The description of this function is: "${named}"`;
}

/** Options of the ToolBench doc renderer. */
export interface ToolBenchDocOptions {
  /** Cut of the function text; 256 (training data) unless reproducing the test set (150). */
  functionLimit?: number;
}

/** An API of a ToolBench tool, as far as its doc object needs it. */
export interface ToolBenchApiDoc {
  name: string;
  description?: string;
  required: readonly DocInput[];
  optional: readonly DocInput[];
}

/**
 * The doc object of a ToolBench API. Like the reference, optional parameters are listed only when the
 * API has at least one required parameter (ToolBench builds them inside that branch).
 */
export function toolBenchDoc(
  toolName: string,
  api: ToolBenchApiDoc,
  options: ToolBenchDocOptions = {},
): JsonObject {
  const inputs = api.required.length > 0 ? [...api.required, ...api.optional] : [];
  const text = toolBenchFunction(toolName, api.name, api.description);
  return docObject(functionName(api.name, toolName), text, inputs, options.functionLimit ?? FUNCTION_LIMIT);
}

/**
 * This project's OpenAPI function text: summary and description, each trimmed, empty ones dropped, a
 * description equal to the summary dropped; joined by `". "`, or by `" "` when the summary already
 * ends with `.`, `!`, `?` or `:`.
 */
export function openApiFunction(summary: string | undefined, description: string | undefined): string {
  const first = (summary ?? '').trim();
  const second = (description ?? '').trim();
  if (first === '' || second === '' || first === second) return first === '' ? second : first;
  return /[.!?:]$/.test(first) ? `${first} ${second}` : `${first}. ${second}`;
}

/** The doc object of an OpenAPI operation: `Name`, the joined summary/description, its inputs. */
export function openApiDoc(name: string, functionText: string, inputs: readonly DocInput[]): JsonObject {
  return docObject(name, functionText, inputs);
}
