import type { Tool, ToolExecutor } from '../tools/tool.ts';
import { EarlyCall } from './early-call.ts';
import { ModelError } from './errors.ts';
import type { AgentEvent } from './events.ts';
import type { PlannerParse } from './output-parsers.ts';
import { pythonStrip } from './python-text.ts';
import type { RoleRequest, RoleRequests } from './role-requests.ts';
import type { AlphaUmiRoles } from './run-options.ts';
import { finishModelStep, generateStep, type RunContext, toolStep } from './run-steps.ts';
import type { RunStatus } from './trajectory.ts';
import { WarmAhead } from './warm-ahead.ts';

/** Settings of the three-role loop beyond the shared run context. */
export interface AlphaUmiLoopSettings {
  roles: AlphaUmiRoles;
  tools: readonly Tool[];
  execute: ToolExecutor;
  maxSteps: number;
  plannerAttempts: number;
  /** The prompt profile: how each role is asked and its reply read. */
  requests: RoleRequests;
  /** Warm a model's next prompt while another writes, and start a constrained caller's call early. */
  overlap: boolean;
}

/**
 * planner → (caller → tool → planner)* → summarizer | give up, for any prompt profile; returns how
 * the run ended. With overlap on, the caller warms up while the planner writes and the summarizer
 * while the caller writes (one warm-up beside each generation, never beside a tool call alone: a
 * fast API would leave the next model waiting behind the warm-up), and a grammar-constrained caller's
 * call starts as soon as its output holds the whole call.
 */
export async function* alphaUmiLoop(
  context: RunContext,
  settings: AlphaUmiLoopSettings,
): AsyncGenerator<AgentEvent, RunStatus> {
  const warm = settings.overlap ? new WarmAhead(context, settings.roles, settings.requests.input) : undefined;
  try {
    return yield* threeRoles(context, settings, warm);
  } finally {
    await warm?.settle();
  }
}

async function* threeRoles(
  context: RunContext,
  settings: AlphaUmiLoopSettings,
  warm: WarmAhead | undefined,
): AsyncGenerator<AgentEvent, RunStatus> {
  const { roles, execute, requests } = settings;
  const names = new Set(settings.tools.map((tool) => tool.name));
  const turns = context.trajectory.turns;
  const ask = (
    role: 'planner' | 'caller' | 'summarizer',
    request: RoleRequest,
    attempt = 0,
    watch?: (output: string) => void,
  ) => generateStep(context, role, roles[role], request.input, attempt, request.constraint, watch);

  for (let plannerStep = 0; plannerStep < settings.maxSteps; plannerStep++) {
    let plan: PlannerParse = { type: 'retry' };
    warm?.start(['caller'], turns, { from: 'assistant' }, 'planner');
    for (let attempt = 0; attempt < settings.plannerAttempts && plan.type === 'retry'; attempt++) {
      const outcome = yield* ask('planner', requests.planner(turns), attempt);
      if (outcome.aborted) {
        yield finishModelStep(context, outcome.step);
        return 'aborted';
      }
      plan = requests.parsePlanner(outcome.step.output);
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
      const outcome = yield* ask('summarizer', requests.summarizer(turns));
      yield finishModelStep(context, outcome.step);
      if (outcome.aborted) return 'aborted';
      const answer = pythonStrip(outcome.step.output);
      turns.push({ from: 'conclusion', value: answer });
      context.trajectory.answer = answer;
      yield { type: 'answer', text: answer };
      return 'answered';
    }

    warm?.start(['summarizer'], turns, { from: 'caller' }, 'caller');
    const request = requests.caller(turns);
    const early =
      settings.overlap && request.constraint?.type === 'grammar' && requests.wholeCall
        ? new EarlyCall({
            whole: requests.wholeCall,
            names,
            execute,
            signal: context.signal,
            now: context.now,
          })
        : undefined;
    const outcome = yield* ask('caller', request, 0, early?.watch);
    const action = requests.parseCaller(outcome.step.output);
    outcome.step.action = action.action;
    outcome.step.actionInput = action.actionInput;
    if (action.action === 'none') outcome.step.flags.invalid = true;
    yield finishModelStep(context, outcome.step);
    if (outcome.aborted) return 'aborted';
    turns.push({ from: 'caller', value: pythonStrip(outcome.step.output) });
    const result = yield* toolStep(
      context,
      names,
      execute,
      action.action,
      action.actionInput,
      early?.started,
    );
    turns.push({ from: 'observation', value: result.observation });
  }
  return 'max-steps';
}
