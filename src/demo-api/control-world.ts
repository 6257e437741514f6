import { type AddedCurrency, type Country, nameKey } from './demo-data.ts';

/** How the control endpoints learn which country and currency codes and names are taken. */
export interface KnownWorld {
  /** The code of a known country given by code, name or alias. */
  countryCodeOf(text: string): string | undefined;
  /** The code of a known currency given by code or name. */
  currencyCodeOf(text: string): string | undefined;
}

/** What `POST /_control/countries` accepts, said when a body is refused. */
export const COUNTRIES_USAGE =
  'Give an array of {"code": "XQ", "name": "...", "capital": "...", "currency": "ABC", "population": n, "languages": ["..."]} ' +
  'with new distinct two-letter upper-case codes, new distinct names, known currency codes, ' +
  'non-negative integer populations and at least one language';

/** What `POST /_control/currencies` accepts, said when a body is refused. */
export const CURRENCIES_USAGE =
  'Give an array of {"code": "QZX", "names": ["..."], "usd_rate": n} with new distinct three-letter ' +
  'upper-case codes, new distinct non-empty names and positive finite rates (units per US dollar)';

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Keys (`nameKey`) already spoken for: the known world's, plus those of the items checked so far,
 * so a body is refused whole when two of its items clash.
 */
class TakenNames {
  readonly #batch = new Set<string>();

  constructor(private readonly known: (text: string) => string | undefined) {}

  has(text: string): boolean {
    return this.known(text) !== undefined || this.#batch.has(nameKey(text));
  }

  add(text: string): void {
    this.#batch.add(nameKey(text));
  }
}

/** True for an array of well-formed countries whose codes and names are new and distinct. */
export function isCountryList(body: unknown, world: KnownWorld): body is Country[] {
  if (!Array.isArray(body)) return false;
  const taken = new TakenNames((text) => world.countryCodeOf(text));
  return body.every((item: unknown) => {
    if (typeof item !== 'object' || item === null) return false;
    const { code, name, capital, currency, population, languages } = item as Record<string, unknown>;
    if (typeof code !== 'string' || !/^[A-Z]{2}$/.test(code) || taken.has(code)) return false;
    if (!isText(name) || taken.has(name) || !isText(capital)) return false;
    if (typeof currency !== 'string' || world.currencyCodeOf(currency) !== currency) return false;
    if (typeof population !== 'number' || !Number.isSafeInteger(population) || population < 0) return false;
    if (!Array.isArray(languages) || languages.length === 0 || !languages.every(isText)) return false;
    taken.add(code);
    taken.add(name);
    return true;
  });
}

/** True for an array of well-formed currencies whose codes and names are new and distinct. */
export function isCurrencyList(body: unknown, world: KnownWorld): body is AddedCurrency[] {
  if (!Array.isArray(body)) return false;
  const taken = new TakenNames((text) => world.currencyCodeOf(text));
  return body.every((item: unknown) => {
    if (typeof item !== 'object' || item === null) return false;
    const { code, names, usd_rate } = item as Record<string, unknown>;
    if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code) || taken.has(code)) return false;
    if (typeof usd_rate !== 'number' || !Number.isFinite(usd_rate) || usd_rate <= 0) return false;
    if (!Array.isArray(names) || !names.every(isText)) return false;
    taken.add(code);
    for (const name of names) {
      if (taken.has(name)) return false;
      taken.add(name);
    }
    return true;
  });
}
