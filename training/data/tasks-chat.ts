import { ANSWERS, THOUGHTS } from './data-files.ts';
import { DialogueBuilder } from './dialogue-builder.ts';
import { countrySurface, pickCountry } from './entities.ts';
import { phrase } from './phrasing.ts';
import { metaOf, type TaskBuilder } from './task-types.ts';

/** The answer of each no-call phrasing group. */
const CHAT_ANSWERS: Record<string, string> = {
  greeting: ANSWERS.greeting,
  thanks: ANSWERS.thanks,
  capabilities: ANSWERS.capabilities,
};

/** Greetings, thanks and "what can you do": the planner concludes at once, no call. */
export const chatTask: TaskBuilder = async (ctx) => {
  const answer = CHAT_ANSWERS[ctx.group];
  if (answer === undefined) throw new Error(`No chat answer for group ${ctx.group}`);
  const said = phrase(ctx.rng, ctx.side, ctx.group);
  const builder = new DialogueBuilder(ctx.session, said.text);
  builder.conclude(THOUGHTS.noCall, answer);
  return { dialogue: builder.dialogue(), meta: metaOf('chat', said, []) };
};

/** Requests no API serves (flights, stock prices, email…), often naming known cities or countries: give up. */
export const giveUpTask: TaskBuilder = async (ctx) => {
  const { rng, pools } = ctx;
  const slots: Record<string, string> = {};
  if (ctx.group === 'give_up_city') slots.city = rng.pick(pools.cities).name;
  if (ctx.group === 'give_up_two_cities') {
    const [first, second] = rng.shuffle(pools.cities);
    slots.city = first?.name ?? '';
    slots.city2 = second?.name ?? '';
  }
  if (ctx.group === 'give_up_country') slots.country = countrySurface(rng, pickCountry(rng, pools), false);
  if (ctx.group === 'give_up_person') slots.person = rng.pick(pools.persons);
  if (ctx.group === 'give_up_company') slots.company = rng.pick(pools.companies);
  const said = phrase(rng, ctx.side, ctx.group, slots);
  const builder = new DialogueBuilder(ctx.session, said.text);
  builder.giveUp(THOUGHTS.giveUp);
  return { dialogue: builder.dialogue(), meta: metaOf('give_up', said, []) };
};
