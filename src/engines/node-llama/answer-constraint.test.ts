import { describe, expect, it } from 'vitest';
import { groundedAnswerConstraint, writtenNumbers, writtenWords } from '../../agent/answer-grammar.ts';
import type { Turn } from '../../agent/trajectory.ts';
import { complete, setupFixtureEngines } from './test-support.ts';

const { keeper } = setupFixtureEngines();

const HISTORY: Turn[] = [
  { from: 'user', value: 'Mark "Pick up saffron" as done, and how warm is it in Zürich?' },
  {
    from: 'observation',
    value: '{"todo": {"id": 44, "text": "Pick up saffron", "done": true}, "temp": 24.4}',
  },
];
const VOCABULARY = ['Marked', 'as', 'done', 'id', 'It', 'is', 'degrees', 'in'];

describe('grounded answers on llama.cpp', { timeout: 60_000 }, () => {
  it('a random model under the vocabulary grammar writes only known words, written numbers and quoted spans, no brackets between them', async () => {
    const { grammar } = groundedAnswerConstraint(HISTORY, VOCABULARY) as { grammar: string };
    const texts = HISTORY.map((turn) => turn.value);
    const words = writtenWords([...texts, ...VOCABULARY]);
    const digitRuns = new Set(writtenNumbers({ texts }).flatMap((number) => number.split('.')));
    const pieces = texts.flatMap((text) => text.split('"'));
    let finished = 0;
    let wordsSeen = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      const request = { prompt: `summarizer ${seed}: `, sampling: { temperature: 1, seed }, maxTokens: 60 };
      const { text, reason } = await complete(keeper, {
        ...request,
        constraint: { type: 'grammar', grammar },
      });
      // Cut by maxTokens, the last word may be a known word's beginning.
      const whole = reason === 'stop' ? text : text.replace(/[\p{L}\p{N}]+$/u, '');
      for (const word of writtenWords([whole])) {
        if (/^\d/.test(word) && /\d$/.test(word) && !/[^\d]/.test(word)) continue;
        expect(words, text).toContain(word);
        wordsSeen++;
      }
      for (const run of text.match(/\d+/g) ?? []) expect(digitRuns, text).toContain(run);
      if (reason !== 'stop') continue; // cut inside a quoted text, perhaps
      finished++;
      expect((text.match(/"/g) ?? []).length % 2, text).toBe(0);
      for (const [, quoted] of text.matchAll(/"([^"]*)"/g))
        expect(
          pieces.some((piece) => piece.includes(quoted as string)),
          text,
        ).toBe(true);
      expect(text.replace(/"[^"]*"/g, ''), `JSON brackets between the words: ${text}`).not.toMatch(/[[\]{}]/);
    }
    expect(finished).toBeGreaterThan(3);
    expect(wordsSeen).toBeGreaterThan(10);
  });
});
