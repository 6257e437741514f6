import type { JsonObject } from './json.ts';

const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'date-time': /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/,
  time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/,
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
};

/**
 * A test for the strings a JSON Schema's `pattern` and `format` (date, date-time, time, email,
 * uuid) allow; undefined when the schema sets neither, or only a pattern JavaScript cannot compile
 * or a format not listed here (the API then judges the value itself).
 */
export function stringConstraint(schema: JsonObject): ((text: string) => boolean) | undefined {
  const tests: RegExp[] = [];
  if (typeof schema.pattern === 'string') {
    try {
      tests.push(new RegExp(schema.pattern, 'u'));
    } catch {
      // An ECMAScript-incompatible pattern constrains nothing here; the API still validates.
    }
  }
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format !== undefined) tests.push(format);
  if (tests.length === 0) return undefined;
  return (text) => tests.every((test) => test.test(text));
}
