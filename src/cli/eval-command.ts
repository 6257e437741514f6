import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { groundedAnswerConstraint } from '../agent/answer-grammar.ts';
import { UserError } from '../agent/errors.ts';
import type { JsonObject } from '../agent/json.ts';
import { alphaUmiProfile, RUN_DEFAULTS } from '../agent/run-options.ts';
import type { Engine, Sampling } from '../engines/engine.ts';
import { callerConstraintSetting, createCallerConstraints } from '../eval/caller-constraint.ts';
import { datasetText, parseDataset } from '../eval/dataset-text.ts';
import { passRate } from '../eval/judge.ts';
import { stepResults } from '../eval/step-record.ts';
import { EVAL_MAX_TOKENS, type StepSettings } from '../eval/step-runner.ts';
import { extractSteps } from '../eval/steps.ts';
import type { CliCommand, CliIo } from './cli-io.ts';
import { runE2ePass } from './eval/e2e-pass.ts';
import { metaPathFor, readE2eTasks } from './eval/e2e-tasks.ts';
import { EVAL_USAGE, type EvalOptions, parseEvalOptions } from './eval/eval-options.ts';
import { openEvalFolder, writeEvalRecord } from './eval/eval-record.ts';
import { e2eResults, formatResults, resultsJson } from './eval/eval-results.ts';
import { runJudgePass } from './eval/judge-pass.ts';
import { runStepPass } from './eval/step-pass.ts';
import { loadJudgeEngine } from './models/judge-engine.ts';
import type { RemoteModels } from './models/remote-options.ts';
import { type LoadRoleModelsOptions, loadRoleModels, type RoleModels } from './models/role-models.ts';

/** What `umi eval` needs from the world; tests pass their own. */
export interface EvalWorld {
  now: () => number;
  loadModels: (options: LoadRoleModelsOptions) => Promise<RoleModels>;
  /** Loads the `--judge` model (node-llama-cpp or an OpenAI-compatible server by default). */
  loadJudge: (spec: string, remote: RemoteModels) => Promise<Engine>;
  /** stderr is a terminal: the progress bar redraws in place. */
  tty: boolean;
}

/** Reads and checks the test file; returns its dialogues and the hash that identifies it. */
async function readTestFile(path: string) {
  const bytes = await readFile(path).catch((error: Error) => {
    throw new UserError(`Cannot read the test data file ${path}: ${error.message}`);
  });
  const text = await datasetText(bytes, path);
  const dialogues = parseDataset(text, path);
  return { dialogues, sha256: createHash('sha256').update(text).digest('hex') };
}

/** The settings every prediction of the output folder must share (limit and passes excluded). */
function evalSettings(
  options: EvalOptions,
  models: RoleModels,
  data: { sha256: string; dialogues: number; steps: number },
  constrained: boolean,
  grounded: boolean,
  vocabulary: readonly string[] | undefined,
  sampling: Sampling,
): JsonObject {
  const roles = models.mode === 'backbone' ? ['backbone'] : ['planner', 'caller', 'summarizer'];
  return {
    data: { file: basename(options.data), sha256: data.sha256, dialogues: data.dialogues, steps: data.steps },
    engine: options.engine,
    roles: models.mode,
    models: models.models.map((model) => ({ ...model })),
    systemPrefix: models.systemPrefix,
    constrainedCaller: constrained,
    // Absent (not false) when off, so folders written before the option existed still match.
    ...(grounded ? { grounding: true } : {}),
    ...(grounded && vocabulary ? { answerVocabulary: vocabularyRecord(vocabulary) } : {}),
    sampling: { ...sampling },
    maxTokens: Object.fromEntries(roles.map((role) => [role, EVAL_MAX_TOKENS[role as 'planner']])),
    plannerAttempts: sampling.temperature > 0 ? RUN_DEFAULTS.plannerAttempts : 1,
    e2e: {
      maxSteps: RUN_DEFAULTS.maxSteps,
      maxTokens: e2eMaxTokens(models),
      confirm: 'every mutating call',
      constrainedCaller: constrained,
      ...(grounded ? { grounding: true } : {}),
    },
  };
}

/** The answer vocabulary as the settings record it: its size and a hash of its words. */
function vocabularyRecord(words: readonly string[]): JsonObject {
  return { words: words.length, sha256: createHash('sha256').update(words.join('\n')).digest('hex') };
}

/** The agent loop takes one budget for every role: the largest of the mode's roles. */
function e2eMaxTokens(models: RoleModels): number {
  return models.mode === 'backbone'
    ? EVAL_MAX_TOKENS.backbone
    : Math.max(EVAL_MAX_TOKENS.planner, EVAL_MAX_TOKENS.caller, EVAL_MAX_TOKENS.summarizer);
}

/** `umi eval` with an injected world. */
export function createEvalCommand(world: EvalWorld): CliCommand {
  return async (args: string[], io: CliIo) => {
    const options = parseEvalOptions(args);
    if (options === 'help') {
      io.stdout(EVAL_USAGE);
      return 0;
    }
    const { dialogues, sha256 } = await readTestFile(options.data);
    const allSteps = extractSteps(dialogues);
    const steps = options.limit === undefined ? allSteps : allSteps.slice(0, options.limit);
    const tasks = options.e2e
      ? await readE2eTasks(dialogues, options.meta ?? metaPathFor(options.data))
      : undefined;
    io.stderr(`loading the ${options.mode} models from ${options.models}\n`);
    const models = await world.loadModels({
      dir: options.models,
      mode: options.mode,
      engine: options.engine,
      remote: options.remote,
    });
    try {
      if (models.notice !== undefined) io.stderr(`note: ${models.notice}\n`);
      const caller = 'caller' in models.roles ? models.roles.caller : undefined;
      const constraint = callerConstraintSetting(options.constrainedCaller && caller !== undefined, caller);
      if (constraint.requested && !constraint.active)
        io.stderr(`note: the caller's engine cannot follow grammars; the caller writes freely.\n`);
      const sampling: Sampling = { temperature: options.temperature, topP: 1, seed: options.seed };
      const data = { sha256, dialogues: dialogues.length, steps: allSteps.length };
      const summarizer = 'summarizer' in models.roles ? models.roles.summarizer : undefined;
      const grounded = options.grounding && (constraint.active || summarizer?.capabilities.grammar === true);
      const vocabulary = options.answerVocabulary ? models.answerVocabulary : undefined;
      const settings = evalSettings(options, models, data, constraint.active, grounded, vocabulary, sampling);
      const record = await openEvalFolder(options.out, settings);
      io.stderr(`writing to ${options.out}\n`);
      const progress = { write: io.stderr, tty: world.tty, now: world.now };
      let stepsMeasured: ReturnType<typeof stepResults> | undefined;
      if (options.steps) {
        const stepSettings: StepSettings = {
          roles: models.roles,
          systemPrefix: models.systemPrefix,
          sampling,
          maxTokens: EVAL_MAX_TOKENS,
          plannerAttempts: settings.plannerAttempts as number,
          now: world.now,
        };
        if (constraint.active) stepSettings.callerConstraint = createCallerConstraints(options.grounding);
        if (grounded && summarizer?.capabilities.grammar === true)
          stepSettings.summarizerConstraint = (history) => groundedAnswerConstraint(history, vocabulary);
        stepsMeasured = stepResults(steps, await runStepPass(options.out, steps, stepSettings, progress));
      }
      let e2eMeasured: ReturnType<typeof e2eResults> | undefined;
      let judged: ({ judge: string } & ReturnType<typeof passRate>) | undefined;
      if (tasks !== undefined) {
        const limited = options.limit === undefined ? tasks : tasks.slice(0, options.limit);
        const e2eSettings = {
          roles: models.roles,
          profile: alphaUmiProfile(models.systemPrefix, vocabulary),
          maxSteps: RUN_DEFAULTS.maxSteps,
          maxTokens: e2eMaxTokens(models),
          sampling,
          constrainedCaller: constraint.active,
          grounding: grounded,
          now: world.now,
        };
        const e2eRecords = await runE2ePass(options.out, limited, e2eSettings, progress);
        e2eMeasured = e2eResults(e2eRecords);
        if (options.judge !== undefined) {
          const judge = await world.loadJudge(options.judge, options.remote);
          try {
            judged = {
              judge: judge.modelId,
              ...passRate(await runJudgePass(options.out, e2eRecords, judge, progress)),
            };
          } finally {
            await judge.unload();
          }
        }
      }
      const json: Record<string, unknown> = resultsJson(stepsMeasured, e2eMeasured);
      if (judged !== undefined)
        json.judge = { ...judged, note: 'judge-dependent: not comparable across judges' };
      record.results = { ...record.results, ...json, stepsEvaluated: steps.length };
      await writeEvalRecord(options.out, record);
      io.stdout(formatResults(stepsMeasured, e2eMeasured));
      if (judged !== undefined)
        io.stdout(
          `judge pass rate ${judged.passRate.toFixed(1)}% (${judged.solved} of ${judged.runs} Solved; ${judged.unsure} Unsure, ` +
            `${judged.unsolved} Unsolved, ${judged.invalid} unreadable) by the judge ${judged.judge}: it depends on the judge, ` +
            'so compare it only with runs judged by the same model\n',
        );
      if (options.json) io.stdout(`${JSON.stringify(json)}\n`);
      return 0;
    } finally {
      await models.close();
    }
  };
}

/** `umi eval`: step-level metrics of models run on a test file, and optionally live task success. */
export const evalCommand: CliCommand = createEvalCommand({
  now: Date.now,
  loadModels: loadRoleModels,
  loadJudge: loadJudgeEngine,
  tty: process.stderr.isTTY === true,
});
