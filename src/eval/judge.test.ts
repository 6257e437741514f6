import { describe, expect, it } from 'vitest';
import { judgeMessages, judgePrompt, parseVerdict, passRate } from './judge.ts';

const run = {
  query: "What's the weather in Lausanne?",
  calls: [{ name: 'searchcities_for_demo', arguments: '{"name": "Lausanne"}', ok: true }],
  answer: 'It is 11.5 degrees and foggy in Lausanne.',
  status: 'answered',
};

describe('the judge', () => {
  it('shows the judge the query, the calls and the answer, in a chat or one prompt', () => {
    const [system, user] = judgeMessages(run);
    expect(system?.content).toContain('Solved, Unsolved or Unsure');
    expect(user?.content).toBe(
      `Query: What's the weather in Lausanne?\nAPI calls: searchcities_for_demo({"name": "Lausanne"}) ok\nFinal answer: It is 11.5 degrees and foggy in Lausanne.`,
    );
    expect(judgePrompt({ ...run, answer: null, status: 'gave-up', calls: [] })).toMatch(
      /API calls: none\nFinal answer: \(no answer: the run ended gave-up\)\nVerdict:$/,
    );
  });

  it('reads the verdict from the first word, in any case, and anything else as invalid', () => {
    expect(parseVerdict('Solved')).toBe('solved');
    expect(parseVerdict(' **unsolved** because…')).toBe('unsolved');
    expect(parseVerdict('"Unsure"')).toBe('unsure');
    expect(parseVerdict('I think it is solved')).toBe('invalid');
    expect(parseVerdict('')).toBe('invalid');
  });

  it('passes only Solved runs', () => {
    expect(passRate(['solved', 'unsolved', 'unsure', 'invalid'])).toEqual({
      runs: 4,
      solved: 1,
      unsolved: 1,
      unsure: 1,
      invalid: 1,
      passRate: 25,
    });
    expect(passRate([]).passRate).toBe(0);
  });
});
