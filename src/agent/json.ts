/** Any JSON value, as parsed from model output, tool responses or tool documents. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object with keys in insertion order (the order Python's json.dumps keeps). */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True when the value is a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
