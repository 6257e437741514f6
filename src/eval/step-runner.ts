import { backboneInput, callerInput, plannerInput, summarizerInput } from '../agent/alpha-umi-prompts.ts';
import { EngineError } from '../agent/errors.ts';
import type { JsonObject } from '../agent/json.ts';
import { parseBackboneOutput, parseCallerOutput, parsePlannerOutput } from '../agent/output-parsers.ts';
import { pythonStrip } from '../agent/python-text.ts';
import type { AlphaUmiRoles, BackboneRoles } from '../agent/run-options.ts';
import type { ModelRole, Turn } from '../agent/trajectory.ts';
import { collectGeneration, type Engine, type OutputConstraint, type Sampling } from '../engines/engine.ts';
import type { EvalStep, Prediction } from './steps.ts';

/** New-token budgets per role, small enough for a fast evaluation. */
export type MaxTokens = Partial<Record<ModelRole, number>>;

/** Defaults of `umi eval`: enough for the embedded models' planner thoughts, calls and answers. */
export const EVAL_MAX_TOKENS: Readonly<Record<ModelRole, number>> = {
  planner: 64,
  caller: 160,
  summarizer: 192,
  backbone: 256,
};

/** The planner thought the reference went on with after empty outputs (SPEC §5). */
export const FALLBACK_THOUGHT = 'none Next: caller.';

/** How every step is run. */
export interface StepSettings {
  roles: AlphaUmiRoles | BackboneRoles;
  systemPrefix: boolean;
  sampling: Sampling;
  maxTokens: Readonly<Record<ModelRole, number>>;
  /** Planner generations for empty/`.`/`,` outputs (only useful when sampling: greedy repeats itself). */
  plannerAttempts: number;
  /** The caller's constraint for a tool set and the history it reads, or undefined for none. */
  callerConstraint?: (docs: readonly JsonObject[], history: readonly Turn[]) => OutputConstraint;
  /** The summarizer's constraint for the history it reads, or undefined for none. */
  summarizerConstraint?: (history: readonly Turn[]) => OutputConstraint;
  now: () => number;
  /** Stops the generation in progress; a step cut short this way throws an `AbortError`. */
  signal?: AbortSignal;
}

/** What one generation of a step gave. */
export interface Generation {
  output: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
}

/** A step's prediction (SPEC §6) and the generations behind it, by role. */
export interface StepOutcome {
  prediction: Prediction;
  generations: Partial<Record<ModelRole, Generation>>;
  /** Planner generations made (more than 1 only after empty outputs). */
  plannerAttempts?: number;
  /** The planner wrote nothing usable; the reference's `none Next: caller.` was used. */
  plannerFallback?: boolean;
  /** Why the step could not be run (a prompt longer than the context); it is scored as wrong. */
  error?: string;
}

async function generate(
  engine: Engine,
  prompt: string,
  settings: StepSettings,
  maxTokens: number,
  constraint?: OutputConstraint,
): Promise<Generation> {
  const started = settings.now();
  const finish = await collectGeneration(
    engine.complete({
      prompt,
      sampling: settings.sampling,
      maxTokens,
      ...(constraint === undefined ? {} : { constraint }),
      ...(settings.signal === undefined ? {} : { signal: settings.signal }),
    }),
  );
  // A cut-short generation is not a prediction: the step is not recorded.
  if (finish.reason === 'abort' || settings.signal?.aborted === true)
    throw new DOMException('The evaluation was stopped.', 'AbortError');
  return {
    output: finish.text,
    promptTokens: finish.usage.promptTokens,
    completionTokens: finish.usage.completionTokens,
    latencyMs: settings.now() - started,
  };
}

/** Runs the models on one step, teacher-forced on its gold history (SPEC §4–§6). */
export function runStep(step: EvalStep, settings: StepSettings): Promise<StepOutcome> {
  return 'backbone' in settings.roles
    ? runBackboneStep(step, settings.roles.backbone, settings)
    : runAlphaUmiStep(step, settings.roles, settings);
}

/** A prediction wrong on every metric: another plan than the reference's, no action, no answer. */
export function wrongPrediction(reference: Prediction): Prediction {
  return reference.plan === 'give up'
    ? { plan: 'call', action: 'none', action_input: '{}' }
    : { plan: 'give up' };
}

/**
 * runStep, except that a prompt longer than a model's context does not stop the evaluation: the
 * step is recorded with the error and scored as wrong (the engines do not cut prompts, SPEC §4).
 */
export async function runStepOrFail(step: EvalStep, settings: StepSettings): Promise<StepOutcome> {
  try {
    return await runStep(step, settings);
  } catch (error) {
    if (!(error instanceof EngineError) || error.code !== 'context-overflow') throw error;
    return { prediction: wrongPrediction(step.reference), generations: {}, error: error.message };
  }
}

/** Planner; then the caller or summarizer on the gold history plus the predicted planner turn. */
async function runAlphaUmiStep(step: EvalStep, roles: AlphaUmiRoles, settings: StepSettings) {
  const options = { systemPrefix: settings.systemPrefix };
  const generations: StepOutcome['generations'] = {};
  const attempts = settings.sampling.temperature > 0 ? Math.max(1, settings.plannerAttempts) : 1;
  const prompt = plannerInput(step.tools, step.history, options);
  let parsed = parsePlannerOutput('');
  let made = 0;
  while (made < attempts && parsed.type === 'retry') {
    generations.planner = await generate(roles.planner, prompt, settings, settings.maxTokens.planner);
    parsed = parsePlannerOutput(generations.planner.output);
    made++;
  }
  const outcome: StepOutcome = { prediction: { plan: 'call' }, generations, plannerAttempts: made };
  const plan = parsed.type === 'plan' ? parsed : { decision: 'call' as const, thought: FALLBACK_THOUGHT };
  if (parsed.type === 'retry') outcome.plannerFallback = true;
  if (plan.decision === 'give up') {
    outcome.prediction = { plan: 'give up' };
    return outcome;
  }
  const history: Turn[] = [...step.history, { from: 'assistant', value: plan.thought }];
  if (plan.decision === 'finish') {
    const input = summarizerInput(step.tools, history, options);
    const constraint = settings.summarizerConstraint?.(history);
    generations.summarizer = await generate(
      roles.summarizer,
      input,
      settings,
      settings.maxTokens.summarizer,
      constraint,
    );
    outcome.prediction = { plan: 'finish', answer: pythonStrip(generations.summarizer.output) };
    return outcome;
  }
  const input = callerInput(step.tools, history, options);
  const constraint = settings.callerConstraint?.(step.tools, history);
  generations.caller = await generate(roles.caller, input, settings, settings.maxTokens.caller, constraint);
  const action = parseCallerOutput(generations.caller.output);
  outcome.prediction = { plan: 'call', action: action.action, action_input: action.actionInput };
  return outcome;
}

/** One generation of the single-LLM backbone, parsed per SPEC §5. */
async function runBackboneStep(step: EvalStep, engine: Engine, settings: StepSettings): Promise<StepOutcome> {
  const prompt = backboneInput(step.tools, step.history, { systemPrefix: settings.systemPrefix });
  const backbone = await generate(engine, prompt, settings, settings.maxTokens.backbone);
  const parsed = parseBackboneOutput(backbone.output);
  const prediction: Prediction =
    parsed.type === 'give-up'
      ? { plan: 'give up' }
      : parsed.type === 'finish'
        ? { plan: 'finish', answer: pythonStrip(parsed.answer) }
        : { plan: 'call', action: parsed.action, action_input: parsed.actionInput };
  return { prediction, generations: { backbone } };
}
