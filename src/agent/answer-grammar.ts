import type { OutputConstraint } from '../engines/engine.ts';
import { type ArgumentGrounding, groundingOf } from './argument-grounding.ts';
import { gbnfLiteral } from './caller-grammar.ts';
import type { Turn } from './trajectory.ts';

const DIGITS = /\d+(?:\.\d+)?/g;

/** The digit runs written in the texts (`551000`, `24.4`, `01`), each once. */
export function writtenNumbers(grounding: ArgumentGrounding): string[] {
  const numbers = new Set<string>();
  for (const text of grounding.texts) for (const match of text.matchAll(DIGITS)) numbers.add(match[0]);
  return [...numbers];
}

/**
 * A GBNF grammar for the summarizer's answer: any text, except that every number in it is one
 * written in the task or the observations, so a small model cannot state a value no tool returned.
 * A number must be followed by a non-digit, so two numbers cannot be glued into a new one.
 */
export function answerGrammar(grounding: ArgumentGrounding): string {
  const numbers = writtenNumbers(grounding);
  if (numbers.length === 0) return 'root ::= [^0-9]*';
  // Longest first: the order does not change what matches, only makes the grammar easier to read.
  numbers.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return [
    'root ::= ( [^0-9] | number [^0-9] )* number?',
    `number ::= ${numbers.map((number) => gbnfLiteral(number)).join(' | ')}`,
  ].join('\n');
}

/** The summarizer's constraint for a history: its answer's numbers grounded in the task and observations. */
export function groundedAnswerConstraint(turns: readonly Turn[]): OutputConstraint {
  return { type: 'grammar', grammar: answerGrammar(groundingOf(turns)) };
}
