import { GREEDY } from '../engines/engine.ts';
import { alphaUmiLoop } from './alpha-umi-loop.ts';
import { backboneLoop } from './backbone-loop.ts';
import { toErrorData, UserError } from './errors.ts';
import type { AgentEvent } from './events.ts';
import { alphaUmiRequests, chatRequests } from './role-requests.ts';
import {
  type AlphaUmiProfile,
  type ChatProfile,
  isBackbone,
  RUN_DEFAULTS,
  type RunAgentOptions,
} from './run-options.ts';
import type { RunContext } from './run-steps.ts';
import { type RunStatus, TRAJECTORY_VERSION, type Trajectory } from './trajectory.ts';

/**
 * Runs the agent once on a task, yielding typed events as it goes and returning the final trajectory.
 * It never throws for model, tool or engine failures: they end the run as recorded `error` events.
 */
export async function* runAgent(options: RunAgentOptions): AsyncGenerator<AgentEvent, Trajectory> {
  const task = options.task.trim();
  if (task === '') throw new UserError('The task is empty: write what you want the agent to do.');
  const now = options.now ?? Date.now;
  const trajectory = startTrajectory(options, task, now);
  const context: RunContext = {
    trajectory,
    signal: options.signal ?? new AbortController().signal,
    sampling: options.sampling ?? GREEDY,
    maxTokens: options.maxTokens ?? RUN_DEFAULTS.maxTokens,
    now,
  };
  yield { type: 'run-start', trajectory: structuredClone(trajectory) };

  const profile: AlphaUmiProfile | ChatProfile = options.profile ?? RUN_DEFAULTS.profile;
  const common = {
    tools: options.tools,
    execute: options.execute,
    maxSteps: options.maxSteps ?? RUN_DEFAULTS.maxSteps,
    systemPrefix: profile.kind === 'alpha-umi' ? profile.systemPrefix : false,
  };
  let status: RunStatus;
  try {
    if (isBackbone(options.roles)) {
      if (profile.kind !== 'alpha-umi')
        throw new UserError('The single-LLM backbone runs only α-UMi prompts; choose the alpha-umi profile.');
      status = yield* backboneLoop(context, { ...common, roles: options.roles });
    } else {
      const settings = {
        ...common,
        roles: options.roles,
        constrainedCaller: options.constrainedCaller ?? RUN_DEFAULTS.constrainedCaller,
        grounding: options.grounding ?? RUN_DEFAULTS.grounding,
        ...(profile.kind === 'alpha-umi' && profile.answerVocabulary
          ? { answerVocabulary: profile.answerVocabulary }
          : {}),
      };
      status = yield* alphaUmiLoop(context, {
        ...common,
        roles: options.roles,
        plannerAttempts: RUN_DEFAULTS.plannerAttempts,
        requests: profile.kind === 'chat' ? chatRequests(settings) : alphaUmiRequests(settings),
        overlap: options.overlap ?? RUN_DEFAULTS.overlap,
      });
    }
    if (status === 'max-steps') {
      const error = toErrorData(
        new UserError(
          `The agent did not finish within ${common.maxSteps} steps. Raise the step limit or split the task.`,
        ),
      );
      trajectory.error = error;
      yield { type: 'error', error };
    }
  } catch (error) {
    if (context.signal.aborted) status = 'aborted';
    else {
      status = 'error';
      trajectory.error = toErrorData(error);
      yield { type: 'error', error: trajectory.error };
    }
  }
  trajectory.status = status;
  trajectory.updatedAt = now();
  yield { type: 'run-end', status, trajectory: structuredClone(trajectory) };
  return trajectory;
}

/** A new trajectory, or the previous one continued with the task as a follow-up user turn. */
function startTrajectory(options: RunAgentOptions, task: string, now: () => number): Trajectory {
  const mode = isBackbone(options.roles) ? 'backbone' : 'alpha-umi';
  const previous = options.previous;
  if (previous !== undefined) {
    if (previous.mode !== mode) {
      throw new UserError(`This run was made in ${previous.mode} mode; continue it with the same mode.`);
    }
    const continued: Trajectory = structuredClone(previous);
    delete continued.answer;
    delete continued.error;
    continued.status = 'running';
    continued.tools = options.tools.map((tool) => tool.doc);
    if (options.toolSelection !== undefined) continued.toolSelection = options.toolSelection;
    else delete continued.toolSelection;
    continued.turns.push({ from: 'user', value: task });
    continued.updatedAt = now();
    return continued;
  }
  const createdAt = now();
  const trajectory: Trajectory = {
    version: TRAJECTORY_VERSION,
    id: options.newId?.() ?? crypto.randomUUID(),
    mode,
    tools: options.tools.map((tool) => tool.doc),
    turns: [{ from: 'user', value: task }],
    steps: [],
    status: 'running',
    createdAt,
    updatedAt: createdAt,
  };
  if (options.toolSelection !== undefined) trajectory.toolSelection = options.toolSelection;
  return trajectory;
}
