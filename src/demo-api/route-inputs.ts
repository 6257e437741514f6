import type { DemoData } from './demo-data.ts';

/** A client error a route answers as `{error: message}` with this status (400 unless told). */
export class RouteError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'RouteError';
  }
}

/** Refuses query parameters the operation does not declare, and repeated ones. */
export function checkQueryNames(
  query: URLSearchParams,
  allowed: readonly string[],
  operationId: string,
): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (!allowed.includes(name)) {
      const list = allowed.length === 0 ? 'it takes none' : `allowed: ${allowed.join(', ')}`;
      throw new RouteError(`Unknown query parameter "${name}" for ${operationId}; ${list}`);
    }
    if (seen.has(name)) throw new RouteError(`Query parameter "${name}" is given more than once`);
    seen.add(name);
  }
}

/** An integer query value from 1 to `max`, or `fallback` when absent. */
export function limitParam(query: URLSearchParams, max: number, fallback: number): number {
  const raw = query.get('limit');
  if (raw === null) return fallback;
  const limit = /^\d+$/.test(raw.trim()) ? Number(raw) : 0;
  if (limit < 1 || limit > max) throw new RouteError(`limit must be an integer from 1 to ${max}`);
  return limit;
}

/** A `true`/`false` query value, or undefined when absent. */
export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new RouteError(`${name} must be true or false`);
}

/** A required finite number query value. */
export function numberParam(query: URLSearchParams, name: string): number {
  const raw = query.get(name)?.trim() ?? '';
  if (raw === '') throw new RouteError(`${name} is required: a number, e.g. 10`);
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new RouteError(`${name} must be a number, e.g. 10`);
  return value;
}

/** A required, non-blank query value, trimmed; `what` says what to send when it is missing. */
export function requiredText(query: URLSearchParams, name: string, what: string): string {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') throw new RouteError(`${name} is required: ${what}`);
  return raw.trim();
}

/** A positive integer id from a path segment; `hint` says where ids come from. */
export function pathId(raw: string | undefined, name: string, hint: string): number {
  const text = raw?.trim() ?? '';
  if (!/^\d{1,9}$/.test(text) || Number(text) === 0)
    throw new RouteError(`${name} must be an integer; ${hint}`);
  return Number(text);
}

/** The fields of a new todo: `text` required, `due` an optional real date `YYYY-MM-DD`. */
export function todoInput(body: unknown): { text: string; due: string | null } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new RouteError('Send a JSON object: {"text": "what to do", "due": "2026-05-01"}');
  }
  const input = body as Record<string, unknown>;
  const unknown = Object.keys(input).find((key) => key !== 'text' && key !== 'due');
  if (unknown !== undefined) throw new RouteError(`Unknown field "${unknown}"; allowed: text, due`);
  if (typeof input.text !== 'string' || input.text.trim() === '')
    throw new RouteError('text is required: what to do');
  if (input.text.length > 500) throw new RouteError('text must be at most 500 characters');
  const due = input.due ?? null;
  if (due === null) return { text: input.text.trim(), due: null };
  const time =
    typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) ? Date.parse(`${due}T00:00:00Z`) : Number.NaN;
  if (typeof due !== 'string' || !Number.isFinite(time) || !new Date(time).toISOString().startsWith(due))
    throw new RouteError('due must be a date like 2026-05-01');
  return { text: input.text.trim(), due };
}

/** A `country` query value: a known code, name or alias, else any 2-letter code (which matches nothing). */
export function countryParam(data: Pick<DemoData, 'countryCodeOf'>, raw: string): string {
  const code = data.countryCodeOf(raw);
  if (code !== undefined) return code;
  if (/^[A-Za-z]{2}$/.test(raw.trim())) return raw.trim().toUpperCase();
  throw new RouteError(`Unknown country "${raw}"; give a country name or ISO code such as FR`);
}

/** A required currency query value, by code or name, as a known currency code. */
export function currencyParam(
  data: Pick<DemoData, 'currencyCodeOf'>,
  query: URLSearchParams,
  name: string,
): string {
  const raw = requiredText(query, name, 'a currency code such as USD');
  const code = data.currencyCodeOf(raw);
  if (code !== undefined) return code;
  throw new RouteError(`Unknown currency "${raw}"; give a currency code such as USD or EUR`);
}
