import { gbnfLiteral } from './caller-grammar.ts';

interface TrieNode {
  end: boolean;
  children: Map<string, TrieNode>;
}

/**
 * GBNF rules matching exactly one of the words, shaped as a radix tree: a word shares its rule
 * with every word of the same prefix, so llama.cpp follows one path per prefix instead of one
 * alternative per word. Returns the rules and the start rule's name, or undefined for no words.
 */
export function wordTrieRules(
  words: Iterable<string>,
  prefix: string,
): { rules: string[]; start: string } | undefined {
  const root: TrieNode = { end: false, children: new Map() };
  for (const word of words) {
    if (word.length === 0) continue;
    let node = root;
    for (const char of word) {
      let child = node.children.get(char);
      if (child === undefined) {
        child = { end: false, children: new Map() };
        node.children.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  if (root.children.size === 0) return undefined;
  const rules: string[] = [];
  let count = 0;
  const ruleFor = (node: TrieNode): string => {
    const name = `${prefix}${count++}`;
    const alternatives = [...node.children]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([char, child]) => {
        let label = char;
        let next = child;
        // A chain of single children without a word ending in it is one literal.
        while (!next.end && next.children.size === 1) {
          const [[nextChar, nextChild]] = [...next.children] as [[string, TrieNode]];
          label += nextChar;
          next = nextChild;
        }
        return next.children.size === 0 ? gbnfLiteral(label) : `${gbnfLiteral(label)} ${ruleFor(next)}`;
      });
    const body = alternatives.join(' | ');
    rules.push(`${name} ::= ${node.end ? `( ${body} )?` : body}`);
    return name;
  };
  const start = ruleFor(root);
  return { rules, start };
}
