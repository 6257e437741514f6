import type { OutputConstraint } from '../engines/engine.ts';
import { type ArgumentGrounding, groundingOf, spanRules } from './argument-grounding.ts';
import { gbnfLiteral } from './caller-grammar.ts';
import { wordTrieRules } from './gbnf-trie.ts';
import type { Turn } from './trajectory.ts';

const DIGITS = /\d+(?:\.\d+)?/g;
/** Runs of ASCII letters and digits and any non-ASCII character: the grammar's words. */
const RUN = /[A-Za-z0-9\u0080-\u{10FFFF}]+/gu;
/**
 * Printable ASCII other than letters, digits, `"` and JSON's brackets `[]{}` (prose answers never
 * write them; without them an answer cannot trail off into an observation's JSON), and newlines. A
 * positive class: llama.cpp lets bytes that are not UTF-8 through a negated one.
 */
const SEPARATOR = '[\\x20\\x21\\x23-\\x2F\\x3A-\\x40\\x5C\\x5E-\\x60\\x7C\\x7E\\n]';

/** The digit runs written in the texts (`551000`, `24.4`, `01`), each once. */
export function writtenNumbers(grounding: ArgumentGrounding): string[] {
  const numbers = new Set<string>();
  for (const text of grounding.texts) for (const match of text.matchAll(DIGITS)) numbers.add(match[0]);
  return [...numbers];
}

/** The words (letter runs, letters and digits mixed) written in the texts, digit-only runs left to numbers. */
export function writtenWords(texts: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of texts)
    for (const match of text.matchAll(RUN)) if (!/^\d+$/.test(match[0])) words.add(match[0]);
  return words;
}

/**
 * A GBNF grammar for the summarizer's answer: any text, except that every number in it is one
 * written in the task or the observations, so a small model cannot state a value no tool returned.
 * A number must be followed by a non-digit, so two numbers cannot be glued into a new one.
 *
 * Given the words the weights were trained to answer with (`vocabulary`), every other word must be
 * written in the task or the observations too, and a double-quoted text must be a span of them:
 * the model can still pick the wrong value, but not misspell, cut or invent one.
 */
export function answerGrammar(grounding: ArgumentGrounding, vocabulary?: readonly string[]): string {
  const numbers = writtenNumbers(grounding);
  // Longest first: the order does not change what matches, only makes the grammar easier to read.
  numbers.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const numberRule = `number ::= ${numbers.map((number) => gbnfLiteral(number)).join(' | ')}`;
  if (vocabulary === undefined) {
    if (numbers.length === 0) return 'root ::= [^0-9]*';
    return ['root ::= ( [^0-9] | number [^0-9] )* number?', numberRule].join('\n');
  }
  const words = writtenWords([...grounding.texts, ...vocabulary]);
  const trie = wordTrieRules(words, 'w');
  const quoted = quotedRules(grounding);
  const items = [
    ...(trie ? [trie.start] : []),
    ...(numbers.length > 0 ? ['number'] : []),
    ...(quoted ? [`"\\"" ${quoted.start} "\\""`] : []),
  ];
  if (items.length === 0) return `root ::= ${SEPARATOR}*`;
  return [
    'root ::= ( separator | item separator )* item?',
    `item ::= ${items.join(' | ')}`,
    `separator ::= ${SEPARATOR}`,
    ...(numbers.length > 0 ? [numberRule] : []),
    ...(trie?.rules ?? []),
    ...(quoted?.rules ?? []),
  ].join('\n');
}

/**
 * What a quoted text may be: a span of the user's words that runs across none of their quotes, or a
 * whole string of an observation's JSON (a todo's text, not its first words).
 */
function quotedRules(grounding: ArgumentGrounding): { rules: string[]; start: string } | undefined {
  const observed = (index: number) => grounding.observed?.[index] === true;
  const pieces = grounding.texts.filter((_, index) => !observed(index)).flatMap((text) => text.split('"'));
  const spans = spanRules({ texts: pieces }, 'q', gbnfLiteral);
  const values = new Set<string>();
  grounding.texts.forEach((text, index) => {
    if (!observed(index)) return;
    // Split at its quotes, JSON's strings are the odd pieces; a key is one that a colon follows.
    const split = text.split('"');
    split.forEach((piece, at) => {
      const key = /^\s*:/.test(split[at + 1] ?? '');
      if (at % 2 === 1 && !key && /[\p{L}\p{N}]/u.test(piece)) values.add(piece);
    });
  });
  const starts = [...(spans ? [spans.start] : []), ...[...values].map((value) => gbnfLiteral(value))];
  if (starts.length === 0) return undefined;
  return { rules: [...(spans?.rules ?? []), `quoted ::= ${starts.join(' | ')}`], start: 'quoted' };
}

/**
 * The summarizer's constraint for a history: its answer's numbers grounded in the task and
 * observations, and its other words and quoted texts too when the weights' vocabulary is given.
 */
export function groundedAnswerConstraint(
  turns: readonly Turn[],
  vocabulary?: readonly string[],
): OutputConstraint {
  return { type: 'grammar', grammar: answerGrammar(groundingOf(turns), vocabulary) };
}
