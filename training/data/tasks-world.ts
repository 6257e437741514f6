import type { JsonObject } from '../../src/agent/json.ts';
import { ANSWERS, THOUGHTS } from './data-files.ts';
import { DialogueBuilder, fillAnswer, showValue } from './dialogue-builder.ts';
import { countrySurface, currencySurface, pickCountry, pickCurrency, pickCurrencyPair } from './entities.ts';
import { phrase } from './phrasing.ts';
import type { Rng } from './rng.ts';
import { metaOf, objectOf, type TaskBuilder } from './task-types.ts';

/** The answer format and the observation fields it states, per country phrasing group. */
const COUNTRY_ANSWERS: Record<string, { format: string; fields: string[] }> = {
  country_capital: { format: ANSWERS.countryCapital, fields: ['name', 'capital'] },
  country_currency: { format: ANSWERS.countryCurrency, fields: ['name', 'currency'] },
  country_population: { format: ANSWERS.countryPopulation, fields: ['name', 'population'] },
  country_languages: { format: ANSWERS.countryLanguages, fields: ['name', 'languages'] },
  country_overview: {
    format: ANSWERS.countryOverview,
    fields: ['name', 'code', 'capital', 'currency', 'population', 'languages'],
  },
};

/** Facts about a country (capital, currency, population, languages or all): one getCountry call. */
export const countryFactsTask: TaskBuilder = async (ctx) => {
  const answer = COUNTRY_ANSWERS[ctx.group];
  if (answer === undefined) throw new Error(`No country answer for group ${ctx.group}`);
  const country = pickCountry(ctx.rng, ctx.pools);
  const said = phrase(ctx.rng, ctx.side, ctx.group, { country: countrySurface(ctx.rng, country, true) });
  const builder = new DialogueBuilder(ctx.session, said.text);
  const facts = objectOf(
    await builder.call(THOUGHTS.country, 'getCountry', { code: said.slots.country ?? country.name }),
  );
  if (facts === undefined) return undefined;
  builder.conclude(THOUGHTS.answer, fillAnswer(answer.format, facts));
  const values = answer.fields.flatMap((field) => {
    const value = facts[field] ?? '';
    return Array.isArray(value) ? value.map(showValue) : [showValue(value)];
  });
  return { dialogue: builder.dialogue(), meta: metaOf('country_facts', said, values) };
};

/** A country the API does not know: getCountry answers 404 and the planner concludes politely. */
export const unknownCountryTask: TaskBuilder = async (ctx) => {
  const said = phrase(ctx.rng, ctx.side, ctx.group, { country: ctx.rng.pick(ctx.pools.pseudoCountries) });
  const builder = new DialogueBuilder(ctx.session, said.text);
  const name = said.slots.country ?? '';
  if ((await builder.call(THOUGHTS.country, 'getCountry', { code: name })) !== undefined) return undefined;
  builder.conclude(THOUGHTS.apiError, fillAnswer(ANSWERS.noCountry, { name }));
  return { dialogue: builder.dialogue(), meta: metaOf('unknown_country', said, []) };
};

/** An amount as users write it: mostly whole numbers, some round, some with one or two decimals. */
function drawAmount(rng: Rng): number {
  const kind = rng.next();
  if (kind < 0.45) return rng.int(1, 999);
  if (kind < 0.75) return rng.pick([1, 5, 10, 20, 50]) * rng.pick([1, 10, 100, 1000]);
  if (kind < 0.9) return rng.int(1000, 250000);
  const cents = rng.int(1, 99);
  return Number(`${rng.int(0, 500)}.${cents % 10 === 0 ? cents / 10 : cents}`);
}

/** The conversion call for a phrasing of convert. */
async function convert(builder: DialogueBuilder, slots: Record<string, string>, amount: number) {
  const args: JsonObject = { source: slots.source ?? '', target: slots.target ?? '', amount };
  return objectOf(await builder.call(THOUGHTS.convert, 'convertCurrency', args));
}

/** Currency conversion: codes or names, singular or plural, one convertCurrency call. */
export const convertTask: TaskBuilder = async (ctx) => {
  const pair = pickCurrencyPair(ctx.rng, ctx.pools);
  if (pair === undefined) return undefined;
  const [source, target] = pair;
  const amount = drawAmount(ctx.rng);
  const slots = {
    amount: String(amount),
    source: currencySurface(ctx.rng, source, amount !== 1),
    target: currencySurface(ctx.rng, target, true),
  };
  const said = phrase(ctx.rng, ctx.side, ctx.group, slots);
  const builder = new DialogueBuilder(ctx.session, said.text);
  const result = await convert(builder, said.slots, amount);
  if (result === undefined) return undefined;
  builder.conclude(THOUGHTS.answer, fillAnswer(ANSWERS.convert, result));
  const values = ['amount', 'source', 'result', 'target', 'rate'].map((field) =>
    showValue(result[field] ?? ''),
  );
  return { dialogue: builder.dialogue(), meta: metaOf('convert', said, values) };
};

/** A currency the API does not know on one side: a 400 the planner reacts to. */
export const unknownCurrencyTask: TaskBuilder = async (ctx) => {
  const known = pickCurrency(ctx.rng, ctx.pools);
  const unknown = ctx.rng.pick(ctx.pools.unknownCurrencies);
  const amount = drawAmount(ctx.rng);
  const unknownFirst = ctx.rng.chance(0.5);
  const knownSaid = currencySurface(ctx.rng, known, true);
  const slots = {
    amount: String(amount),
    source: unknownFirst ? unknown : knownSaid,
    target: unknownFirst ? knownSaid : unknown,
  };
  const said = phrase(ctx.rng, ctx.side, ctx.group, slots);
  const builder = new DialogueBuilder(ctx.session, said.text);
  if ((await convert(builder, said.slots, amount)) !== undefined) return undefined;
  const name = (unknownFirst ? said.slots.source : said.slots.target) ?? unknown;
  builder.conclude(THOUGHTS.apiError, fillAnswer(ANSWERS.noCurrency, { name }));
  return { dialogue: builder.dialogue(), meta: metaOf('unknown_currency', said, [name]) };
};
