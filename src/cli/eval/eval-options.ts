import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../../agent/errors.ts';
import { JUDGE_USAGE } from '../models/judge-engine.ts';
import {
  parseRemoteOptions,
  REMOTE_OPTIONS,
  REMOTE_USAGE,
  type RemoteModels,
} from '../models/remote-options.ts';
import { DEFAULT_MODELS_DIR, parseRolesMode, type RolesMode } from '../models/role-models.ts';

export const EVAL_USAGE = `Usage: npm run --silent umi -- eval --data <test.json> [options]

Runs the models on every step of a ToolBench-format test file (teacher-forced on the gold history),
then prints the step-level metrics. Resumable: rerun with the same --out to continue.
  --engine node-llama-cpp|openai  inference engine (default node-llama-cpp; openai: a served model, below)
  --models <dir>              folder with manifest.json and the GGUFs (default: the embedded models)
  --roles alpha-umi|backbone  the three role models, or the single-LLM baseline (default alpha-umi)
  --no-constrained-caller     let the caller write freely (default: a grammar of the tools' names and JSON)
  --no-grounding              let the caller's free strings and numbers and the summarizer's numbers
                              (and, for models whose manifest lists their answer words, its other
                              words and quoted texts) be any (default: copied from the task or the
                              observations)
  --no-answer-vocabulary      ground only the summarizer's numbers, not its words and quoted texts,
                              even when the manifest lists its answer vocabulary
  --limit N                   only the first N steps (and, with --e2e, the first N tasks)
  --out <dir>                 predictions.jsonl, steps.jsonl, e2e.jsonl, eval.json (default out/eval/<data>-<roles>)
  --seed N                    sampling seed, recorded (default 0)
  --temperature T             0 (the default) is greedy decoding
  --e2e                       also run the whole agent live on the demo API for each dialogue's first
                              instruction; success = the answer states the values meta/<split>.jsonl lists
  --e2e-only                  only the end-to-end run
  --meta <file>               task metadata for --e2e (default <data dir>/meta/<data name>.jsonl)
  --json                      print the results as one JSON object on the last line
${JUDGE_USAGE}${REMOTE_USAGE}`;

/** The options of `umi eval`. */
export interface EvalOptions {
  data: string;
  engine: string;
  models: string;
  remote: RemoteModels;
  mode: RolesMode;
  constrainedCaller: boolean;
  grounding: boolean;
  /** Whether grounded answers use the manifest's answer vocabulary (words and quotes grounded too). */
  answerVocabulary: boolean;
  limit?: number;
  out: string;
  seed: number;
  temperature: number;
  steps: boolean;
  e2e: boolean;
  meta?: string;
  /** `--judge`: the judge model's engine spec. */
  judge?: string;
  json: boolean;
}

/** A whole number ≥ min, or a UserError naming the option. */
function integer(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UserError(`--${name} must be a whole number of at least ${min} (got "${value}").`);
  return Number(value);
}

const EVAL_OPTIONS = {
  data: { type: 'string' },
  engine: { type: 'string', default: 'node-llama-cpp' },
  models: { type: 'string' },
  roles: { type: 'string' },
  'constrained-caller': { type: 'boolean', default: true },
  grounding: { type: 'boolean', default: true },
  'answer-vocabulary': { type: 'boolean', default: true },
  limit: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  temperature: { type: 'string' },
  e2e: { type: 'boolean', default: false },
  'e2e-only': { type: 'boolean', default: false },
  meta: { type: 'string' },
  judge: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
  ...REMOTE_OPTIONS,
} as const;

/** The option values as parseArgs reads them; a UserError with the usage when they are wrong. */
function readArgs(args: string[]) {
  try {
    return parseArgs({ args, allowNegative: true, options: EVAL_OPTIONS }).values;
  } catch (error) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${EVAL_USAGE}`);
  }
}

/** Parses `umi eval` arguments; 'help' for --help. */
export function parseEvalOptions(args: string[]): EvalOptions | 'help' {
  const values = readArgs(args);
  if (values.help === true) return 'help';
  if (values.data === undefined) throw new UserError(`--data <test.json> is required.\n${EVAL_USAGE}`);
  const temperature = Number(values.temperature ?? '0');
  if (!Number.isFinite(temperature) || temperature < 0)
    throw new UserError(`--temperature must be a number ≥ 0 (got "${values.temperature}").`);
  const mode = parseRolesMode(values.roles);
  const name = basename(values.data).replace(/\.json$/i, '');
  const options: EvalOptions = {
    data: resolve(values.data),
    engine: values.engine,
    models: resolve(values.models ?? DEFAULT_MODELS_DIR),
    remote: parseRemoteOptions(values),
    mode,
    constrainedCaller: values['constrained-caller'],
    grounding: values.grounding,
    answerVocabulary: values['answer-vocabulary'],
    out: resolve(values.out ?? join('out', 'eval', `${name}-${mode}`)),
    seed: integer(values.seed, 'seed', 0) ?? 0,
    temperature,
    steps: !values['e2e-only'],
    e2e: values.e2e || values['e2e-only'],
    json: values.json,
  };
  const limit = integer(values.limit, 'limit', 1);
  if (limit !== undefined) options.limit = limit;
  if (values.meta !== undefined) options.meta = resolve(values.meta);
  if (values.judge !== undefined) {
    if (!options.e2e) throw new UserError('--judge judges the live runs: add --e2e (or --e2e-only).');
    options.judge = values.judge;
  }
  return options;
}
