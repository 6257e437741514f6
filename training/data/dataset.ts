import { renderDoc } from '../../src/agent/alpha-umi-prompts.ts';
import { codePointLength } from '../../src/agent/python-text.ts';
import type { Dialogue } from '../../src/eval/steps.ts';
import { deriveSamples, ROLES, type RoleSamples, type SampleRole } from '../../src/eval/training-samples.ts';
import { HOLDOUT, TEMPLATES, WORDS } from './data-files.ts';
import { openDemoSession } from './demo-session.ts';
import { buildPools } from './entities.ts';
import { type LengthStats, lengthStats } from './length-stats.ts';
import { cityEntities, madeUpCities } from './made-up-cities.ts';
import { countryEntities, madeUpCountries } from './made-up-countries.ts';
import { currencyEntities, madeUpCurrencies } from './made-up-currencies.ts';
import { NameGuard, realAndHeldOutNames } from './made-up-names.ts';
import { Rng } from './rng.ts';
import { generateSplit, SPLITS, type SplitName, type SplitResult } from './splits.ts';

/** What to generate. */
export interface DatasetOptions {
  seed: number;
  train: number;
  /** Dialogues in each test split. */
  test: number;
  systemPrefix: boolean;
  /** Made-up cities added to the demo server for the training split (0: none). */
  madeUpCities: number;
  /** Made-up countries added likewise (0 or absent: none). */
  madeUpCountries?: number;
  /** Made-up currencies added likewise (0 or absent: none). */
  madeUpCurrencies?: number;
}

/** A generated dataset in memory: the splits and the training samples per role. */
export interface Dataset {
  options: DatasetOptions;
  splits: Record<SplitName, SplitResult>;
  samples: RoleSamples;
  /** Characters of the rendered `{doc}` of the demo tools. */
  docChars: number;
}

/** Dialogues of a split. */
export function dialoguesOf(result: SplitResult): Dialogue[] {
  return result.tasks.map((task) => task.dialogue);
}

/** Starts the demo API, generates the three splits (train first) and derives the training samples. */
export async function generateDataset(
  options: DatasetOptions,
  log: (line: string) => void = () => {},
): Promise<Dataset> {
  const session = await openDemoSession();
  try {
    const madeUp = madeUpWorld(options);
    // For the train split, generated first; currencies before the countries that use them.
    await session.addCurrencies(madeUp.currencies);
    await session.addCountries(madeUp.countries);
    await session.addCities(madeUp.cities);
    const added = madeUp.cities.length + madeUp.countries.length + madeUp.currencies.length;
    const splits = {} as Record<SplitName, SplitResult>;
    const started = Date.now();
    for (const split of SPLITS) {
      const count = split === 'train' ? options.train : options.test;
      if (split !== 'train' && added > 0) await session.reset(); // test splits: the real world only
      const trainTasks = splits.train?.tasks ?? [];
      const seen =
        split === 'test-in-domain'
          ? {
              keys: new Set(trainTasks.map((task) => task.meta.key)),
              instructions: new Set(trainTasks.map((task) => task.dialogue.instruction)),
            }
          : undefined;
      const step = Math.max(1, Math.round(count / 10));
      splits[split] = await generateSplit({
        split,
        count,
        seed: options.seed,
        session,
        ...(split === 'train'
          ? {
              madeUpCities: cityEntities(madeUp.cities),
              madeUpCountries: countryEntities(madeUp.countries),
              madeUpCurrencies: currencyEntities(madeUp.currencies),
            }
          : {}),
        ...(seen === undefined ? {} : { seen }),
        onProgress: (done, total) => {
          if (done % step === 0 || done === total) {
            log(`  ${split}: ${done}/${total} dialogues (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          }
        },
      });
    }
    const samples = deriveSamples(dialoguesOf(splits.train), { systemPrefix: options.systemPrefix });
    return { options, splits, samples, docChars: codePointLength(renderDoc(session.docs)) };
  } finally {
    await session.close();
  }
}

/**
 * The made-up currencies, countries and cities of a dataset, each from its own seeded stream; the
 * cities go to made-up countries too when there are any (so cities_in_country finds some there).
 */
export function madeUpWorld(options: DatasetOptions) {
  const guard = new NameGuard(realAndHeldOutNames());
  const currencies = madeUpCurrencies(
    Rng.derive(options.seed, 'made-up-currencies'),
    options.madeUpCurrencies ?? 0,
    guard,
  );
  const countries = madeUpCountries(
    Rng.derive(options.seed, 'made-up-countries'),
    options.madeUpCountries ?? 0,
    guard,
    currencies,
  );
  const trainCountries = buildPools('train').countries.map((country) => country.code);
  const cities = madeUpCities(Rng.derive(options.seed, 'made-up-cities'), options.madeUpCities, [
    ...trainCountries,
    ...countries.map((country) => country.code),
  ]);
  return { currencies, countries, cities };
}

/** Tallies of a split: dialogues per intent and per phrasing group, and steps. */
function counts(result: SplitResult) {
  const intents: Record<string, number> = {};
  const groups: Record<string, number> = {};
  for (const { meta } of result.tasks) {
    intents[meta.intent] = (intents[meta.intent] ?? 0) + 1;
    groups[meta.group] = (groups[meta.group] ?? 0) + 1;
  }
  const steps = result.tasks.reduce(
    (sum, task) => sum + task.dialogue.conversations.filter((turn) => turn.from === 'assistant').length,
    0,
  );
  return { dialogues: result.tasks.length, steps, intents, groups };
}

/** Prompt (input) and target lengths per role, in code points. */
export function sampleLengths(
  samples: RoleSamples,
): Record<'input' | 'target', Record<SampleRole, LengthStats>> {
  const of = (field: 'input' | 'target') =>
    Object.fromEntries(
      ROLES.map((role) => [role, lengthStats(samples[role].map((sample) => codePointLength(sample[field])))]),
    ) as Record<SampleRole, LengthStats>;
  return { input: of('input'), target: of('target') };
}

/** The manifest without file hashes: everything that describes the data, nothing that varies between runs. */
export function describeDataset(dataset: Dataset) {
  const lengths = sampleLengths(dataset.samples);
  return {
    generator: 'training/data/generate.ts',
    seed: dataset.options.seed,
    madeUpCities: dataset.options.madeUpCities,
    // Recorded only when used, so the manifests of data made before these options stay the same.
    ...(dataset.options.madeUpCountries ? { madeUpCountries: dataset.options.madeUpCountries } : {}),
    ...(dataset.options.madeUpCurrencies ? { madeUpCurrencies: dataset.options.madeUpCurrencies } : {}),
    systemPrefix: dataset.options.systemPrefix,
    targets: 'Each target excludes EOS: append the EOS token after it. Inputs end with the role suffix.',
    docChars: dataset.docChars,
    counts: Object.fromEntries(SPLITS.map((split) => [split, counts(dataset.splits[split])])),
    redrawn: Object.fromEntries(SPLITS.map((split) => [split, dataset.splits[split].redrawn])),
    repeatedInstructions: Object.fromEntries(SPLITS.map((split) => [split, dataset.splits[split].repeated])),
    samples: Object.fromEntries(ROLES.map((role) => [role, dataset.samples[role].length])),
    maxPromptChars: Object.fromEntries(ROLES.map((role) => [role, lengths.input[role].max])),
    promptChars: lengths.input,
    targetChars: lengths.target,
    heldOut: {
      cities: HOLDOUT.cities,
      countries: HOLDOUT.countries,
      currencies: HOLDOUT.currencies,
      todoWords: Object.fromEntries(Object.entries(WORDS.todoSlots).map(([slot, list]) => [slot, list.ood])),
      persons: WORDS.persons.ood,
      companies: WORDS.companies.ood,
      unknownCurrencies: WORDS.unknownCurrencies.ood,
      pseudoCountries: WORDS.pseudoCountries.ood,
      pseudoNameSyllables: WORDS.pseudoNames.ood,
      templates: Object.fromEntries(Object.entries(TEMPLATES).map(([group, list]) => [group, list.ood])),
    },
  };
}
