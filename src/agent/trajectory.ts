import type { RequestSummary } from '../tools/tool.ts';
import type { ErrorData } from './errors.ts';
import type { JsonObject } from './json.ts';

/** Who wrote a history turn, in α-UMi / ToolBench terms (`assistant` is the planner). */
export type TurnRole = 'user' | 'assistant' | 'caller' | 'observation' | 'conclusion';

/** One turn of the α-UMi conversation history (ToolBench's `{from, value}`). */
export interface Turn {
  from: TurnRole;
  value: string;
}

/** The model roles of α-UMi, plus the single-LLM backbone baseline. */
export type ModelRole = 'planner' | 'caller' | 'summarizer' | 'backbone';

/** The planner's (or backbone's) decision for the next step. */
export type PlanDecision = 'call' | 'finish' | 'give up';

/** Token counts and timings of one model generation. */
export interface StepUsage {
  promptTokens: number;
  reusedPromptTokens: number;
  completionTokens: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
}

/** Why a step is marked: the model invented an API, wrote unusable output, retried, etc. */
export interface StepFlags {
  hallucinated?: boolean;
  invalid?: boolean;
  retries?: number;
  /** The generation was constrained by a grammar (the constrained caller, or the grounded summarizer). */
  constrained?: boolean;
  /** Not generated: a test set's reference turn, replayed as the history of an evaluated step. */
  reference?: boolean;
}

/** One model generation of the run, recorded for the trajectory viewer, exports and evaluation. */
export interface ModelStep {
  type: 'model';
  index: number;
  role: ModelRole;
  modelId: string;
  prompt: string;
  output: string;
  usage: StepUsage;
  startedAt: number;
  durationMs: number;
  flags: StepFlags;
  /** Planner/backbone: the decision and cleaned thought. */
  decision?: PlanDecision;
  thought?: string;
  /** Caller/backbone: the parsed action. */
  action?: string;
  actionInput?: string;
}

/** One tool execution (or its refusal), recorded with the observation the models will read. */
export interface ToolStep {
  type: 'tool';
  index: number;
  name: string;
  arguments?: JsonObject;
  argumentsText: string;
  ok: boolean;
  status?: number;
  /** The HTTP request as sent (secrets masked), when the executor reports it. */
  request?: RequestSummary;
  /** The response body as received (secrets already scrubbed), for people; the models read `observation`. */
  response?: ResponseRecord;
  observation: string;
  startedAt: number;
  durationMs: number;
  flags: StepFlags;
}

/** A response body kept for the viewer: JSON pretty-printed, cut at a limit. */
export interface ResponseRecord {
  text: string;
  /** Characters of the whole body, when `text` is cut. */
  fullLength?: number;
}

/** A model evaluating the certain part of its next prompt while another model (or a tool) worked. */
export interface WarmupRecord {
  role: ModelRole;
  modelId: string;
  startedAt: number;
  durationMs: number;
  /** Tokens of the warmed prompt, and how many of them the model's cache already held. */
  promptTokens: number;
  reusedPromptTokens: number;
}

/** A recorded step of the run. */
export type Step = ModelStep | ToolStep;

/** How the run ended, or that it is still going. */
export type RunStatus =
  | 'running'
  | 'answered'
  | 'gave-up'
  | 'error'
  | 'aborted'
  | 'max-steps'
  | 'interrupted';

/** Why the models saw only some of the enabled tools. */
export interface ToolSelectionRecord {
  offered: string[];
  reason: string;
  warnings: string[];
}

/** Current trajectory schema version; bump it and add a migration when the shape changes. */
export const TRAJECTORY_VERSION = 1;

/** Everything about one run: serializable, versioned, replayable. */
export interface Trajectory {
  version: typeof TRAJECTORY_VERSION;
  id: string;
  mode: 'alpha-umi' | 'backbone';
  /** The α-UMi doc objects the models were shown. */
  tools: JsonObject[];
  /** Which tools were offered and why, when not every enabled tool fitted the context. */
  toolSelection?: ToolSelectionRecord;
  /** The α-UMi history, growing as the run goes (user, assistant, caller, observation, conclusion). */
  turns: Turn[];
  steps: Step[];
  /** Warm-ups that overlapped other work (α-UMi with prefix-reusing engines); none before they existed. */
  warmups?: WarmupRecord[];
  status: RunStatus;
  answer?: string;
  error?: ErrorData;
  createdAt: number;
  updatedAt: number;
}
