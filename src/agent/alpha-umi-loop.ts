import type { Tool, ToolExecutor } from '../tools/tool.ts';
import { callerInput, plannerInput, summarizerInput } from './alpha-umi-prompts.ts';
import { answerGrammar } from './answer-grammar.ts';
import { groundingOf } from './argument-grounding.ts';
import { callerGrammar } from './caller-grammar.ts';
import { ModelError } from './errors.ts';
import type { AgentEvent } from './events.ts';
import { type PlannerParse, parseCallerOutput, parsePlannerOutput } from './output-parsers.ts';
import { pythonStrip } from './python-text.ts';
import type { AlphaUmiRoles } from './run-options.ts';
import { finishModelStep, generateStep, type RunContext, toolStep } from './run-steps.ts';
import type { RunStatus } from './trajectory.ts';

/** Settings of the α-UMi loop beyond the shared run context. */
export interface AlphaUmiLoopSettings {
  roles: AlphaUmiRoles;
  tools: readonly Tool[];
  execute: ToolExecutor;
  maxSteps: number;
  plannerAttempts: number;
  systemPrefix: boolean;
  /** Constrain the caller to the offered names and schema-valid arguments (when its engine has grammars). */
  constrainedCaller: boolean;
  /**
   * Copy values from the user's words and the observations: the constrained caller's free strings
   * and numbers, and every number of the summarizer's answer (where its engine has grammars).
   */
  grounding: boolean;
}

/** planner → (caller → tool → planner)* → summarizer | give up; returns how the run ended. */
export async function* alphaUmiLoop(
  context: RunContext,
  settings: AlphaUmiLoopSettings,
): AsyncGenerator<AgentEvent, RunStatus> {
  const { roles, execute } = settings;
  const docs = settings.tools.map((tool) => tool.doc);
  const names = new Set(settings.tools.map((tool) => tool.name));
  const options = { systemPrefix: settings.systemPrefix };
  const turns = context.trajectory.turns;
  const constrained =
    settings.constrainedCaller && roles.caller.capabilities.grammar && settings.tools.length > 0;
  const callerApis = settings.tools.map((tool) => ({ name: tool.name, schema: tool.parameters }));
  const ungrounded = constrained ? callerGrammar(callerApis) : '';
  const callerConstraint = () =>
    constrained
      ? ({
          type: 'grammar',
          grammar: settings.grounding ? callerGrammar(callerApis, groundingOf(turns)) : ungrounded,
        } as const)
      : undefined;
  const summarizerConstraint = () =>
    settings.grounding && roles.summarizer.capabilities.grammar
      ? ({ type: 'grammar', grammar: answerGrammar(groundingOf(turns)) } as const)
      : undefined;

  for (let plannerStep = 0; plannerStep < settings.maxSteps; plannerStep++) {
    let plan: PlannerParse = { type: 'retry' };
    for (let attempt = 0; attempt < settings.plannerAttempts && plan.type === 'retry'; attempt++) {
      const outcome = yield* generateStep(
        context,
        'planner',
        roles.planner,
        plannerInput(docs, turns, options),
        attempt,
      );
      if (outcome.aborted) {
        yield finishModelStep(context, outcome.step);
        return 'aborted';
      }
      plan = parsePlannerOutput(outcome.step.output);
      if (plan.type === 'retry') outcome.step.flags.invalid = true;
      else {
        outcome.step.decision = plan.decision;
        outcome.step.thought = plan.thought;
      }
      yield finishModelStep(context, outcome.step);
    }
    if (plan.type === 'retry') {
      throw new ModelError(
        `The planner wrote no usable output in ${settings.plannerAttempts} tries. Try another planner model or a clearer task.`,
      );
    }
    const index = context.trajectory.steps.length - 1;
    yield { type: 'plan-decision', index, decision: plan.decision, thought: plan.thought };
    turns.push({ from: 'assistant', value: plan.thought });

    if (plan.decision === 'give up') {
      yield { type: 'give-up', thought: plan.thought };
      return 'gave-up';
    }
    if (plan.decision === 'finish') {
      const outcome = yield* generateStep(
        context,
        'summarizer',
        roles.summarizer,
        summarizerInput(docs, turns, options),
        0,
        summarizerConstraint(),
      );
      yield finishModelStep(context, outcome.step);
      if (outcome.aborted) return 'aborted';
      const answer = pythonStrip(outcome.step.output);
      turns.push({ from: 'conclusion', value: answer });
      context.trajectory.answer = answer;
      yield { type: 'answer', text: answer };
      return 'answered';
    }

    const prompt = callerInput(docs, turns, options);
    const outcome = yield* generateStep(context, 'caller', roles.caller, prompt, 0, callerConstraint());
    const action = parseCallerOutput(outcome.step.output);
    outcome.step.action = action.action;
    outcome.step.actionInput = action.actionInput;
    if (action.action === 'none') outcome.step.flags.invalid = true;
    yield finishModelStep(context, outcome.step);
    if (outcome.aborted) return 'aborted';
    turns.push({ from: 'caller', value: pythonStrip(outcome.step.output) });
    const result = yield* toolStep(context, names, execute, action.action, action.actionInput);
    turns.push({ from: 'observation', value: result.observation });
  }
  return 'max-steps';
}
