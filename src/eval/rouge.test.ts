import { describe, expect, it } from 'vitest';
import { reconstructLcs, rougeLF, rougeSentences } from './rouge.ts';

describe('rougeSentences', () => {
  it('drops zero-length segments before normalising, so whitespace-only segments stay as empty sentences', () => {
    // "a. . b".split(".") = ["a", " ", " b"]: all non-empty, then " ".join(seg.split()) → "a", "", "b"
    expect(rougeSentences('a. . b')).toEqual(['a', '', 'b']);
    // "a.. b".split(".") = ["a", "", " b"]: the "" is dropped
    expect(rougeSentences('a.. b')).toEqual(['a', 'b']);
    expect(rougeSentences('no dots here')).toEqual(['no dots here']);
    expect(rougeSentences('...')).toEqual([]);
    expect(rougeSentences('')).toEqual([]);
  });

  it('normalises whitespace with Python str.split semantics (tabs, newlines, no-break spaces)', () => {
    expect(rougeSentences(' a\t b\n\u00a0c \u3000')).toEqual(['a b c']);
  });
});

describe('reconstructLcs', () => {
  it('takes the left move on ties when backtracking, as the rouge package does', () => {
    // x=[a,b], y=[b,a]: at (2,2) table[1][2]=1 is not > table[2][1]=1, so move left and take "b"
    expect(reconstructLcs(['a', 'b'], ['b', 'a'])).toEqual(['b']);
    expect(reconstructLcs(['a', 'b', 'c', 'd'], ['a', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    expect(reconstructLcs([], ['a'])).toEqual([]);
  });
});

describe('rougeLF', () => {
  it('gives 2·(1·1/(1+1+1e-8)) = 0.999999995 for identical text', () => {
    expect(rougeLF('The cat sat.', 'The cat sat.')).toBeCloseTo(0.999999995, 15);
  });

  it('counts distinct words for m and n and the LCS as a set of words', () => {
    // ref "the cat is on the mat": distinct {the,cat,is,on,mat} m=5
    // hyp "the cat sat on the mat": distinct {the,cat,sat,on,mat} n=5
    // LCS "the cat on the mat" → word set {the,cat,on,mat} = 4; R = P = 4/5
    // F = 2·(0.64/(1.6+1e-8)) = 0.799999995
    expect(rougeLF('the cat sat on the mat', 'the cat is on the mat')).toBeCloseTo(0.799999995, 12);
  });

  it('unites the LCS of each hypothesis sentence (Lin’s summary-level example)', () => {
    // ref r = w1 w2 w3 w4 w5 (m=5); hyp c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5 (n = 8 distinct)
    // LCS(r,c1) = {w1,w2}, LCS(r,c2) = {w1,w3,w5}; union 4 → R = 4/5, P = 4/8
    // F = 2·(0.4/(1.3+1e-8))
    const expected = 2 * (0.4 / (1.3 + 1e-8));
    expect(rougeLF('w1 w2 w6 w7 w8. w1 w3 w8 w9 w5', 'w1 w2 w3 w4 w5')).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.6153846, 6);
  });

  it('shares the running word set across reference sentences, so tie-breaking matters', () => {
    // ref sentences [a,b] and [b]; hyp [b,a]. LCS([a,b],[b,a]) = {b} (left on ties), LCS([b],[b,a]) = {b}
    // union {b} = 1; m = |{a,b}| = 2, n = 2; R = P = 1/2; F = 2·(0.25/(1+1e-8)) ≈ 0.5
    expect(rougeLF('b a', 'a b. b')).toBeCloseTo(0.5 / (1 + 1e-8), 12);
  });

  it('counts the empty word of a whitespace-only sentence', () => {
    // "x. . y" → [x], [""], [y]; "a. . b" → [a], [""], [b]; m = n = 3 (the "" counts)
    // only ""≡"" matches → LCS 1; R = P = 1/3; F = 2·((1/9)/(2/3+1e-8)) ≈ 1/3
    expect(rougeLF('x. . y', 'a. . b')).toBeCloseTo(2 / 9 / (2 / 3 + 1e-8), 12);
    // with "..", the empty segment is dropped: no common word at all
    expect(rougeLF('x.. y', 'a.. b')).toBe(0);
  });

  it('scores a hypothesis sentence against text without any dot', () => {
    // hyp "a. . b" → [a], [""], [b], n = 3; ref "a b" → [a,b], m = 2
    // LCS([a,b],[a]) = {a}, with [""] = {}, with [b] = {b} → 2; R = 1, P = 2/3
    // F = 2·((2/3)/(5/3+1e-8)) ≈ 0.8
    expect(rougeLF('a. . b', 'a b')).toBeCloseTo(4 / 3 / (5 / 3 + 1e-8), 12);
  });

  it('returns 0 instead of NaN when a text has no sentence (empty or only dots), where the package raises', () => {
    expect(rougeLF('', 'an answer')).toBe(0);
    expect(rougeLF('...', 'an answer')).toBe(0);
    expect(rougeLF('an answer', '')).toBe(0);
  });

  it('matches words case-sensitively and only on exact spelling', () => {
    // ref [The, weather, in, Paris, is, sunny] m=6; hyp [Sunny, in, Paris] n=3; LCS {in, Paris} = 2
    // R = 2/6, P = 2/3, F = 2·((2/9)/(1+1e-8))
    expect(rougeLF('Sunny in Paris', 'The weather in Paris is sunny')).toBeCloseTo(4 / 9 / (1 + 1e-8), 12);
  });
});
