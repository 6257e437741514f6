import { describe, expect, it } from 'vitest';
import { SEED } from './data-files.ts';
import { type DatasetOptions, describeDataset, madeUpWorld } from './dataset.ts';
import { buildPools } from './entities.ts';
import { madeUpCities } from './made-up-cities.ts';
import { Rng } from './rng.ts';
import type { SplitName } from './splits.ts';
import { smallDataset } from './test-dataset.ts';

const OPTIONS: DatasetOptions = {
  seed: 7,
  train: 400,
  test: 120,
  systemPrefix: true,
  madeUpCities: 200,
  madeUpCountries: 60,
  madeUpCurrencies: 60,
};
const world = madeUpWorld(OPTIONS);
const dataset = () => smallDataset(OPTIONS);

/** The observations of a split's tasks of one intent, parsed, beside the task's words. */
async function observed(split: SplitName, intent?: string) {
  const tasks = (await dataset()).splits[split].tasks.filter(
    (task) => intent === undefined || task.meta.intent === intent,
  );
  return tasks.flatMap((task) =>
    task.dialogue.conversations
      .filter((turn) => turn.from === 'observation')
      .map((turn) => ({ task, body: JSON.parse(turn.value) as Record<string, unknown> })),
  );
}

describe('made-up countries and currencies in the dataset', () => {
  it('are drawn the same for a seed, and leave the made-up cities of the defaults as they were', () => {
    expect(madeUpWorld(OPTIONS)).toEqual(world);
    expect(madeUpWorld({ ...OPTIONS, seed: 8 }).countries).not.toEqual(world.countries);
    const defaults = madeUpWorld({ ...OPTIONS, madeUpCountries: 0, madeUpCurrencies: 0 });
    const trainCodes = buildPools('train').countries.map((country) => country.code);
    expect(defaults).toEqual({
      currencies: [],
      countries: [],
      cities: madeUpCities(Rng.derive(7, 'made-up-cities'), 200, trainCodes),
    });
    const madeCodes = new Set(world.countries.map((country) => country.code));
    expect(world.cities.some((city) => madeCodes.has(city.country))).toBe(true);
  });

  it('give training country facts the live server answers with the made-up values', async () => {
    const byCode = new Map(world.countries.map((country) => [country.code, country]));
    const answered = (await observed('train', 'country_facts')).filter(({ body }) =>
      byCode.has(String(body.code)),
    );
    expect(answered.length).toBeGreaterThan(5);
    for (const { task, body } of answered) {
      expect(body).toEqual(byCode.get(String(body.code)));
      const conclusion = task.dialogue.conversations.at(-1)?.value ?? '';
      for (const value of task.meta.values) expect(conclusion).toContain(value);
    }
  });

  it('give training conversions the live server answers at the made-up rates', async () => {
    const rates = new Map<string, number>([
      ...Object.entries(SEED.usd_rates),
      ...world.currencies.map((currency): [string, number] => [currency.code, currency.usd_rate]),
    ]);
    const madeCodes = new Set(world.currencies.map((currency) => currency.code));
    const answered = (await observed('train', 'convert')).filter(
      ({ body }) => madeCodes.has(String(body.source)) || madeCodes.has(String(body.target)),
    );
    expect(answered.length).toBeGreaterThan(5);
    for (const { body } of answered) {
      expect(body.source).not.toBe(body.target);
      const rate = (rates.get(String(body.target)) ?? 0) / (rates.get(String(body.source)) ?? 0);
      expect(body.rate).toBe(Math.round(rate * 1e6) / 1e6);
    }
    const unknown = await observed('train', 'unknown_currency');
    expect(unknown.some(({ task }) => task.meta.entities.some((said) => madeSaid(said)))).toBe(true);
  });

  it('list the cities of a made-up country, and never reach the test splits', async () => {
    const madeCountryCodes = new Set(world.countries.map((country) => country.code));
    const listed = (await observed('train', 'cities_in_country')).filter(
      ({ body }) => Array.isArray(body) && madeCountryCodes.has(String(body[0]?.country)),
    );
    expect(listed.length).toBeGreaterThan(0);
    for (const split of ['test-in-domain', 'test-out-of-domain'] as const) {
      const text = JSON.stringify((await dataset()).splits[split].tasks).toLowerCase();
      for (const name of madeNames) expect(text.includes(name), `${name} in ${split}`).toBe(false);
      const codes = [
        ...world.countries.map((country) => country.code),
        ...world.currencies.map((c) => c.code),
      ];
      for (const code of codes)
        expect(text.includes(`"${code.toLowerCase()}"`), `${code} in ${split}`).toBe(false);
    }
  });

  it('records the counts in the manifest only when there are any', async () => {
    const described = describeDataset(await dataset());
    expect(described).toMatchObject({ madeUpCities: 200, madeUpCountries: 60, madeUpCurrencies: 60 });
    const plain = describeDataset({
      ...(await dataset()),
      options: { ...OPTIONS, madeUpCountries: 0, madeUpCurrencies: 0 },
    });
    expect(Object.keys(plain)).not.toContain('madeUpCountries');
    expect(Object.keys(plain)).not.toContain('madeUpCurrencies');
  });
});

const madeNames = [
  ...world.countries.flatMap((country) => [country.name, country.capital]),
  ...world.currencies.flatMap((currency) => currency.names),
].map((name) => name.toLowerCase());

/** True when the user's words name a made-up currency (by code or name, singular or plural). */
function madeSaid(said: string): boolean {
  const key = said.toLowerCase();
  return world.currencies.some(
    (currency) =>
      currency.code === said ||
      currency.names.some((name) => key === name.toLowerCase() || key === `${name.toLowerCase()}s`),
  );
}
