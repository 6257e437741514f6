import { describe, expect, it } from 'vitest';
import { wordTrieRules } from './gbnf-trie.ts';

describe('word trie rules', () => {
  it('share one rule per common prefix and let a word that is a prefix of another end there', () => {
    const trie = wordTrieRules(['todo', 'todos', 'to', 'the', 'Tartu', 'to'], 'w') ?? expect.fail('no rules');
    expect(trie.start).toBe('w0');
    expect(trie.rules).toEqual([
      'w3 ::= ( "s" )?',
      'w2 ::= ( "do" w3 )?',
      'w1 ::= "he" | "o" w2',
      'w0 ::= "Tartu" | "t" w1',
    ]);
  });

  it('escape quotes and backslashes and keep non-ASCII letters whole', () => {
    const trie = wordTrieRules(['Zürich', 'a"b', 'c\\d'], 'w') ?? expect.fail('no rules');
    expect(trie.rules).toEqual(['w0 ::= "Zürich" | "a\\"b" | "c\\\\d"']);
  });

  it('make no rules for no words', () => {
    expect(wordTrieRules(['', ''], 'w')).toBeUndefined();
  });
});
