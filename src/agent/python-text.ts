/** Characters Python's `str.strip()` removes (str.isspace), which differ from JavaScript's `trim()`. */
const PYTHON_WHITESPACE = new Set(
  [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
    0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  ].map((code) => String.fromCharCode(code)),
);

/** Python's `str.strip()` with no arguments. */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PYTHON_WHITESPACE.has(text.charAt(start))) start++;
  while (end > start && PYTHON_WHITESPACE.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** Python's `str.split()` with no arguments: runs of whitespace separate, no empty words. */
export function pythonSplitWhitespace(text: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const char of text) {
    if (PYTHON_WHITESPACE.has(char)) {
      if (word !== '') words.push(word);
      word = '';
    } else {
      word += char;
    }
  }
  if (word !== '') words.push(word);
  return words;
}

/** Number of Unicode code points (Python's `len`). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** The first `count` code points (Python's `s[:count]`). */
export function firstCodePoints(text: string, count: number): string {
  if (count <= 0) return '';
  let result = '';
  let taken = 0;
  for (const char of text) {
    if (taken === count) break;
    result += char;
    taken++;
  }
  return result;
}

/** The last `count` code points (Python's `s[-count:]`, whole string when shorter). */
export function lastCodePoints(text: string, count: number): string {
  if (count <= 0) return '';
  const chars = Array.from(text);
  return chars.length <= count ? text : chars.slice(chars.length - count).join('');
}

/** Replaces every occurrence of `search` literally: no `$&`-style patterns, unlike String.replace. */
export function replaceLiteral(text: string, search: string, replacement: string): string {
  return text.split(search).join(replacement);
}
