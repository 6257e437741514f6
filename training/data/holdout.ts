import type { Dialogue } from '../../src/eval/steps.ts';
import { heldOutTerms } from './entities.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds held-out terms as whole words: names in any case (plural "s" allowed), codes in upper case. */
export class HeldOutMatcher {
  readonly #names: RegExp;
  readonly #codes: RegExp;

  constructor(terms = heldOutTerms()) {
    const alternation = (list: string[]) =>
      [...list]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|');
    this.#names = new RegExp(`(?<![\\w-])(?:${alternation(terms.names)})s?(?![\\w-])`, 'i');
    this.#codes = new RegExp(`(?<![\\w-])(?:${alternation(terms.codes)})(?![\\w-])`);
  }

  /** The first held-out term in `text`, if any. */
  find(text: string): string | undefined {
    return (this.#names.exec(text) ?? this.#codes.exec(text))?.[0];
  }

  /** The first held-out term in what a model reads as the user's words or must write (every turn but observations). */
  findInDialogue(dialogue: Dialogue): string | undefined {
    for (const turn of dialogue.conversations) {
      if (turn.from === 'observation') continue;
      const found = this.find(turn.value);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}
