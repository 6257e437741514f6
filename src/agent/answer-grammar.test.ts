import { describe, expect, it } from 'vitest';
import { answerGrammar, writtenNumbers } from './answer-grammar.ts';

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
});
