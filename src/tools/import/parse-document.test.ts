import { describe, expect, it } from 'vitest';
import { parseDocumentOrThrow, parseDocumentText } from './parse-document.ts';

describe('parseDocumentText', () => {
  it('reads YAML and JSON, JSON when named .json or starting with a brace', () => {
    expect(parseDocumentText('a: 1\nb: [x, y]\n', 'api.yaml')).toEqual({
      ok: true,
      value: { a: 1, b: ['x', 'y'] },
    });
    expect(parseDocumentText('{"a": 1}', 'api')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseDocumentText('\uFEFF{"a": 1}', 'api.json')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('keeps YAML values JSON-compatible: dates and "on" stay strings, merge keys are applied', () => {
    const parsed = parseDocumentText(
      'd: 2001-12-14\no: on\nbase: &b {x: 1}\nmerged: {<<: *b, y: 2}\n',
      'a.yaml',
    );
    expect(parsed).toEqual({
      ok: true,
      value: { d: '2001-12-14', o: 'on', base: { x: 1 }, merged: { x: 1, y: 2 } },
    });
  });

  it('gives the 1-based line and column of YAML errors, duplicate keys included', () => {
    expect(parseDocumentText('a: 1\na: 2\n', 'a.yaml')).toEqual({
      ok: false,
      format: 'YAML',
      reason: 'duplicated mapping key',
      line: 2,
      column: 1,
    });
  });

  it('gives the line and column of JSON errors', () => {
    expect(parseDocumentText('{\n  "a": 1,\n}', 'a.json')).toMatchObject({
      ok: false,
      format: 'JSON',
      line: 3,
      column: 1,
    });
    expect(parseDocumentText('[1, 2', 'a.json')).toMatchObject({ ok: false, line: 1, column: 6 });
  });

  it('reports an empty document', () => {
    expect(parseDocumentText(' \n', 'a.yaml')).toMatchObject({ ok: false, reason: 'the document is empty' });
  });

  it('throws an Error naming the place when asked to', () => {
    expect(() => parseDocumentOrThrow('a: [', 'a.yaml')).toThrow(/^invalid YAML at line \d+, column \d+: /);
  });
});
