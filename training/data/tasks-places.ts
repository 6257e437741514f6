import { ANSWERS, THOUGHTS } from './data-files.ts';
import { DialogueBuilder, fillAnswer, showValue } from './dialogue-builder.ts';
import { countrySurface, pickCity, pickCountry, pseudoName } from './entities.ts';
import { phrase } from './phrasing.ts';
import { metaOf, objectOf, objectsOf, type TaskBuilder, type TaskContext } from './task-types.ts';

/** The units argument a weather phrasing asks for, if any. */
function unitsOf(group: string): string | undefined {
  if (group === 'weather_imperial') return 'imperial';
  if (group === 'weather_metric') return 'metric';
  return undefined;
}

/** Searches a known city by the user's words and returns the builder, phrase and the matching city. */
async function findCity(ctx: TaskContext, thought: string) {
  const city = pickCity(ctx.rng, ctx.pools);
  const said = phrase(ctx.rng, ctx.side, ctx.group, { city: city.name });
  const builder = new DialogueBuilder(ctx.session, said.text);
  const name = said.slots.city ?? city.name;
  const found = objectsOf(await builder.call(thought, 'searchCities', { name }));
  const match = found.find((item) => String(item.name).toLowerCase() === name.toLowerCase());
  return { builder, said, match };
}

/** Weather in a city: searchCities, then getWeather with the id from the observation (units when asked). */
export const weatherTask: TaskBuilder = async (ctx) => {
  const { builder, said, match } = await findCity(ctx, THOUGHTS.findCity);
  if (match === undefined) return undefined;
  const units = unitsOf(ctx.group);
  const args = units === undefined ? { city_id: match.id ?? 0 } : { city_id: match.id ?? 0, units };
  const weather = objectOf(await builder.call(THOUGHTS.weather, 'getWeather', args));
  if (weather === undefined) return undefined;
  builder.conclude(THOUGHTS.answer, fillAnswer(ANSWERS.weather, weather));
  const shown = ['temperature', 'units', 'conditions', 'city', 'wind_kph', 'humidity'];
  const values = shown.map((field) => showValue(weather[field] ?? ''));
  return { dialogue: builder.dialogue(), meta: metaOf('weather', said, values) };
};

/** Local time in a city: searchCities, then getLocalTime with the id. */
export const timeTask: TaskBuilder = async (ctx) => {
  const { builder, said, match } = await findCity(ctx, THOUGHTS.findCity);
  if (match === undefined) return undefined;
  const time = objectOf(await builder.call(THOUGHTS.time, 'getLocalTime', { city_id: match.id ?? 0 }));
  if (time === undefined) return undefined;
  builder.conclude(THOUGHTS.answer, fillAnswer(ANSWERS.time, time));
  const values = ['city', 'local_time', 'timezone'].map((field) => showValue(time[field] ?? ''));
  return { dialogue: builder.dialogue(), meta: metaOf('time', said, values) };
};

/** Population of a city: one search, answered from the matching item. */
export const cityPopulationTask: TaskBuilder = async (ctx) => {
  const { builder, said, match } = await findCity(ctx, THOUGHTS.lookUpCity);
  if (match === undefined) return undefined;
  builder.conclude(THOUGHTS.answer, fillAnswer(ANSWERS.cityPopulation, match));
  const values = ['name', 'country', 'population'].map((field) => showValue(match[field] ?? ''));
  return { dialogue: builder.dialogue(), meta: metaOf('city_population', said, values) };
};

/** Cities of a country (optionally a number of them): one search by country. */
export const citiesInCountryTask: TaskBuilder = async (ctx) => {
  const country = pickCountry(ctx.rng, ctx.pools);
  const limited = ctx.group === 'cities_in_country_limit';
  const limit = ctx.rng.int(2, 6);
  const slots: Record<string, string> = { country: countrySurface(ctx.rng, country, true) };
  if (limited) slots.limit = String(limit);
  const said = phrase(ctx.rng, ctx.side, ctx.group, slots);
  const builder = new DialogueBuilder(ctx.session, said.text);
  const arg = said.slots.country ?? country.name;
  const args = limited ? { country: arg, limit } : { country: arg };
  const cities = objectsOf(await builder.call(THOUGHTS.searchCountryCities, 'searchCities', args));
  if (cities.length === 0) return undefined;
  const names = cities.map((city) => showValue(city.name ?? ''));
  builder.conclude(
    THOUGHTS.answer,
    fillAnswer(ANSWERS.citiesInCountry, { country: arg, names: names.join(', ') }),
  );
  return { dialogue: builder.dialogue(), meta: metaOf('cities_in_country', said, names) };
};

/** A city the API does not know: the search answers [] and the planner concludes it was not found. */
export const unknownCityTask: TaskBuilder = async (ctx) => {
  const said = phrase(ctx.rng, ctx.side, ctx.group, { city: pseudoName(ctx.rng, ctx.side) });
  const builder = new DialogueBuilder(ctx.session, said.text);
  const name = said.slots.city ?? '';
  const thought = ctx.group === 'city_population' ? THOUGHTS.lookUpCity : THOUGHTS.findCity;
  const found = await builder.call(thought, 'searchCities', { name });
  if (!Array.isArray(found) || found.length > 0) return undefined;
  builder.conclude(THOUGHTS.noCity, fillAnswer(ANSWERS.noCity, { name }));
  return { dialogue: builder.dialogue(), meta: metaOf('unknown_city', said, []) };
};
