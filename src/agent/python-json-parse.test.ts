import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parsePythonJson } from './python-json-parse.ts';

function value(text: string): unknown {
  const result = parsePythonJson(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.error}`);
  return result.value;
}

function error(text: string): string {
  const result = parsePythonJson(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
  return result.error;
}

describe('parsePythonJson', () => {
  it('parses standard JSON and keeps object keys in document order', () => {
    const parsed = value('{"b": [1, 2.5, -3e2, true, false, null], "a": {"x": "y"}}');
    expect(parsed).toEqual({ b: [1, 2.5, -300, true, false, null], a: { x: 'y' } });
    expect(Object.keys(parsed as object)).toEqual(['b', 'a']);
  });

  it('accepts the NaN, Infinity and -Infinity that json.loads accepts', () => {
    expect(value('[NaN, Infinity, -Infinity]')).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(value('1e400')).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects the spellings json.loads rejects for those constants', () => {
    for (const text of ['nan', 'infinity', '-NaN', '+1', 'True', 'None'])
      expect(error(text)).toMatch(/^Expecting value/);
  });

  it('allows space, tab, newline and carriage return around values but no other whitespace', () => {
    expect(value(' \t\n\r{ "a" :\n1 }\r\n ')).toEqual({ a: 1 });
    expect(error('\f1')).toBe('Expecting value: line 1 column 1 (char 0)');
    expect(error('1\u00a0')).toBe('Extra data: line 1 column 2 (char 1)');
    expect(error('\ufeff1')).toMatch(/^Expecting value/);
  });

  it('rejects trailing data, trailing commas, single quotes and bare minus signs with Python messages', () => {
    expect(error('{"a": 1} x')).toBe('Extra data: line 1 column 10 (char 9)');
    expect(error('01')).toBe('Extra data: line 1 column 2 (char 1)');
    expect(error('1.')).toBe('Extra data: line 1 column 2 (char 1)');
    expect(error('[1,]')).toBe('Expecting value: line 1 column 4 (char 3)');
    expect(error('{"a":1,}')).toBe(
      'Expecting property name enclosed in double quotes: line 1 column 8 (char 7)',
    );
    expect(error("{'a': 1}")).toBe(
      'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
    );
    expect(error('[1 2]')).toBe("Expecting ',' delimiter: line 1 column 4 (char 3)");
    expect(error('{"a" 1}')).toBe("Expecting ':' delimiter: line 1 column 6 (char 5)");
    expect(error('-')).toBe('Expecting value: line 1 column 1 (char 0)');
    expect(error('')).toBe('Expecting value: line 1 column 1 (char 0)');
  });

  it('counts lines and columns the way Python reports them', () => {
    expect(error('{\n  "a": 1,\n  "b": x\n}')).toBe('Expecting value: line 3 column 8 (char 19)');
  });

  it('rejects control characters and unknown escapes inside strings', () => {
    expect(error('"a\tb"')).toBe('Invalid control character at: line 1 column 3 (char 2)');
    expect(error('"a\nb"')).toMatch(/^Invalid control character at/);
    expect(error('"\\x"')).toBe('Invalid \\escape: line 1 column 2 (char 1)');
    expect(error('"\\u12g4"')).toMatch(/^Invalid \\uXXXX escape/);
    expect(error('"abc')).toBe('Unterminated string starting at: line 1 column 1 (char 0)');
  });

  it('decodes escapes, including surrogate pairs and lone surrogates as Python keeps them', () => {
    expect(value('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9"')).toBe('"\\/\b\f\n\r\té');
    expect(value('"\\ud83d\\ude00"')).toBe('😀');
    expect(value('"\\ud800"')).toBe('\ud800');
    expect(value('"é\u007f"')).toBe('é\u007f');
  });

  it('keeps the first position and the last value of a repeated key, as a Python dict does', () => {
    const parsed = value('{"a": 1, "b": 2, "a": 3}');
    expect(parsed).toEqual({ a: 3, b: 2 });
    expect(Object.keys(parsed as object)).toEqual(['a', 'b']);
  });

  it('stores a "__proto__" key as plain data without touching the prototype', () => {
    const parsed = value('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses deep nesting up to the limit without recursion and rejects deeper input without throwing', () => {
    const deep = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parsePythonJson(deep).ok).toBe(true);
    const tooDeep = '['.repeat(200_000);
    expect(() => parsePythonJson(tooDeep)).not.toThrow();
    expect(error(tooDeep)).toMatch(/^Nesting deeper than 1000:/);
  });

  it('never throws on truncated prefixes of a valid document', () => {
    const text = '{"a": [1, {"b": "c\\u00e9"}, NaN], "d": -Infinity}';
    for (let end = 0; end < text.length; end++) expect(parsePythonJson(text.slice(0, end)).ok).toBe(false);
    expect(parsePythonJson(text).ok).toBe(true);
  });
});
