import { describe, expect, it } from 'vitest';
import { groundedNumbers, groundingOf, matchingSpans, spanRules } from './argument-grounding.ts';
import { callerGrammar } from './caller-grammar.ts';

describe('argument grounding', () => {
  it('reads the user turns and the observations, with the observations’ JSON escapes undone', () => {
    const grounding = groundingOf([
      { from: 'user', value: 'Weather in Munich?' },
      { from: 'assistant', value: 'Find the city. Next: caller.' },
      { from: 'caller', value: 'Action: search\nAction Input: {"name": "Munich"}' },
      { from: 'observation', value: '[{"id": 7, "name": "M\\u00fcnchen \\"city\\""}]' },
    ]);
    expect(grounding.texts).toEqual(['Weather in Munich?', '[{"id": 7, "name": "München "city""}]']);
  });

  it('lists the numbers written in the texts as JSON writes them, integers apart', () => {
    const numbers = groundedNumbers({ texts: ['Turn 0144739 JOD and 209.22 KES', '{"temp": -2.50}'] });
    expect(numbers.integers).toEqual(['144739']);
    expect(numbers.numbers).toEqual(expect.arrayContaining(['144739', '209.22', '-2.50', '-2.5', '2.5']));
  });

  it('lets a span start only at a word’s first character and stop only at a word’s last', () => {
    const spans = spanRules({ texts: ['in "Saint Ives"?'] }, 'g') ?? expect.fail('no spans');
    expect(spans.rules).toContain('g0c1 ::= "n" g0c2?');
    expect(spans.rules).toContain('g0c3 ::= "\\\\\\"" g0c4');
    expect(spans.rules).toContain('g0c6 ::= "i" g0c7');
    expect(spans.rules).toContain('g0c13 ::= "s"');
    expect(spans.rules).toHaveLength(15);
    expect(spans.rules.at(-1)).toBe('gspan ::= g0c0 | g0c4 | g0c10');
    expect(spanRules({ texts: ['?!', ''] }, 'g')).toBeUndefined();
  });

  it('puts grounded strings and numbers in the caller grammar, and leaves enums and small ranges alone', () => {
    const grammar = callerGrammar(
      [
        {
          name: 'convert',
          schema: {
            type: 'object',
            properties: {
              source: { type: 'string' },
              amount: { type: 'number' },
              limit: { type: 'integer', minimum: 1, maximum: 3 },
              units: { enum: ['metric', 'imperial'] },
            },
          },
        },
      ],
      { texts: ['5 PEN in USD'] },
    );
    expect(grammar).toMatch(/"\\"source\\": " (r\d+)/);
    const source = /"\\"source\\": " (r\d+)/.exec(grammar)?.[1];
    expect(grammar).toContain(`${source} ::= "\\"" gspan "\\""`);
    const amount = /"\\"amount\\": " (r\d+)/.exec(grammar)?.[1];
    expect(grammar).toContain(`${amount} ::= "5"`);
    expect(grammar).toMatch(/r\d+ ::= "1" \| "2" \| "3"/);
    expect(grammar).toContain('"\\"metric\\"" | "\\"imperial\\""');
  });

  it('falls back to any string or number when the texts have none', () => {
    const grammar = callerGrammar(
      [
        {
          name: 'f',
          schema: { type: 'object', properties: { q: { type: 'string' }, n: { type: 'integer' } } },
        },
      ],
      { texts: ['...'] },
    );
    expect(grammar).toContain('"\\"q\\": " string');
    expect(grammar).toContain('"\\"n\\": " integer');
  });

  it('lists the word-aligned spans a test accepts, each once, and none past the limit', () => {
    const isDate = (span: string) => /^\d{4}-\d{2}-\d{2}$/.test(span);
    const texts = ['due 2026-12-05 or x2026-12-06', '{"due": "2026-12-05", "id": 4}'];
    expect(matchingSpans({ texts }, isDate)).toEqual(['2026-12-05']);
    expect(matchingSpans({ texts: ['buy milk'] }, isDate)).toEqual([]);
    expect(matchingSpans({ texts: ['a b c d'] }, () => true, { limit: 3 })).toBeUndefined();
    expect(matchingSpans({ texts: ['a b c'] }, () => true, { maxLength: 3 })).toEqual([
      'a',
      'a b',
      'b',
      'b c',
      'c',
    ]);
  });

  it('writes a patterned string as one of the matching spans, and leaves an optional one out when none match', () => {
    const schema = {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' }, due: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
    };
    const withDate = callerGrammar([{ name: 'add', schema }], { texts: ['Add "Pay rent" due 2026-12-05'] });
    const due = /"\\"due\\": " (r\d+)/.exec(withDate)?.[1];
    expect(withDate).toContain(`${due} ::= "\\"2026-12-05\\""`);
    const withoutDate = callerGrammar([{ name: 'add', schema }], { texts: ['Add a todo: buy milk'] });
    expect(withoutDate).not.toContain('due');
    expect(withoutDate).toContain('"\\"text\\": "');
    expect(callerGrammar([{ name: 'add', schema }])).toContain('"\\"due\\": " string');
  });
});
