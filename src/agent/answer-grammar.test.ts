import { describe, expect, it } from 'vitest';
import { answerGrammar, writtenNumbers, writtenWords } from './answer-grammar.ts';
import { groundingOf } from './argument-grounding.ts';

describe('answer grammar', () => {
  it('lists every digit run of the task and the observations once, signs and separators left out', () => {
    expect(
      writtenNumbers({
        texts: ['Weather in Tartu on 2026-01-15?', '{"temp": -2.5, "humidity": 93, "day": 15}'],
      }).sort(),
    ).toEqual(['01', '15', '2.5', '2026', '93'].sort());
  });

  it('allows any text whose numbers are written in the sources, and no digits when there are none', () => {
    const grammar = answerGrammar({ texts: ['{"population": 551000, "temp": 24.4}'] });
    expect(grammar.split('\n')).toEqual([
      'root ::= ( [^0-9] | number [^0-9] )* number?',
      'number ::= "551000" | "24.4"',
    ]);
    expect(answerGrammar({ texts: ['Hello there'] })).toBe('root ::= [^0-9]*');
  });

  it('counts letter runs, mixed letter-digit runs and non-ASCII words as words, digit runs as numbers', () => {
    expect([...writtenWords(['Zürich 3B, id 44: "Pick up" km/h'])]).toEqual([
      'Zürich',
      '3B',
      'id',
      'Pick',
      'up',
      'km',
      'h',
    ]);
  });

  it('with a vocabulary, lets words come from it or the sources and quoted texts only from the sources', () => {
    const grammar = answerGrammar({ texts: ['Add "Buy figs"', '{"id": 7}'] }, ['Added', 'id']).split('\n');
    expect(grammar.slice(0, 4)).toEqual([
      'root ::= ( separator | item separator )* item?',
      'item ::= w0 | number | "\\"" quoted "\\""',
      'separator ::= [\\x20\\x21\\x23-\\x2F\\x3A-\\x40\\x5C\\x5E-\\x60\\x7C\\x7E\\n]',
      'number ::= "7"',
    ]);
    expect(grammar).toContain('w0 ::= "Add" w1 | "Buy" | "figs" | "id"');
    expect(grammar).toContain('w1 ::= ( "ed" )?');
    // Quoted spans start and end at word edges of a piece between the sources' quotes.
    expect(grammar).toContain('qspan ::= q0c0 | q1c0 | q1c4 | q4c0 | q5c2');
  });

  it('with a vocabulary and no sources, allows the vocabulary and punctuation only', () => {
    expect(answerGrammar({ texts: [] }, ['Hello']).split('\n')).toEqual([
      'root ::= ( separator | item separator )* item?',
      'item ::= w0',
      'separator ::= [\\x20\\x21\\x23-\\x2F\\x3A-\\x40\\x5C\\x5E-\\x60\\x7C\\x7E\\n]',
      'w0 ::= "Hello"',
    ]);
  });

  it('quotes an observation’s string only whole, and the user’s words in any span between their quotes', () => {
    const grounding = groundingOf([
      { from: 'user', value: 'Flag item 32 as done' },
      { from: 'observation', value: '{"id": 32, "text": "Clean the loft", "due": null}' },
    ]);
    const grammar = answerGrammar(grounding, ['Marked']).split('\n');
    expect(grammar).toContain('quoted ::= qspan | "Clean the loft"');
    expect(grammar).toContain('qspan ::= q0c0 | q0c5 | q0c10 | q0c13 | q0c16');
  });
});
