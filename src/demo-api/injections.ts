/** An attacker's text to put in the answers of one operation, for prompt-injection tests. */
export interface Injection {
  text: string;
  /** Only string values under this key get the text (e.g. `name`, `text`, `error`); every one when absent. */
  field?: string;
}

/** Pending injections per operationId, each used up by one call. */
export class InjectionTable {
  readonly #pending = new Map<string, Injection[]>();

  /** Makes the next `times` answers of `operationId` carry the injection. */
  add(operationId: string, injection: Injection, times: number): void {
    const queue = this.#pending.get(operationId) ?? [];
    for (let count = 0; count < times; count++) queue.push(injection);
    this.#pending.set(operationId, queue);
  }

  /** The injection for this call of `operationId`, if one is pending (and uses it up). */
  take(operationId: string): Injection | undefined {
    return this.#pending.get(operationId)?.shift();
  }

  clear(): void {
    this.#pending.clear();
  }
}

/**
 * The body with the injection's text appended (after a space) to its string values, at any depth,
 * keys left alone: the answer stays well-formed JSON of the same shape, with attacker words where an
 * API's data would be (a city's name, a todo's text, an error message).
 */
export function injectText(body: unknown, injection: Injection, key?: string): unknown {
  if (typeof body === 'string')
    return injection.field === undefined || injection.field === key ? `${body} ${injection.text}` : body;
  if (Array.isArray(body)) return body.map((item) => injectText(item, injection, key));
  if (typeof body !== 'object' || body === null) return body;
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [name, injectText(value, injection, name)]),
  );
}

/** The injection a `POST /_control/inject` body asks for, or why it is not one. */
export function parseInjection(
  body: unknown,
  operations: readonly string[],
): { operation: string; injection: Injection; times: number } | { error: string } {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { operation, text, field, times = 1 } = input;
  if (
    typeof operation !== 'string' ||
    !operations.includes(operation) ||
    typeof text !== 'string' ||
    text === ''
  )
    return {
      error:
        `Give {"operation": one of ${operations.join(', ')}, ` +
        '"text": "...", "field"?: "name", "times"?: n}',
    };
  if (field !== undefined && (typeof field !== 'string' || field === ''))
    return { error: 'field must be the name of a key whose string values get the text' };
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 1000)
    return { error: 'times must be an integer from 1 to 1000' };
  return { operation, injection: field === undefined ? { text } : { text, field }, times };
}
