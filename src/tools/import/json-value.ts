import type { JsonObject, JsonValue } from '../../agent/json.ts';

/** Deepest nesting copied from literal data (examples, defaults); deeper values become null. */
export const MAX_DATA_DEPTH = 24;

/** A JSON object read from a document (values not checked yet). */
export type DocNode = Record<string, unknown>;

/** True for a plain object (not an array, not null). */
export function isNode(value: unknown): value is DocNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string at `key`, or undefined when absent or not a string. */
export function stringAt(node: DocNode, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

/** A deep copy of data as JSON: non-finite numbers become null; cut past the depth limit. */
export function toJsonValue(value: unknown, depth = 0): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (depth > MAX_DATA_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item, depth + 1));
  if (typeof value === 'object') {
    const copy: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) copy[key] = toJsonValue(item, depth + 1);
    }
    return copy;
  }
  return null;
}
