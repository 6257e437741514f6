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

/**
 * Deepest nesting of arrays and objects umi reads, Python's default recursion limit (its json.loads
 * raises RecursionError near it). Values go on to recursive code (json.dumps, JSON.stringify,
 * structuredClone), which overflows the stack at about 2,000 levels.
 */
export const MAX_JSON_DEPTH = 1000;

/** True when arrays and objects nest more than `limit` levels deep; walks without recursion. */
export function nestedDeeperThan(value: JsonValue, limit: number): boolean {
  const pending: Array<{ item: JsonValue; depth: number }> = [{ item: value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { item, depth } = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item))
      pending.push({ item: child, depth: depth + 1 });
  }
  return false;
}
