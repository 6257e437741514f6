/** A value that is a plain decimal number ("8.9", "-3", "961000"). */
const NUMBER = /^-?\d+(?:\.\d+)?$/;
/** Numbers in free text: a sign only where no digit precedes it, thousands commas allowed ("961,000"). */
const NUMBERS_IN_TEXT = /(?<![\d.])-?\d+(?:,\d{3})*(?:\.\d+)?/g;

/** Whitespace collapsed, lower-cased: how text values are compared. */
function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The numbers written in `text`, as numbers (commas removed, so "961,000" is 961000). */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBERS_IN_TEXT)].map((match) => Number(match[0].replaceAll(',', '')));
}

/**
 * True when the answer states the value: a number matches a number written in the answer that
 * equals it ("8.90" states 8.9, "300" does not state 30); any other value is found as text,
 * ignoring case and runs of whitespace.
 */
export function statesValue(answer: string, value: string): boolean {
  const trimmed = value.trim();
  if (NUMBER.test(trimmed)) {
    const wanted = Number(trimmed);
    return numbersIn(answer).some((number) => number === wanted);
  }
  return normalized(answer).includes(normalized(trimmed));
}

/** The values the answer does not state (empty when it states them all). */
export function missingValues(answer: string, values: readonly string[]): string[] {
  return values.filter((value) => !statesValue(answer, value));
}
