import { describe, expect, it } from 'vitest';
import type { JsonValue } from './json.ts';
import { pythonFloatRepr, pythonJsonDumps, pythonJsonString } from './python-json.ts';

describe('pythonJsonDumps', () => {
  it('escapes control characters as lower-case \\u escapes', () => {
    expect(pythonJsonDumps('\u0000a\u001f\u000b')).toBe('"\\u0000a\\u001f\\u000b"');
  });

  it('uses the short escapes for newline, carriage return, tab, backspace and form feed', () => {
    expect(pythonJsonDumps('\n\r\t\b\f')).toBe('"\\n\\r\\t\\b\\f"');
  });

  it('escapes DEL and every character above ASCII', () => {
    expect(pythonJsonDumps('\u007f')).toBe('"\\u007f"');
    expect(pythonJsonDumps('a\u2028b')).toBe('"a\\u2028b"');
    expect(pythonJsonDumps('café')).toBe('"caf\\u00e9"');
    expect(pythonJsonDumps('天气')).toBe('"\\u5929\\u6c14"');
  });

  it('writes astral characters as a lower-case surrogate pair', () => {
    expect(pythonJsonDumps('😀')).toBe('"\\ud83d\\ude00"');
  });

  it('escapes backslash and double quote but not slash or single quote', () => {
    expect(pythonJsonDumps('a\\b"c/d\'e')).toBe('"a\\\\b\\"c/d\'e"');
  });

  it('keeps printable ASCII, including space and tilde, as is', () => {
    expect(pythonJsonDumps(' !~')).toBe('" !~"');
  });

  it('separates items with ", " and keys with ": ", keeping insertion order', () => {
    const value: JsonValue = { b: 1, a: [true, false, null], c: { d: 'x', e: [] } };
    expect(pythonJsonDumps(value)).toBe('{"b": 1, "a": [true, false, null], "c": {"d": "x", "e": []}}');
  });

  it('writes empty containers without spaces', () => {
    expect(pythonJsonDumps({})).toBe('{}');
    expect(pythonJsonDumps([])).toBe('[]');
    expect(pythonJsonDumps([{}, []])).toBe('[{}, []]');
  });

  it('escapes keys like values', () => {
    expect(pythonJsonDumps({ 'é"\n': 'v' })).toBe('{"\\u00e9\\"\\n": "v"}');
  });

  it('writes booleans and null as Python json does', () => {
    expect(pythonJsonDumps(true)).toBe('true');
    expect(pythonJsonDumps(false)).toBe('false');
    expect(pythonJsonDumps(null)).toBe('null');
  });

  it('writes integral numbers as ints, without a trailing .0', () => {
    expect(pythonJsonDumps(0)).toBe('0');
    expect(pythonJsonDumps(-0)).toBe('0');
    expect(pythonJsonDumps(42)).toBe('42');
    expect(pythonJsonDumps(-7)).toBe('-7');
    expect(pythonJsonDumps(1.0)).toBe('1');
  });

  it('writes large integral numbers with all their digits, as Python prints an int', () => {
    expect(pythonJsonDumps(1e15)).toBe('1000000000000000');
    expect(pythonJsonDumps(1e16)).toBe('10000000000000000');
    expect(pythonJsonDumps(1e20)).toBe('100000000000000000000');
    expect(pythonJsonDumps(-(2 ** 60))).toBe('-1152921504606846976');
  });

  it('writes other numbers as Python float repr', () => {
    expect(pythonJsonDumps(1.5)).toBe('1.5');
    expect(pythonJsonDumps(0.1)).toBe('0.1');
    expect(pythonJsonDumps(-2.25)).toBe('-2.25');
    expect(pythonJsonDumps(0.0001)).toBe('0.0001');
    expect(pythonJsonDumps(0.00001)).toBe('1e-05');
    expect(pythonJsonDumps(1.5e-7)).toBe('1.5e-07');
    expect(pythonJsonDumps(123456.789)).toBe('123456.789');
    expect(pythonJsonDumps(0.1 + 0.2)).toBe('0.30000000000000004');
  });

  it('writes NaN and the infinities as Python json does', () => {
    expect(pythonJsonDumps(Number.NaN)).toBe('NaN');
    expect(pythonJsonDumps(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(pythonJsonDumps(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });

  it('serializes a typical α-UMi tool object like the reference data', () => {
    const tool: JsonValue = {
      Name: 'quiz_for_moodring',
      function: 'This is the subfunction for tool "moodring", you can use this tool.',
      input: { quizid: 'string, ' },
    };
    expect(pythonJsonDumps(tool)).toBe(
      '{"Name": "quiz_for_moodring", "function": "This is the subfunction for tool \\"moodring\\", you can use this tool.", "input": {"quizid": "string, "}}',
    );
  });
});

describe('pythonFloatRepr', () => {
  it('switches to scientific notation from 1e16 on, with a signed two-digit exponent', () => {
    expect(pythonFloatRepr(1e20)).toBe('1e+20');
    expect(pythonFloatRepr(1e16)).toBe('1e+16');
    expect(pythonFloatRepr(1.5e300)).toBe('1.5e+300');
    expect(pythonFloatRepr(5e-324)).toBe('5e-324');
  });

  it('keeps fixed notation below 1e16 and adds .0 to integral values', () => {
    expect(pythonFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pythonFloatRepr(3)).toBe('3.0');
    expect(pythonFloatRepr(0)).toBe('0.0');
    expect(pythonFloatRepr(-0)).toBe('-0.0');
  });
});

describe('pythonJsonString', () => {
  it('quotes and escapes a string exactly like json.dumps', () => {
    expect(pythonJsonString('a"b\u00ff')).toBe('"a\\"b\\u00ff"');
  });
});
