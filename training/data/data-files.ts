import seed from '../../src/demo-api/seed-data.json' with { type: 'json' };
import holdoutJson from './holdout.json' with { type: 'json' };
import mixJson from './mix.json' with { type: 'json' };
import responsesJson from './responses.json' with { type: 'json' };
import templatesJson from './templates.json' with { type: 'json' };
import wordsJson from './words.json' with { type: 'json' };

/** Which side of each held-out list a split draws from: train and in-domain test use `train`. */
export type PoolSide = 'train' | 'ood';

/** A list split into values seen in training and values held out for the out-of-domain test. */
export interface SidedList {
  train: string[];
  ood: string[];
}

/** Syllables of made-up place names (cities the API does not know). */
export interface PseudoNameParts {
  onsets: string[];
  middles: string[];
  codas: string[];
  prefixes: string[];
}

/** One intent of the task mix: its share and the phrasing groups it draws from, with weights. */
export interface IntentMix {
  weight: number;
  groups: Record<string, number>;
}

/** Phrasing templates per group (slots such as `{city}`), train and held-out. */
export const TEMPLATES: Readonly<Record<string, SidedList>> = templatesJson;

/** The task mix: intent → weight and phrasing groups. */
export const MIX: Readonly<Record<string, IntentMix>> = mixJson;

/** Planner thoughts per step kind (never naming an entity) and answer formats per outcome. */
export const THOUGHTS: Readonly<Record<keyof typeof responsesJson.thoughts, string>> = responsesJson.thoughts;
export const ANSWERS: Readonly<Record<keyof typeof responsesJson.answers, string>> = responsesJson.answers;

/** Word lists: todo patterns and slots, people, companies, unknown entities, greetings around training requests. */
export const WORDS: {
  todoPatterns: string[];
  todoSlots: Record<string, SidedList>;
  persons: SidedList;
  companies: SidedList;
  unknownCurrencies: SidedList;
  pseudoNames: Record<PoolSide, PseudoNameParts>;
  pseudoCountries: SidedList;
  invariantCurrencyWords: string[];
  pluralOnlyCurrencyWords: string[];
  trainWrappers: { prefixes: string[]; suffixes: string[] };
} = wordsJson;

/** The fixed held-out entities: city and country names, currency codes. */
export const HOLDOUT: { cities: string[]; countries: string[]; currencies: string[] } = holdoutJson;

/** The demo API's seeded data (cities, countries, currency names, aliases). */
export const SEED = seed;
