import type { JsonValue } from './json.ts';

/*
 * Python's `json.dumps(value)` with its defaults, which the α-UMi prompts were rendered with
 * (SPEC §3): separators ", " and ": ", ensure_ascii, keys in insertion order.
 *
 * Numbers: JSON.parse turns `1` and `1.0` into the same JS number, so the Python int/float
 * distinction is lost. Every integral number is printed as a Python int (digits, no `.0`, full
 * digits even past 1e16, `-0` as `0`), since tool documents and API responses carry ints far more
 * often than integral floats. Other numbers follow Python's float `repr`.
 *
 * Keys: a JS object lists integer-like keys ("0", "42") first, in ascending order, whatever the
 * order they were written in; such keys therefore come out in that order, not in source order.
 */

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Python's `json.dumps` of a string with ensure_ascii: `\uXXXX` (lower-case hex) outside printable ASCII. */
export function pythonJsonString(text: string): string {
  let result = '"';
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) {
      result += short;
      continue;
    }
    const code = text.charCodeAt(index);
    result += code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return `${result}"`;
}

/** Python's `repr` of a float: shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like Python.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits.charAt(0)}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

function pythonNumber(value: number): string {
  if (Number.isInteger(value)) {
    if (Math.abs(value) < 1e16) return String(value === 0 ? 0 : value);
    return BigInt(value).toString();
  }
  return pythonFloatRepr(value);
}

/** Exactly Python's `json.dumps(value)` with default arguments (integral numbers print as ints). */
export function pythonJsonDumps(value: JsonValue): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item)).join(', ')}]`;
  const entries = Object.entries(value).map(
    ([key, item]) => `${pythonJsonString(key)}: ${pythonJsonDumps(item)}`,
  );
  return `{${entries.join(', ')}}`;
}
