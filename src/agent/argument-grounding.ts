import { pythonJsonString } from './python-json.ts';
import type { Turn } from './trajectory.ts';

/**
 * What the caller's argument values may be copied from: the user's words and the tools' answers.
 * Under a grounded grammar a free string is a word-aligned span of these texts and a free number is
 * a number written in them, so a small model cannot misspell, cut or invent an entity.
 */
export interface ArgumentGrounding {
  texts: readonly string[];
  /** Which of the texts are API observations (JSON), by index; the others are the user's words. */
  observed?: readonly boolean[];
}

/** The user turns and observations of a history, observations with their JSON escapes undone. */
export function groundingOf(turns: readonly Turn[]): ArgumentGrounding {
  const texts: string[] = [];
  const observed: boolean[] = [];
  for (const turn of turns) {
    if (turn.from !== 'user' && turn.from !== 'observation') continue;
    texts.push(turn.from === 'user' ? turn.value : unescapeJsonText(turn.value));
    observed.push(turn.from === 'observation');
  }
  return { texts, observed };
}

/** `\uXXXX`, `\"` and `\\` as the characters they stand for, so a copied span is escaped once. */
function unescapeJsonText(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|["\\/])/g, (_match, sequence: string) =>
    sequence.length === 5 ? String.fromCharCode(Number.parseInt(sequence.slice(1), 16)) : sequence,
  );
}

const WORD = /[\p{L}\p{N}]/u;
const NUMBER = /-?\d+(?:\.\d+)?/g;

/** The numbers written in the texts (`-2`, `209.22`, `144739`), each once, as JSON writes them. */
export function groundedNumbers(grounding: ArgumentGrounding): { integers: string[]; numbers: string[] } {
  const numbers = new Set<string>();
  for (const text of grounding.texts) {
    for (const match of text.matchAll(NUMBER)) {
      const value = Number(match[0]);
      if (!Number.isFinite(value)) continue;
      numbers.add(match[0].replace(/^(-?)0+(?=\d)/, '$1'));
      numbers.add(String(value));
      if (value < 0) numbers.add(String(-value));
    }
  }
  const all = [...numbers];
  return { integers: all.filter((number) => /^-?\d+$/.test(number)), numbers: all };
}

/**
 * GBNF rules for text that is a span of one of the texts, starting at a word's first character and
 * ending at a word's last: each character is a rule that may stop there (at a word's end) or go on
 * to the next one. Characters are written as the inside of a JSON string unless `literal` says
 * otherwise. Returns the rules and the name of the start rule, or undefined when the texts have no word.
 */
export function spanRules(
  grounding: ArgumentGrounding,
  prefix: string,
  literal: (char: string) => string = jsonCharacterLiteral,
): { rules: string[]; start: string } | undefined {
  const rules: string[] = [];
  const starts: string[] = [];
  grounding.texts.forEach((text, textIndex) => {
    const chars = Array.from(text);
    const isWord = chars.map((char) => WORD.test(char));
    const name = (index: number) => `${prefix}${textIndex}c${index}`;
    const first = chars.findIndex((_, index) => isWord[index]);
    if (first < 0) return;
    const last = isWord.lastIndexOf(true);
    for (let index = first; index <= last; index++) {
      const char = literal(chars[index] as string);
      const wordEnd = isWord[index] && !isWord[index + 1];
      const next = index < last ? name(index + 1) : undefined;
      const body = next === undefined ? char : wordEnd ? `${char} ${next}?` : `${char} ${next}`;
      rules.push(`${name(index)} ::= ${body}`);
      if (isWord[index] && !isWord[index - 1]) starts.push(name(index));
    }
  });
  if (starts.length === 0) return undefined;
  const start = `${prefix}span`;
  rules.push(`${start} ::= ${starts.join(' | ')}`);
  return { rules, start };
}

/** A GBNF literal for a character as the inside of a JSON string writes it. */
function jsonCharacterLiteral(char: string): string {
  const escaped = pythonJsonString(char).slice(1, -1);
  return `"${escaped.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The distinct word-aligned spans of the texts, at most `maxLength` characters long, that `accept`
 * takes; undefined when more than `limit` do (the constraint then says too little to list them).
 */
export function matchingSpans(
  grounding: ArgumentGrounding,
  accept: (span: string) => boolean,
  { maxLength = 64, limit = 32 }: { maxLength?: number; limit?: number } = {},
): string[] | undefined {
  const found = new Set<string>();
  for (const text of grounding.texts) {
    const chars = Array.from(text);
    const isWord = chars.map((char) => WORD.test(char));
    const starts = chars.flatMap((_, index) => (isWord[index] && !isWord[index - 1] ? [index] : []));
    const ends = chars.flatMap((_, index) => (isWord[index] && !isWord[index + 1] ? [index] : []));
    for (const start of starts) {
      for (const end of ends) {
        if (end < start) continue;
        if (end - start >= maxLength) break;
        const span = chars.slice(start, end + 1).join('');
        if (found.has(span) || !accept(span)) continue;
        found.add(span);
        if (found.size > limit) return undefined;
      }
    }
  }
  return [...found];
}
