import { parseArgs } from 'node:util';

/** Options of `generate.ts`. */
export interface GenerateOptions {
  out: string;
  seed: number;
  train: number;
  test: number;
  systemPrefix: boolean;
  madeUpCities: number;
  madeUpCountries: number;
  madeUpCurrencies: number;
}

/** The usage text. */
export const USAGE = `Usage: npx tsx training/data/generate.ts --out <dir> [--seed N] [--train N] [--test N] [--made-up-cities N]
       [--made-up-countries N] [--made-up-currencies N] [--no-system-prefix]

Generates α-UMi dialogues over the demo API (run for real on a local server) and the GLPFT samples:
  <out>/{train,test-in-domain,test-out-of-domain}.json   ToolBench-format dialogues
  <out>/meta/<split>.jsonl                                intent, template, entities, answer values per dialogue
  <out>/samples/{planner,caller,summarizer,backbone}.jsonl  {input, target} for train
  <out>/manifest.json                                     seed, counts, held-out lists, sha256s, prompt lengths
Defaults: --seed 1 --train 6000 --test 400 (per test split) --made-up-cities 3000 (cities added to the
server for the train split only, so the models learn to copy names) --made-up-countries 300
--made-up-currencies 300 (made-up countries and currencies, likewise for the train split only, drawn as
often as real ones, so codes are copied rather than memorised); the system: prefix is on.
`;

/** A non-negative integer option, or a clear error. */
function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new Error(`--${name} must be a non-negative integer, not "${value}"\n${USAGE}`);
  return Number(value);
}

/** Parses the command line; 'help' for --help. */
export function readOptions(args: string[]): GenerateOptions | 'help' {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      train: { type: 'string' },
      test: { type: 'string' },
      'made-up-cities': { type: 'string' },
      'made-up-countries': { type: 'string' },
      'made-up-currencies': { type: 'string' },
      'no-system-prefix': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  if (values.out === undefined) throw new Error(`--out is required\n${USAGE}`);
  return {
    out: values.out,
    seed: integer(values.seed, 'seed', 1),
    train: integer(values.train, 'train', 6000),
    test: integer(values.test, 'test', 400),
    madeUpCities: integer(values['made-up-cities'], 'made-up-cities', 3000),
    madeUpCountries: integer(values['made-up-countries'], 'made-up-countries', 300),
    madeUpCurrencies: integer(values['made-up-currencies'], 'made-up-currencies', 300),
    systemPrefix: values['no-system-prefix'] !== true,
  };
}
