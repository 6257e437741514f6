import {
  BACKBONE_TEMPLATE,
  CALLER_TEMPLATE,
  PLANNER_TEMPLATE,
  SUMMARIZER_TEMPLATE,
} from '../../src/agent/alpha-umi-prompts.ts';
import openApiDocument from '../../src/demo-api/openapi.json' with { type: 'json' };
import { ANSWERS, SEED, TEMPLATES, THOUGHTS, WORDS } from './data-files.ts';
import { heldOutTerms } from './entities.ts';
import type { Rng } from './rng.ts';

const ONSETS = 'b br c ch d dr f g gr h j k kl l m n p pl r s sh st t tr v w z'.split(' ');
const VOWELS = 'a e i o u ai ou ea'.split(' ');
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'th', 'm', 'nd', 'rk', 'x'];
const SECOND_WORDS = ['Falls', 'Bay', 'Springs', 'Harbor', 'Heights', 'Valley', 'Creek', 'Point'];

/** A made-up word of two or three random syllables, capitalised. */
export function madeUpWord(rng: Rng): string {
  let word = '';
  for (let index = rng.int(2, 3); index > 0; index--) {
    word += rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `root` with `ending`, one vowel dropped where two would meet ("Brailo" + "ia" is "Brailia"). */
export function withEnding(root: string, ending: string): string {
  return /[aeiou]$/.test(root) && /^[aeiou]/.test(ending) ? root.slice(0, -1) + ending : root + ending;
}

/** A made-up place name: a made-up word, sometimes with a second word ("Falls", "Bay"…). */
export function madeUpName(rng: Rng): string {
  const name = madeUpWord(rng);
  return rng.chance(0.12) ? `${name} ${rng.pick(SECOND_WORDS)}` : name;
}

/**
 * The names made up so far and those they must keep clear of: a name is new when it neither
 * contains nor sits inside any of them (case-insensitive), so no made-up name holds a real or
 * held-out one, nor another made-up one.
 */
export class NameGuard {
  readonly #taken: string[];

  constructor(forbidden: Iterable<string>) {
    this.#taken = [...new Set([...forbidden].map((name) => name.toLowerCase()))];
  }

  /** True when `name` neither contains nor sits inside a name taken or forbidden (case-insensitive). */
  isNew(name: string): boolean {
    const key = name.toLowerCase();
    return !this.#taken.some((known) => known.includes(key) || key.includes(known));
  }

  /** Takes `name` and answers true when it is new; false (and takes nothing) otherwise. */
  take(name: string): boolean {
    return this.takeAll([name]);
  }

  /** Takes every name, or none when one is not new or two of them overlap. */
  takeAll(names: readonly string[]): boolean {
    const keys = names.map((name) => name.toLowerCase());
    const overlap = keys.some((key, index) =>
      keys.some((other, at) => at !== index && (other.includes(key) || key.includes(other))),
    );
    if (overlap || !keys.every((key) => this.isNew(key))) return false;
    this.#taken.push(...keys);
    return true;
  }
}

/**
 * Every name a made-up country or currency must keep clear of: the held-out terms, the seeded
 * cities, countries, aliases, capitals, languages and currency names, and the made-up unknown
 * countries and currencies of both sides (those must stay unknown to the API).
 */
export function realAndHeldOutNames(): string[] {
  return [
    ...heldOutTerms().names,
    ...SEED.cities.map((city) => city.name),
    ...SEED.countries.flatMap((country) => [country.name, country.capital, ...country.languages]),
    ...Object.keys(SEED.country_aliases),
    ...Object.values(SEED.currency_names).flat(),
    ...WORDS.pseudoCountries.train,
    ...WORDS.pseudoCountries.ood,
    ...WORDS.unknownCurrencies.train,
    ...WORDS.unknownCurrencies.ood,
  ];
}

/**
 * Upper-case words of two or three letters the dialogues already use (the API document's "ISO",
 * the prompts' "LLM", the words' "CFA"…): no made-up code may be one, or a test split would hold it.
 */
export function upperCaseWordsInUse(): Set<string> {
  const texts = [
    JSON.stringify(openApiDocument),
    JSON.stringify([TEMPLATES, THOUGHTS, ANSWERS, WORDS]),
    JSON.stringify([SEED.currency_names, SEED.country_aliases]),
    PLANNER_TEMPLATE,
    CALLER_TEMPLATE,
    SUMMARIZER_TEMPLATE,
    BACKBONE_TEMPLATE,
  ];
  return new Set(texts.flatMap((text) => text.match(/\b[A-Z]{2,3}\b/g) ?? []));
}
