import { backboneInput, callerInput, plannerInput, summarizerInput } from '../agent/alpha-umi-prompts.ts';
import type { JsonObject } from '../agent/json.ts';
import { parseCallerOutput, parsePlannerOutput } from '../agent/output-parsers.ts';
import type { ModelRole, ModelStep, Step, Turn } from '../agent/trajectory.ts';
import { FALLBACK_THOUGHT } from './step-runner.ts';
import type { EvalStep } from './steps.ts';

/** Where the predicted generations of a step came from. */
export interface PredictedStepSource {
  /** A predictions.jsonl record (`raw`, `prompt_tokens`, `completion_tokens`, `latency_ms` by role). */
  record: JsonObject;
  models: Partial<Record<ModelRole, string>>;
  systemPrefix: boolean;
}

const NO_USAGE = {
  promptTokens: 0,
  reusedPromptTokens: 0,
  completionTokens: 0,
  prefillTokensPerSecond: 0,
  decodeTokensPerSecond: 0,
};

/** The number a record keeps for a role under `field`, 0 when absent. */
function byRole(record: JsonObject, field: string, role: ModelRole): number {
  const values = record[field];
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return 0;
  const value = values[role];
  return typeof value === 'number' ? value : 0;
}

/** The gold history of a step as trajectory steps, each flagged as the test set's reference. */
function referenceSteps(history: readonly Turn[]): Step[] {
  const steps: Step[] = [];
  let lastAction = '';
  let lastInput = '';
  const common = { startedAt: 0, durationMs: 0 };
  for (const turn of history) {
    const index = steps.length;
    if (turn.from === 'assistant') {
      const plan = parsePlannerOutput(turn.value);
      const decided = plan.type === 'plan' ? { decision: plan.decision, thought: plan.thought } : {};
      steps.push({
        type: 'model',
        index,
        role: 'planner',
        modelId: 'test set',
        prompt: '',
        output: turn.value,
        usage: NO_USAGE,
        ...common,
        flags: { reference: true },
        ...decided,
      });
    } else if (turn.from === 'caller') {
      const { action, actionInput } = parseCallerOutput(turn.value);
      lastAction = action;
      lastInput = actionInput;
      steps.push({
        type: 'model',
        index,
        role: 'caller',
        modelId: 'test set',
        prompt: '',
        output: turn.value,
        usage: NO_USAGE,
        ...common,
        flags: { reference: true },
        action,
        actionInput,
      });
    } else if (turn.from === 'observation') {
      steps.push({
        type: 'tool',
        index,
        name: lastAction,
        argumentsText: lastInput,
        ok: true,
        observation: turn.value,
        ...common,
        flags: { reference: true },
      });
    }
  }
  return steps;
}

/**
 * An evaluated step as trajectory steps for the viewer: the reference history it was teacher-forced
 * on, then what the models generated for it, with their prompts rendered again.
 */
export function stepTrajectory(step: EvalStep, source: PredictedStepSource): Step[] {
  const steps = referenceSteps(step.history);
  const { record, models, systemPrefix } = source;
  const raw = (record.raw ?? {}) as Record<string, unknown>;
  const options = { systemPrefix };
  const generated = (role: ModelRole, prompt: string, extra: Partial<ModelStep> = {}) => {
    const output = typeof raw[role] === 'string' ? raw[role] : '';
    steps.push({
      type: 'model',
      index: steps.length,
      role,
      modelId: models[role] ?? role,
      prompt,
      output,
      usage: {
        ...NO_USAGE,
        promptTokens: byRole(record, 'prompt_tokens', role),
        completionTokens: byRole(record, 'completion_tokens', role),
      },
      startedAt: 0,
      durationMs: byRole(record, 'latency_ms', role),
      flags: {},
      ...extra,
    });
    return output;
  };
  if (typeof raw.backbone === 'string') {
    generated('backbone', backboneInput(step.tools, step.history, options));
    return steps;
  }
  if (typeof raw.planner !== 'string') return steps;
  const plan = parsePlannerOutput(generated('planner', plannerInput(step.tools, step.history, options)));
  const thought = plan.type === 'plan' ? plan.thought : FALLBACK_THOUGHT;
  const last = steps.at(-1) as ModelStep;
  if (plan.type === 'plan') Object.assign(last, { decision: plan.decision, thought });
  const history: Turn[] = [...step.history, { from: 'assistant', value: thought }];
  if (typeof raw.caller === 'string') {
    const { action, actionInput } = parseCallerOutput(raw.caller);
    generated('caller', callerInput(step.tools, history, options), { action, actionInput });
  }
  if (typeof raw.summarizer === 'string')
    generated('summarizer', summarizerInput(step.tools, history, options));
  return steps;
}
