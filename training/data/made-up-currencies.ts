import type { AddedCurrency } from '../../src/demo-api/demo-data.ts';
import { SEED, WORDS } from './data-files.ts';
import { type CurrencyEntity, heldOutTerms } from './entities.ts';
import { madeUpWord, type NameGuard, upperCaseWordsInUse, withEnding } from './made-up-names.ts';
import type { Rng } from './rng.ts';

/** Real unit words no seeded currency is named by alone, so "<Made-up> florin" names no real currency. */
const PLAIN_UNITS = [
  'florin',
  'ducat',
  'mark',
  'crown',
  'franc',
  'peso',
  'dinar',
  'shilling',
  'thaler',
  'guilder',
  'rupee',
  'riyal',
];
const ADJECTIVE_ENDINGS = ['', 'an', 'ese', 'i', 'ian'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Units per US dollar, drawn log-uniformly: from a strong currency (0.25) to a weak one (25,000). */
const MIN_RATE = 0.25;
const MAX_RATE = 25_000;

/** A rate rounded as the seeded ones are: three significant digits. */
function roundRate(rate: number): number {
  return Number(rate.toPrecision(3));
}

/** Codes a made-up currency may not take: seeded, held-out and unknown ones, seeded names, words in use. */
function takenCodes(): Set<string> {
  return new Set([
    ...upperCaseWordsInUse(),
    ...Object.keys(SEED.usd_rates),
    ...heldOutTerms().codes,
    ...[...WORDS.unknownCurrencies.train, ...WORDS.unknownCurrencies.ood].map((word) => word.toUpperCase()),
    ...Object.values(SEED.currency_names)
      .flat()
      .map((name) => name.toUpperCase()),
  ]);
}

/**
 * `count` made-up currencies for the training split only: new three-letter codes, one or two
 * made-up names ("Brailan florin", or "Drouthi zorin" and "zorin") clear of every name `guard`
 * holds, and a realistic rate. Trained on the ~60 seeded currencies alone, the models answered a
 * memorised code ("Bolivia uses BRL") where the API said another; codes and names never seen
 * twice make copying from the user's words and the observations the only way to fit the data.
 */
export function madeUpCurrencies(rng: Rng, count: number, guard: NameGuard): AddedCurrency[] {
  const codes = takenCodes();
  const currencies: AddedCurrency[] = [];
  while (currencies.length < count) {
    const code = Array.from({ length: 3 }, () => rng.pick([...LETTERS])).join('');
    if (codes.has(code)) continue;
    const adjective = withEnding(madeUpWord(rng), rng.pick(ADJECTIVE_ENDINGS));
    const ownUnit = rng.chance(0.5);
    const unit = ownUnit ? madeUpWord(rng).toLowerCase() : rng.pick(PLAIN_UNITS);
    const name = `${adjective} ${unit}`;
    if (!guard.isNew(name) || !guard.takeAll(ownUnit ? [adjective, unit] : [adjective])) continue;
    codes.add(code);
    const rate = roundRate(Math.exp(Math.log(MIN_RATE) + rng.next() * Math.log(MAX_RATE / MIN_RATE)));
    currencies.push({ code, names: ownUnit ? [name, unit] : [name], usd_rate: rate });
  }
  return currencies;
}

/** The currency entities of made-up currencies (what a task may mention). */
export function currencyEntities(currencies: readonly AddedCurrency[]): CurrencyEntity[] {
  return currencies.map(({ code, names }) => ({ code, names: [...names] }));
}
