import { describe, expect, it } from 'vitest';
import { type JsonValue, MAX_JSON_DEPTH } from '../agent/json.ts';
import { parsePythonJson } from '../agent/python-json-parse.ts';
import { pythonEquals } from './python-equality.ts';

/** Parses with json.loads semantics, as the metrics do before comparing. */
function loads(text: string): JsonValue {
  const result = parsePythonJson(text);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function equal(left: string, right: string): boolean {
  return pythonEquals(loads(left), loads(right));
}

describe('pythonEquals', () => {
  it('compares numbers and booleans numerically, as Python bool is an int', () => {
    expect(equal('1', '1.0')).toBe(true);
    expect(equal('1', 'true')).toBe(true);
    expect(equal('1.0', 'true')).toBe(true);
    expect(equal('0', 'false')).toBe(true);
    expect(equal('-0.0', '0')).toBe(true);
    expect(equal('2', 'true')).toBe(false);
    expect(equal('1e2', '100')).toBe(true);
  });

  it('never equates a string with a number or null with anything but null', () => {
    expect(equal('"1"', '1')).toBe(false);
    expect(equal('"true"', 'true')).toBe(false);
    expect(equal('null', '0')).toBe(false);
    expect(equal('null', 'false')).toBe(false);
    expect(equal('null', '""')).toBe(false);
    expect(equal('null', 'null')).toBe(true);
    expect(equal('"é"', '"\\u00e9"')).toBe(true);
  });

  it('compares lists element by element and requires the same length', () => {
    expect(equal('[1, [true, "x"]]', '[1.0, [1, "x"]]')).toBe(true);
    expect(equal('[1, 2]', '[2, 1]')).toBe(false);
    expect(equal('[1, 2]', '[1, 2, 3]')).toBe(false);
    expect(equal('[]', '{}')).toBe(false);
  });

  it('compares dicts by key set and values, ignoring key order', () => {
    expect(equal('{"a": 1, "b": {"c": [0]}}', '{"b": {"c": [false]}, "a": 1.0}')).toBe(true);
    expect(equal('{"a": 1}', '{"a": 1, "b": 2}')).toBe(false);
    expect(equal('{"a": 1, "b": 2}', '{"a": 1, "c": 2}')).toBe(false);
    expect(equal('{"a": null}', '{}')).toBe(false);
    expect(equal('{}', '{}')).toBe(true);
  });

  it('treats NaN as unequal to itself at the top but equal inside containers, like json.loads values in Python', () => {
    // Python: json.loads('NaN') == json.loads('NaN') is False; json.loads('[NaN]') == json.loads('[NaN]') is True
    // because json.loads returns one shared NaN object and list/dict comparison checks identity first.
    expect(equal('NaN', 'NaN')).toBe(false);
    expect(equal('[NaN]', '[NaN]')).toBe(true);
    expect(equal('{"a": NaN}', '{"a": NaN}')).toBe(true);
    expect(equal('[NaN]', '[1]')).toBe(false);
    expect(equal('Infinity', 'Infinity')).toBe(true);
    expect(equal('-Infinity', 'Infinity')).toBe(false);
  });

  it('compares values as deep as the parser reads without overflowing the stack', () => {
    const nest = (inner: string) => `${'['.repeat(MAX_JSON_DEPTH)}${inner}${']'.repeat(MAX_JSON_DEPTH)}`;
    const deep = nest('1');
    const deepTrue = nest('true');
    const deepTwo = nest('2');
    expect(equal(deep, deepTrue)).toBe(true);
    expect(equal(deep, deepTwo)).toBe(false);
  });
});
