import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../agent/json.ts';
import { importOpenApi } from '../import/openapi-import.ts';
import type { Tool } from '../tool.ts';
import sample from './sample-apis.json' with { type: 'json' };
import { docLine, estimateTokens, selectTools } from './select-tools.ts';

/** The sample APIs as OpenAPI 3 documents: one per API, every parameter a query string. */
function sampleSpecs(): { api: string; text: string }[] {
  return sample.apis.map(({ api, operations }) => {
    const paths: JsonObject = {};
    for (const [operationId, method, summary, params] of operations) {
      const parameters = Object.entries(params as Record<string, string>).map(([name, description]) => ({
        name,
        in: 'query',
        description,
        schema: { type: 'string' },
      }));
      paths[`/${String(operationId)}`] = {
        [String(method).toLowerCase()]: {
          operationId: String(operationId),
          summary: String(summary),
          parameters,
          responses: { '200': { description: 'ok' } },
        },
      };
    }
    const document = {
      openapi: '3.0.3',
      info: { title: api, version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      paths,
    };
    return { api, text: JSON.stringify(document) };
  });
}

/** The 150 operations imported from those specs, as the app would offer them. */
async function importedTools(): Promise<Tool[]> {
  const tools: Tool[] = [];
  for (const spec of sampleSpecs()) {
    const imported = await importOpenApi({ text: spec.text }, {});
    expect(imported.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    tools.push(...imported.tools);
  }
  return tools;
}

/** The same operations named by their camelCase operationId, as in-page tools often are. */
function camelCaseTools(imported: readonly Tool[]): Tool[] {
  const ids = sample.apis.flatMap(({ operations }) => operations.map(([operationId]) => String(operationId)));
  return imported.map((tool, index) => {
    const name = ids[index] ?? tool.name;
    return { ...tool, name, doc: { ...tool.doc, Name: name } };
  });
}

/** Tasks worded unlike the operation they need, and that operation's id. */
const TASKS: [string, string][] = [
  ['Will it rain in Paris tomorrow?', 'getWeatherForecast'],
  ['remove my old invoice INV-2041', 'deleteInvoice'],
  ['I want to stop paying for my streaming membership', 'cancelSubscription'],
  ['Where is my parcel right now? The code is 1Z999AA1', 'trackShipment'],
  ['How much is 250 US dollars in euros?', 'convertCurrency'],
  ['Purchase everything in my basket and ship it home', 'placeOrder'],
  ['Text my brother on +44 7700 900123 that I am running late', 'sendSms'],
  ['Put a dentist appointment on my agenda for Friday at 3pm', 'createEvent'],
  ['Is LH454 going to leave late today?', 'getFlightStatus'],
  ['Find me somewhere to stay in Rome from June 3 to June 6', 'searchHotels'],
  ['What are Apple shares trading at?', 'getStockQuote'],
  ['What can I cook with chicken, rice and spinach?', 'findRecipesByIngredients'],
  ['How do I walk from the Louvre to the Eiffel Tower?', 'getDirections'],
  ['Give me my money back for payment py_881, the item arrived broken', 'refundPayment'],
  ['Drop the last song from my workout playlist', 'removeTrackFromPlaylist'],
  ['My laptop screen is cracked, I need to report the problem to support', 'createTicket'],
  ["What are today's biggest news stories in Germany?", 'getTopHeadlines'],
  ['Move me to the premium tier of my subscription', 'changeSubscriptionPlan'],
  ['Get rid of the spam mail I got yesterday', 'deleteMessage'],
  ['How many calories does a portion of this lasagna have?', 'getNutritionFacts'],
  ['Which pharmacies are close to me?', 'searchNearbyPlaces'],
  ['How much money do I have left in my account?', 'getAccountBalance'],
];

/** Written after the synonym table was settled and never tuned for: the measured hit rate, not a promise. */
const HELD_OUT: [string, string][] = [
  ['Do I need sunscreen in Lisbon this afternoon?', 'getUvIndex'],
  ['Bump my Pro plan down to Basic', 'changeSubscriptionPlan'],
  ['Throw away the draft bill for customer 42', 'deleteInvoice'],
  ['I no longer want the sneakers I ordered yesterday, call it off', 'cancelOrder'],
  ['Email the March invoice to the client', 'sendInvoice'],
  ['Invite dana@example.com to Thursday standup', 'inviteAttendee'],
  ['Which seats are still free on flight 812?', 'getSeatMap'],
  ['Show me photos of the Hilton Garden Inn', 'getHotelPhotos'],
  ['What did the Dow do today, who gained most?', 'listMarketMovers'],
  ['How many grams is two cups of flour?', 'convertIngredientUnits'],
  ['Is there a traffic jam on the A9 right now?', 'getTrafficConditions'],
  ['What time does the sun come up in Oslo tomorrow?', 'getSunriseSunset'],
  ['Add Bohemian Rhapsody to my road trip mix', 'addTrackToPlaylist'],
  ['Any news on my support request #8812?', 'getTicket'],
  ['Is the air safe to breathe in Delhi today?', 'getAirQuality'],
  ['Who is the singer behind the album Blue?', 'getArtist'],
];

function offeredIds(task: string, tools: readonly Tool[], budgetTokens: number): string[] {
  return selectTools({ task, tools, budgetTokens }).offered.map((tool) => tool.name);
}

describe('selectTools on a spec of 150 operations', () => {
  let tools: Tool[] = [];
  let camel: Tool[] = [];
  let budget = 0;
  beforeAll(async () => {
    tools = await importedTools();
    camel = camelCaseTools(tools);
    const sizes = tools.map((tool) => estimateTokens(docLine(tool)));
    // Room for about eight typical docs out of 150.
    budget = 8 * Math.round(sizes.reduce((sum, size) => sum + size, 0) / sizes.length);
  });

  it('imports all 150 operations', () => {
    expect(tools).toHaveLength(150);
  });

  it.each(TASKS)(
    'offers the right operation for "%s" (%s) within a budget of about 8 docs',
    (task, operation) => {
      const selection = selectTools({ task, tools, budgetTokens: budget });
      const expected = tools.find((tool) => tool.name.startsWith(`${operation.toLowerCase()}_for_`));
      expect(selection.offered.length).toBeLessThanOrEqual(12);
      expect(selection.offered.map((tool) => tool.name)).toContain(expected?.name);
    },
  );

  it('finds the same operations when tools keep camelCase operation ids as names', () => {
    const missed = TASKS.filter(([task, operation]) => !offeredIds(task, camel, budget).includes(operation));
    expect(missed).toEqual([]);
  });

  it('offers the right operation for most held-out tasks', () => {
    const hits = HELD_OUT.filter(([task, operation]) => offeredIds(task, camel, budget).includes(operation));
    const alpha = HELD_OUT.filter(([task, operation]) =>
      offeredIds(task, tools, budget).some((name) => name.startsWith(`${operation.toLowerCase()}_for_`)),
    );
    // Measured: 14 of 16 with either naming. Misses: "the Dow … gained" (no doc or synonym has those words) and "news on my
    // support request" (news pulls the news API up). "sunscreen" matches nothing and is offered only
    // because the fallback offers the first tools, which are the weather API's.
    expect(hits.length).toBeGreaterThanOrEqual(13);
    expect(alpha.length).toBeGreaterThanOrEqual(13);
  });

  it('offers every tool, in the enabled order, when all docs fit', () => {
    const few = tools.slice(0, 5);
    const selection = selectTools({ task: 'Will it rain?', tools: few, budgetTokens: 10_000 });
    expect(selection.offered).toEqual(few);
    expect(selection.reason).toMatch(/^All 5 enabled tools fit the budget \(\d+ of 10000 tokens\)\.$/);
    expect(selection.warnings).toEqual([]);
    expect(selection.scores).toHaveLength(5);
    expect(selection.scores[0]?.name).toMatch(/weather|forecast/);
  });

  it('keeps the enabled order among the offered tools and stays within the budget', () => {
    const selection = selectTools({ task: 'cancel my hotel reservation', tools, budgetTokens: budget });
    const indexes = selection.offered.map((tool) => tools.indexOf(tool));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    const used = selection.offered.reduce((sum, tool) => sum + estimateTokens(docLine(tool)), 0);
    expect(used).toBeLessThanOrEqual(budget);
    expect(selection.reason).toMatch(
      /^The 150 enabled tools need \d+ tokens, more than the budget of \d+; offered the \d+ that best match the task \(\d+ tokens\)\.$/,
    );
  });

  it('honours maxTools even when everything fits', () => {
    const selection = selectTools({ task: 'send an email', tools, budgetTokens: 1_000_000, maxTools: 3 });
    expect(selection.offered).toHaveLength(3);
    expect(selection.offered.map((tool) => tool.name)).toContain('sendemail_for_postbox');
  });

  it('warns when a doc alone does not fit, and when nothing fits', () => {
    const selection = selectTools({ task: 'weather', tools: tools.slice(0, 3), budgetTokens: 5 });
    expect(selection.offered).toEqual([]);
    expect(selection.warnings[0]).toMatch(
      /^3 tool doc\(s\) alone exceed the budget of 5 tokens and are never offered: /,
    );
    expect(selection.warnings).toContain('No tool fits the budget of 5 tokens.');
  });

  it('falls back to the first tools that fit when no word of the task matches', () => {
    const selection = selectTools({ task: 'xyzzy plugh', tools, budgetTokens: budget });
    expect(selection.offered[0]).toBe(tools[0]);
    expect(selection.warnings).toContain(
      'No tool matches a word of the task; offering the first tools that fit.',
    );
  });

  it('uses the token counter it is given', () => {
    const selection = selectTools({
      task: 'weather',
      tools: tools.slice(0, 10),
      budgetTokens: 3,
      countTokens: () => 1,
    });
    expect(selection.offered).toHaveLength(3);
  });
});
