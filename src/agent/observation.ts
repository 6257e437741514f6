import type { ToolResult } from '../tools/tool.ts';
import { pythonJsonDumps } from './python-json.ts';
import { codePointLength, firstCodePoints } from './python-text.ts';

/** Observations longer than this many code points are cut and get `...` appended (SPEC §5). */
export const OBSERVATION_LIMIT = 1024;

/** Cuts an observation to the SPEC's limit. */
export function cutObservation(text: string): string {
  return codePointLength(text) > OBSERVATION_LIMIT ? `${firstCodePoints(text, OBSERVATION_LIMIT)}...` : text;
}

/** The observation of a failed call: `{"error": reason, "response": body}`, Python-serialized and cut. */
export function failureObservation(reason: string, responseText = ''): string {
  return cutObservation(pythonJsonDumps({ error: reason, response: responseText }));
}

/** The observation for an API name the tools do not have (a hallucinated name). */
export function unknownToolObservation(name: string): string {
  return failureObservation(`No such function name: ${name}`);
}

/** The observation the models read for a tool's result: JSON bodies Python-serialized, text as is. */
export function toolResultObservation(result: ToolResult): string {
  if (!result.ok) return failureObservation(result.error, result.responseText);
  if (result.isJson) return cutObservation(pythonJsonDumps(result.body));
  return cutObservation(typeof result.body === 'string' ? result.body : pythonJsonDumps(result.body));
}
