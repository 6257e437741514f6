import type { JsonValue } from '../agent/json.ts';
import { isJsonObject } from '../agent/json.ts';

/**
 * Python's `a == b` on two values parsed by `json.loads` (see parsePythonJson).
 *
 * Numbers and booleans compare numerically (`1 == 1.0 == True`, `0 == False`), strings by value,
 * `null` only with `null`, lists element by element, dicts by key set and values (order ignored).
 * `NaN == NaN` is false at the top, but true inside containers: `json.loads` returns one shared
 * NaN object and Python's container comparison checks identity first (`[nan] == [nan]` is True).
 * Known gap: integers beyond 2^53 are JavaScript doubles here, exact in Python.
 * Iterative, so deep nesting cannot overflow the stack.
 */
export function pythonEquals(a: JsonValue, b: JsonValue): boolean {
  const pending: Array<[JsonValue, JsonValue, boolean]> = [[a, b, false]];
  for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
    const [left, right, nested] = pair;
    if (!equalHere(left, right, nested, pending)) return false;
  }
  return true;
}

/** Compares scalars, or checks container shapes and queues their children (as nested pairs). */
function equalHere(
  left: JsonValue,
  right: JsonValue,
  nested: boolean,
  pending: Array<[JsonValue, JsonValue, boolean]>,
): boolean {
  const leftNumber = numeric(left);
  const rightNumber = numeric(right);
  if (leftNumber !== undefined || rightNumber !== undefined) {
    if (leftNumber === undefined || rightNumber === undefined) return false;
    if (nested && Number.isNaN(leftNumber) && Number.isNaN(rightNumber)) return true;
    return leftNumber === rightNumber;
  }
  if (left === null || right === null || typeof left === 'string' || typeof right === 'string') {
    return left === right;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    left.forEach((item, index) => {
      pending.push([item, right[index] as JsonValue, true]);
    });
    return true;
  }
  if (!isJsonObject(left) || !isJsonObject(right)) return false;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(right, key)) return false;
    pending.push([left[key] as JsonValue, right[key] as JsonValue, true]);
  }
  return true;
}

/** The numeric value of a number or boolean (Python's bool is an int), else undefined. */
function numeric(value: JsonValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return undefined;
}
