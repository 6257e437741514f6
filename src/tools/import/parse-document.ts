import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

/** YAML 1.2 core schema plus `<<` merge keys; every value it builds is JSON-compatible. */
const YAML_SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/** A parsed document, or why it could not be parsed and where (1-based line and column). */
export type ParseOutcome =
  | { ok: true; value: unknown }
  | { ok: false; format: 'JSON' | 'YAML'; reason: string; line: number; column: number };

/** True when the text should be read as JSON: a `.json` name, or text that starts with `{` or `[`. */
function looksLikeJson(text: string, name: string): boolean {
  return /\.json$/i.test(name) || /^\s*[{[]/.test(text);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}

/** Offset of the error in `message` ("… at position 12"), when the engine says it. */
function statedPosition(message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** True when `prefix` could still be the start of valid JSON (it parses, or fails only at its end). */
function viablePrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.includes('Unexpected end')) return true;
    const position = statedPosition(message);
    return position !== undefined && position >= prefix.length;
  }
}

/** Offset of the first character that makes the JSON invalid, found by bisecting prefixes. */
function errorOffset(text: string, message: string): number {
  if (message.includes('Unexpected end')) return text.length;
  const stated = statedPosition(message);
  if (stated !== undefined) return stated;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    if (viablePrefix(text.slice(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low;
}

function parseJson(text: string): ParseOutcome {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = message
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ of JSON input$/, '')
      .replace(/\p{Cc}/gu, (char) => JSON.stringify(char).slice(1, -1));
    return { ok: false, format: 'JSON', reason, ...lineAndColumn(text, errorOffset(text, message)) };
  }
}

function parseYaml(text: string, name: string): ParseOutcome {
  try {
    return { ok: true, value: load(text, { filename: name, schema: YAML_SCHEMA, maxAliases: 1000 }) };
  } catch (error) {
    const mark = (error as { mark?: { line?: number; column?: number } }).mark;
    const reason = (error as { reason?: unknown }).reason;
    return {
      ok: false,
      format: 'YAML',
      reason: typeof reason === 'string' ? reason : error instanceof Error ? error.message : String(error),
      line: (mark?.line ?? 0) + 1,
      column: (mark?.column ?? 0) + 1,
    };
  }
}

/** Parses an API description as JSON or YAML (JSON when named `.json` or starting with `{`/`[`). */
export function parseDocumentText(text: string, name: string): ParseOutcome {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '')
    return { ok: false, format: 'YAML', reason: 'the document is empty', line: 1, column: 1 };
  return looksLikeJson(body, name) ? parseJson(body) : parseYaml(body, name);
}

/** Parses like `parseDocumentText` and throws an Error naming the line and column when it fails. */
export function parseDocumentOrThrow(text: string, name: string): unknown {
  const outcome = parseDocumentText(text, name);
  if (outcome.ok) return outcome.value;
  throw new Error(
    `invalid ${outcome.format} at line ${outcome.line}, column ${outcome.column}: ${outcome.reason}`,
  );
}
