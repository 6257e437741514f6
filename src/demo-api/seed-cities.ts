/** A city of the demo API; `id` is what getWeather and getLocalTime take. */
export interface City {
  id: number;
  name: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  population: number;
  /** IANA time zone, used by getLocalTime (not part of the searchCities answer). */
  timezone: string;
}

// Real cities with rounded city-proper populations. Names are ASCII (Sao Paulo, Zurich) so that
// Python-style JSON observations show them unescaped. Ids are sparse 4-digit numbers so that a
// guessed id usually answers 404: a weather call needs an id taken from searchCities.
const ROWS: readonly (readonly [number, string, string, number, string])[] = [
  [8919, 'Tokyo', 'JP', 13_960_000, 'Asia/Tokyo'],
  [7838, 'Delhi', 'IN', 16_790_000, 'Asia/Kolkata'],
  [6757, 'Shanghai', 'CN', 24_870_000, 'Asia/Shanghai'],
  [5676, 'Sao Paulo', 'BR', 12_330_000, 'America/Sao_Paulo'],
  [4595, 'Mexico City', 'MX', 9_210_000, 'America/Mexico_City'],
  [3514, 'Cairo', 'EG', 10_100_000, 'Africa/Cairo'],
  [2433, 'Mumbai', 'IN', 12_440_000, 'Asia/Kolkata'],
  [1352, 'Beijing', 'CN', 21_890_000, 'Asia/Shanghai'],
  [9271, 'Osaka', 'JP', 2_750_000, 'Asia/Tokyo'],
  [8190, 'New York', 'US', 8_340_000, 'America/New_York'],
  [7109, 'Buenos Aires', 'AR', 3_120_000, 'America/Argentina/Buenos_Aires'],
  [6028, 'Istanbul', 'TR', 15_660_000, 'Europe/Istanbul'],
  [4947, 'Lagos', 'NG', 15_390_000, 'Africa/Lagos'],
  [3866, 'Rio de Janeiro', 'BR', 6_750_000, 'America/Sao_Paulo'],
  [2785, 'Los Angeles', 'US', 3_820_000, 'America/Los_Angeles'],
  [1704, 'Paris', 'FR', 2_100_000, 'Europe/Paris'],
  [9623, 'London', 'GB', 8_870_000, 'Europe/London'],
  [8542, 'Jakarta', 'ID', 10_560_000, 'Asia/Jakarta'],
  [7461, 'Seoul', 'KR', 9_410_000, 'Asia/Seoul'],
  [6380, 'Bangalore', 'IN', 8_440_000, 'Asia/Kolkata'],
  [5299, 'Chicago', 'US', 2_660_000, 'America/Chicago'],
  [4218, 'Berlin', 'DE', 3_880_000, 'Europe/Berlin'],
  [3137, 'Madrid', 'ES', 3_340_000, 'Europe/Madrid'],
  [2056, 'Rome', 'IT', 2_750_000, 'Europe/Rome'],
  [9975, 'Toronto', 'CA', 2_790_000, 'America/Toronto'],
  [8894, 'Sydney', 'AU', 5_310_000, 'Australia/Sydney'],
  [7813, 'Melbourne', 'AU', 5_080_000, 'Australia/Melbourne'],
  [6732, 'Singapore', 'SG', 5_920_000, 'Asia/Singapore'],
  [5651, 'Nairobi', 'KE', 4_400_000, 'Africa/Nairobi'],
  [4570, 'Johannesburg', 'ZA', 5_640_000, 'Africa/Johannesburg'],
  [3489, 'Cape Town', 'ZA', 4_770_000, 'Africa/Johannesburg'],
  [2408, 'Dubai', 'AE', 3_600_000, 'Asia/Dubai'],
  [1327, 'Abu Dhabi', 'AE', 1_480_000, 'Asia/Dubai'],
  [9246, 'Ankara', 'TR', 5_750_000, 'Europe/Istanbul'],
  [8165, 'Barcelona', 'ES', 1_640_000, 'Europe/Madrid'],
  [7084, 'Valencia', 'ES', 800_000, 'Europe/Madrid'],
  [6003, 'Milan', 'IT', 1_370_000, 'Europe/Rome'],
  [4922, 'Hamburg', 'DE', 1_850_000, 'Europe/Berlin'],
  [3841, 'Munich', 'DE', 1_510_000, 'Europe/Berlin'],
  [2760, 'Amsterdam', 'NL', 920_000, 'Europe/Amsterdam'],
  [1679, 'Washington', 'US', 680_000, 'America/New_York'],
  [9598, 'Zurich', 'CH', 440_000, 'Europe/Zurich'],
  [8517, 'Geneva', 'CH', 200_000, 'Europe/Zurich'],
  [7436, 'Bern', 'CH', 140_000, 'Europe/Zurich'],
  [6355, 'Oslo', 'NO', 710_000, 'Europe/Oslo'],
  [5274, 'Bergen', 'NO', 290_000, 'Europe/Oslo'],
  [4193, 'Stockholm', 'SE', 980_000, 'Europe/Stockholm'],
  [3112, 'Warsaw', 'PL', 1_860_000, 'Europe/Warsaw'],
  [2031, 'Krakow', 'PL', 800_000, 'Europe/Warsaw'],
  [9950, 'Dublin', 'IE', 590_000, 'Europe/Dublin'],
  [8869, 'Vancouver', 'CA', 660_000, 'America/Vancouver'],
  [7788, 'Montreal', 'CA', 1_760_000, 'America/Toronto'],
  [6707, 'London', 'CA', 420_000, 'America/Toronto'],
  [5626, 'Ottawa', 'CA', 1_020_000, 'America/Toronto'],
  [4545, 'San Francisco', 'US', 810_000, 'America/Los_Angeles'],
  [3464, 'Seattle', 'US', 750_000, 'America/Los_Angeles'],
  [2383, 'Auckland', 'NZ', 1_660_000, 'Pacific/Auckland'],
  [1302, 'Wellington', 'NZ', 210_000, 'Pacific/Auckland'],
  [9221, 'Kyoto', 'JP', 1_460_000, 'Asia/Tokyo'],
  [8140, 'Canberra', 'AU', 460_000, 'Australia/Sydney'],
];

/** The ~60 seeded cities, in seed order. */
export const CITIES: readonly City[] = ROWS.map(([id, name, country, population, timezone]) => ({
  id,
  name,
  country,
  population,
  timezone,
}));

/** The city with this id, if any. */
export function findCity(id: number): City | undefined {
  return CITIES.find((city) => city.id === id);
}
