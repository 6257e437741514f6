import type { Tool, ToolExecutor } from '../tools/tool.ts';
import { backboneInput } from './alpha-umi-prompts.ts';
import type { AgentEvent } from './events.ts';
import { CALLER_TAG, CONCLUSION_TAG, GIVE_UP_TAG, parseBackboneOutput } from './output-parsers.ts';
import { pythonStrip } from './python-text.ts';
import type { BackboneRoles } from './run-options.ts';
import { finishModelStep, generateStep, type RunContext, toolStep } from './run-steps.ts';
import type { RunStatus } from './trajectory.ts';

/** Settings of the single-LLM loop beyond the shared run context. */
export interface BackboneLoopSettings {
  roles: BackboneRoles;
  tools: readonly Tool[];
  execute: ToolExecutor;
  maxSteps: number;
  systemPrefix: boolean;
}

/**
 * The paper's single-LLM baseline: one model writes thought and action (or conclusion) per step.
 * Its turns are stored in the α-UMi shape (planner turn with tag, then caller or conclusion turn), which
 * the backbone history renderer folds back into the single-model format.
 */
export async function* backboneLoop(
  context: RunContext,
  settings: BackboneLoopSettings,
): AsyncGenerator<AgentEvent, RunStatus> {
  const docs = settings.tools.map((tool) => tool.doc);
  const names = new Set(settings.tools.map((tool) => tool.name));
  const turns = context.trajectory.turns;
  const engine = settings.roles.backbone;

  for (let step = 0; step < settings.maxSteps; step++) {
    const prompt = backboneInput(docs, turns, { systemPrefix: settings.systemPrefix });
    const outcome = yield* generateStep(context, 'backbone', engine, prompt);
    if (outcome.aborted) {
      yield finishModelStep(context, outcome.step);
      return 'aborted';
    }
    const output = outcome.step.output;
    const parsed = parseBackboneOutput(output);
    const index = outcome.step.index;
    if (parsed.type === 'give-up') {
      const thought = pythonStrip(output.slice(0, output.indexOf('conclusion: give up')));
      Object.assign(outcome.step, { decision: 'give up', thought });
      yield finishModelStep(context, outcome.step);
      yield { type: 'plan-decision', index, decision: 'give up', thought };
      turns.push({ from: 'assistant', value: `${thought} ${GIVE_UP_TAG}` });
      yield { type: 'give-up', thought };
      return 'gave-up';
    }
    if (parsed.type === 'finish') {
      const thought = pythonStrip(output.slice(0, output.lastIndexOf('conclusion: ')));
      const answer = pythonStrip(parsed.answer);
      Object.assign(outcome.step, { decision: 'finish', thought });
      yield finishModelStep(context, outcome.step);
      yield { type: 'plan-decision', index, decision: 'finish', thought };
      turns.push(
        { from: 'assistant', value: `${thought} ${CONCLUSION_TAG}` },
        { from: 'conclusion', value: answer },
      );
      context.trajectory.answer = answer;
      yield { type: 'answer', text: answer };
      return 'answered';
    }
    const thought = pythonStrip(parsed.thought);
    Object.assign(outcome.step, {
      decision: 'call',
      thought,
      action: parsed.action,
      actionInput: parsed.actionInput,
    });
    if (parsed.action === 'none') outcome.step.flags.invalid = true;
    yield finishModelStep(context, outcome.step);
    yield { type: 'plan-decision', index, decision: 'call', thought };
    const actionAt = output.indexOf('Action:');
    const callerText = actionAt === -1 ? '' : pythonStrip(output.slice(actionAt));
    turns.push(
      { from: 'assistant', value: `${thought} ${CALLER_TAG}` },
      { from: 'caller', value: callerText },
    );
    const result = yield* toolStep(context, names, settings.execute, parsed.action, parsed.actionInput);
    turns.push({ from: 'observation', value: result.observation });
  }
  return 'max-steps';
}
