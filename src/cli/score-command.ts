import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { UserError } from '../agent/errors.ts';
import { isJsonObject } from '../agent/json.ts';
import { parsePythonJson } from '../agent/python-json-parse.ts';
import type { PlanDecision } from '../agent/trajectory.ts';
import { datasetText, parseDataset } from '../eval/dataset-text.ts';
import { type MetricCounts, type Metrics, scoreStepsWithCounts } from '../eval/metrics.ts';
import { extractSteps, type Prediction } from '../eval/steps.ts';
import type { CliCommand } from './cli-io.ts';

const USAGE = `Usage: npm run --silent umi -- score --data <test.json[.gz]> --predictions <preds.jsonl> [--json]

One prediction per line, in step order: {"plan": "call"|"finish"|"give up", "action"?, "action_input"?, "answer"?}.
--json  print the metrics (×100, unrounded) as a JSON object on the last line.
`;

const PLANS: readonly PlanDecision[] = ['call', 'finish', 'give up'];
const OPTIONAL_FIELDS = ['action', 'action_input', 'answer'] as const;

const ROWS: ReadonlyArray<readonly [keyof MetricCounts, string]> = [
  ['plan_acc', 'Plan ACC'],
  ['action_em', 'Act. EM'],
  ['hallu', 'Hallu.'],
  ['arg_f1', 'Arg F1'],
  ['arg_f1_easy', '  easy F1'],
  ['arg_f1_hard', '  hard F1'],
  ['rouge_l', 'R-L'],
];

/** `umi score`: step-level metrics (SPEC §6) of a predictions JSONL file against a ToolBench test file. */
export const scoreCommand: CliCommand = async (args, io) => {
  const options = readOptions(args);
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const bytes = await readFile(options.data).catch((error: Error) => {
    throw new UserError(`Cannot read the test data file ${options.data}: ${error.message}`);
  });
  const steps = extractSteps(parseDataset(await datasetText(bytes, options.data), options.data));
  const predictions = parsePredictions(
    await readText(options.predictions, 'predictions'),
    options.predictions,
  );
  const { metrics, counts } = scoreStepsWithCounts(steps, predictions);
  io.stdout(formatTable(metrics, counts));
  if (options.json) io.stdout(`${JSON.stringify(metrics)}\n`);
  return 0;
};

function readOptions(args: string[]): { data: string; predictions: string; json: boolean } | 'help' {
  let values: { data?: string | undefined; predictions?: string | undefined; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        predictions: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help === true) return 'help';
  if (values.data === undefined || values.predictions === undefined) {
    throw new UserError(`Both --data and --predictions are required.\n${USAGE}`);
  }
  return { data: values.data, predictions: values.predictions, json: values.json === true };
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(`Cannot read the ${what} file ${path}: ${reason}`);
  }
}

/** Parses a predictions JSONL text (blank lines ignored); a UserError names the bad line. */
export function parsePredictions(text: string, path = 'predictions'): Prediction[] {
  const predictions: Prediction[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${path} line ${index + 1}`;
    const parsed = parsePythonJson(line);
    if (!parsed.ok) throw new UserError(`${where} is not valid JSON: ${parsed.error}`);
    const value = parsed.value;
    if (!isJsonObject(value)) throw new UserError(`${where} is not a JSON object.`);
    const plan = value.plan;
    if (typeof plan !== 'string' || !PLANS.includes(plan as PlanDecision)) {
      throw new UserError(
        `${where}: "plan" must be one of "call", "finish", "give up" (got ${JSON.stringify(plan)}).`,
      );
    }
    const prediction: Prediction = { plan: plan as PlanDecision };
    for (const field of OPTIONAL_FIELDS) {
      const fieldValue = value[field];
      if (fieldValue === undefined || fieldValue === null) continue;
      if (typeof fieldValue !== 'string')
        throw new UserError(`${where}: "${field}" must be a string or null.`);
      prediction[field] = fieldValue;
    }
    predictions.push(prediction);
  });
  return predictions;
}

/** An aligned table: metric, value with 2 decimals, number of steps it is a mean over. */
export function formatTable(metrics: Metrics, counts: MetricCounts): string {
  const rows = ROWS.map(([key, label]) => [label, metrics[key].toFixed(2), String(counts[key])] as const);
  const header = ['metric', 'value', 'steps'] as const;
  const widths = [0, 1, 2].map((column) =>
    Math.max(...[header, ...rows].map((row) => row[column]?.length ?? 0)),
  );
  const format = (row: readonly string[]) =>
    `${(row[0] ?? '').padEnd(widths[0] ?? 0)}  ${(row[1] ?? '').padStart(widths[1] ?? 0)}  ${(row[2] ?? '').padStart(widths[2] ?? 0)}`;
  return `${[header, ...rows].map(format).join('\n')}\n`;
}
