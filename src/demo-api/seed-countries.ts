/** A country of the demo API, as getCountry answers it. */
export interface Country {
  /** ISO 3166-1 alpha-2 code. */
  code: string;
  name: string;
  capital: string;
  /** ISO 4217 code. */
  currency: string;
  population: number;
  languages: string[];
}

type CountryRow = readonly [string, string, string, string, number, readonly string[]];

// Every seeded city's country is here, so a city → country chain always resolves. ASCII names.
const ROWS: readonly CountryRow[] = [
  ['AE', 'United Arab Emirates', 'Abu Dhabi', 'AED', 9_500_000, ['Arabic']],
  ['AR', 'Argentina', 'Buenos Aires', 'ARS', 46_000_000, ['Spanish']],
  ['AU', 'Australia', 'Canberra', 'AUD', 26_600_000, ['English']],
  ['BR', 'Brazil', 'Brasilia', 'BRL', 203_100_000, ['Portuguese']],
  ['CA', 'Canada', 'Ottawa', 'CAD', 40_100_000, ['English', 'French']],
  ['CH', 'Switzerland', 'Bern', 'CHF', 8_900_000, ['German', 'French', 'Italian', 'Romansh']],
  ['CN', 'China', 'Beijing', 'CNY', 1_410_700_000, ['Chinese']],
  ['DE', 'Germany', 'Berlin', 'EUR', 84_500_000, ['German']],
  ['EG', 'Egypt', 'Cairo', 'EGP', 105_000_000, ['Arabic']],
  ['ES', 'Spain', 'Madrid', 'EUR', 48_600_000, ['Spanish']],
  ['FR', 'France', 'Paris', 'EUR', 68_200_000, ['French']],
  ['GB', 'United Kingdom', 'London', 'GBP', 68_300_000, ['English']],
  ['ID', 'Indonesia', 'Jakarta', 'IDR', 277_500_000, ['Indonesian']],
  ['IE', 'Ireland', 'Dublin', 'EUR', 5_300_000, ['English', 'Irish']],
  ['IN', 'India', 'New Delhi', 'INR', 1_428_600_000, ['Hindi', 'English']],
  ['IT', 'Italy', 'Rome', 'EUR', 58_900_000, ['Italian']],
  ['JP', 'Japan', 'Tokyo', 'JPY', 124_500_000, ['Japanese']],
  ['KE', 'Kenya', 'Nairobi', 'KES', 55_100_000, ['English', 'Swahili']],
  ['KR', 'South Korea', 'Seoul', 'KRW', 51_700_000, ['Korean']],
  ['MX', 'Mexico', 'Mexico City', 'MXN', 129_000_000, ['Spanish']],
  ['NG', 'Nigeria', 'Abuja', 'NGN', 223_800_000, ['English']],
  ['NL', 'Netherlands', 'Amsterdam', 'EUR', 17_900_000, ['Dutch']],
  ['NO', 'Norway', 'Oslo', 'NOK', 5_500_000, ['Norwegian']],
  ['NZ', 'New Zealand', 'Wellington', 'NZD', 5_200_000, ['English', 'Maori']],
  ['PL', 'Poland', 'Warsaw', 'PLN', 36_800_000, ['Polish']],
  ['SE', 'Sweden', 'Stockholm', 'SEK', 10_500_000, ['Swedish']],
  ['SG', 'Singapore', 'Singapore', 'SGD', 5_900_000, ['English', 'Malay', 'Mandarin', 'Tamil']],
  ['TR', 'Turkey', 'Ankara', 'TRY', 85_300_000, ['Turkish']],
  ['US', 'United States', 'Washington, D.C.', 'USD', 334_900_000, ['English']],
  ['ZA', 'South Africa', 'Pretoria', 'ZAR', 62_000_000, ['English', 'Zulu', 'Xhosa', 'Afrikaans']],
];

/** The 30 seeded countries, ordered by code. */
export const COUNTRIES: readonly Country[] = ROWS.map(([code, name, capital, currency, population, langs]) => ({
  code,
  name,
  capital,
  currency,
  population,
  languages: [...langs],
}));

/** The country with this (upper-case) code, if any. */
export function findCountry(code: string): Country | undefined {
  return COUNTRIES.find((country) => country.code === code);
}

/** Fixed exchange rates: units of each currency per 1 USD (12 currencies). */
export const USD_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  JPY: 150,
  CNY: 7.2,
  INR: 83,
  CAD: 1.35,
  AUD: 1.5,
  CHF: 0.88,
  NOK: 10.5,
  BRL: 5,
  MXN: 17,
};
