import type { City } from '../../src/demo-api/demo-data.ts';
import { SEED } from './data-files.ts';
import type { CityEntity } from './entities.ts';
import { madeUpName, NameGuard } from './made-up-names.ts';
import type { Rng } from './rng.ts';

/**
 * `count` made-up cities for the training split only, with ids after the seeded ones, in random
 * countries of `countryCodes` (time zone of a real city there, any real one for a made-up country).
 * Trained on the seeded cities alone, the caller memorised ~300 names and wrote them for any city
 * (0/48 out-of-domain weather tasks); thousands of names never repeated make copying the user's
 * words the only way to fit the data.
 */
export function madeUpCities(rng: Rng, count: number, countryCodes: readonly string[]): City[] {
  const zones = new Map(SEED.cities.map((city) => [city.country, city.timezone]));
  const guard = new NameGuard(SEED.cities.map((city) => city.name));
  const zoneList = [...new Set(zones.values())];
  const firstId = Math.max(...SEED.cities.map((city) => city.id)) + 1000;
  const cities: City[] = [];
  while (cities.length < count) {
    const name = madeUpName(rng);
    if (!guard.take(name)) continue;
    const country = rng.pick(countryCodes);
    const population = rng.int(5, 4000) * 1000;
    // A made-up country has no real city to lend its zone: any real zone will do.
    const timezone = zones.get(country) ?? rng.pick(zoneList);
    cities.push({ id: firstId + cities.length, name, country, population, timezone });
  }
  return cities;
}

/** The city entities of made-up cities (what a task may mention). */
export function cityEntities(cities: readonly City[]): CityEntity[] {
  return cities.map(({ id, name }) => ({ id, name }));
}
