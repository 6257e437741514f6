import type { City } from '../../src/demo-api/demo-data.ts';
import { SEED } from './data-files.ts';
import type { CityEntity } from './entities.ts';
import type { Rng } from './rng.ts';

const ONSETS = 'b br c ch d dr f g gr h j k kl l m n p pl r s sh st t tr v w z'.split(' ');
const VOWELS = 'a e i o u ai ou ea'.split(' ');
const CODAS = ['', '', '', 'n', 'r', 'l', 's', 'th', 'm', 'nd', 'rk', 'x'];
const SECOND_WORDS = ['Falls', 'Bay', 'Springs', 'Harbor', 'Heights', 'Valley', 'Creek', 'Point'];

/** A made-up city name: two or three random syllables, sometimes with a second word. */
function madeUpName(rng: Rng): string {
  let word = '';
  for (let index = rng.int(2, 3); index > 0; index--) {
    word += rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
  }
  const name = word.charAt(0).toUpperCase() + word.slice(1);
  return rng.chance(0.12) ? `${name} ${rng.pick(SECOND_WORDS)}` : name;
}

/**
 * `count` made-up cities for the training split only, with ids after the seeded ones, in random
 * training-side countries (time zone of a real city there). Trained on the seeded cities alone, the
 * caller memorised ~300 names and wrote them for any city (0/48 out-of-domain weather tasks);
 * thousands of names never repeated make copying the user's words the only way to fit the data.
 */
export function madeUpCities(rng: Rng, count: number, countryCodes: readonly string[]): City[] {
  const zones = new Map(SEED.cities.map((city) => [city.country, city.timezone]));
  const taken = new Set(SEED.cities.map((city) => city.name.toLowerCase()));
  const firstId = Math.max(...SEED.cities.map((city) => city.id)) + 1000;
  const cities: City[] = [];
  while (cities.length < count) {
    const name = madeUpName(rng);
    const key = name.toLowerCase();
    if ([...taken].some((known) => known.includes(key) || key.includes(known))) continue;
    taken.add(key);
    const country = rng.pick(countryCodes);
    const population = rng.int(5, 4000) * 1000;
    const timezone = zones.get(country) ?? 'UTC';
    cities.push({ id: firstId + cities.length, name, country, population, timezone });
  }
  return cities;
}

/** The city entities of made-up cities (what a task may mention). */
export function cityEntities(cities: readonly City[]): CityEntity[] {
  return cities.map(({ id, name }) => ({ id, name }));
}
