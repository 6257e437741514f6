import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED } from './data-files.ts';
import { buildPools } from './entities.ts';
import { madeUpCities } from './made-up-cities.ts';
import { Rng } from './rng.ts';
import { smallDataset } from './test-dataset.ts';

describe('made-up cities', () => {
  it('are distinct, take new ids and never contain or sit inside a real city name', () => {
    const cities = madeUpCities(new Rng(3), 400, ['FR', 'JP']);
    const names = cities.map((city) => city.name.toLowerCase());
    expect(new Set(names).size).toBe(400);
    const seededIds = new Set(SEED.cities.map((city) => city.id));
    expect(cities.every((city) => !seededIds.has(city.id))).toBe(true);
    for (const real of SEED.cities.map((city) => city.name.toLowerCase())) {
      expect(
        names.some((name) => name.includes(real) || real.includes(name)),
        real,
      ).toBe(false);
    }
    expect(new Set(cities.map((city) => city.country))).toEqual(new Set(['FR', 'JP']));
  });

  it('stay the cities the shipped models were trained on for seed 1 (3000 in training-side countries)', () => {
    const codes = buildPools('train').countries.map((country) => country.code);
    const cities = madeUpCities(Rng.derive(1, 'made-up-cities'), 3000, codes);
    expect(cities.slice(0, 3).map((city) => city.name)).toEqual(['Pouxgraixpum', 'Druthjuwaith', 'Grostea']);
    expect(createHash('sha256').update(JSON.stringify(cities)).digest('hex')).toBe(
      'f1040bdb88785fe419aad1fcf7f5766faf140ef250d19df94d2d11725f3ef8da',
    );
  });

  it('fill training tasks with names the live server answers for, and never reach the test splits', async () => {
    const dataset = await smallDataset();
    const made = new Set(madeUpCities(Rng.derive(7, 'made-up-cities'), 200, ['FR']).map((city) => city.id));
    const idsIn = (split: 'train' | 'test-in-domain' | 'test-out-of-domain') =>
      dataset.splits[split].tasks.flatMap((task) =>
        task.dialogue.conversations
          .filter((turn) => turn.from === 'observation')
          .flatMap((turn) =>
            [...turn.value.matchAll(/"(?:city_)?id": (\d+)/g)].map((match) => Number(match[1])),
          ),
      );
    const trainIds = idsIn('train').filter((id) => made.has(id));
    expect(trainIds.length).toBeGreaterThan(10);
    for (const split of ['test-in-domain', 'test-out-of-domain'] as const) {
      expect(idsIn(split).filter((id) => made.has(id))).toEqual([]);
    }
  });
});
