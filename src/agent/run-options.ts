import type { Engine, Sampling } from '../engines/engine.ts';
import type { Tool, ToolExecutor } from '../tools/tool.ts';
import type { ToolSelectionRecord, Trajectory } from './trajectory.ts';

/** The three α-UMi role models (they may share one engine). */
export interface AlphaUmiRoles {
  planner: Engine;
  caller: Engine;
  summarizer: Engine;
}

/** The single-LLM baseline: one model plans, calls and answers. */
export interface BackboneRoles {
  backbone: Engine;
}

/** The α-UMi raw-prompt profile; `systemPrefix` prepends `system: ` as the weights saw in training. */
export interface AlphaUmiProfile {
  kind: 'alpha-umi';
  systemPrefix: boolean;
  /**
   * The words the summarizer was trained to answer with besides copied values; with grounding on,
   * its answer may use only these and words of the task and observations, and quote only spans of them.
   */
  answerVocabulary?: readonly string[];
}

/** The α-UMi profile of weights with these training habits (the vocabulary only when they list one). */
export function alphaUmiProfile(
  systemPrefix: boolean,
  answerVocabulary?: readonly string[],
): AlphaUmiProfile {
  return { kind: 'alpha-umi', systemPrefix, ...(answerVocabulary ? { answerVocabulary } : {}) };
}

/** Role system prompts and JSON replies for instruction-tuned models (Qwen3, Llama 3.x, Hermes). */
export interface ChatProfile {
  kind: 'chat';
}

/** Everything one run of the agent needs; the world (engines, executor, clock) is injected. */
export interface RunAgentOptions {
  task: string;
  tools: readonly Tool[];
  /** Recorded on the trajectory when `tools` is a selection of the enabled tools. */
  toolSelection?: ToolSelectionRecord;
  roles: AlphaUmiRoles | BackboneRoles;
  execute: ToolExecutor;
  signal?: AbortSignal;
  profile?: AlphaUmiProfile | ChatProfile;
  /** Planner (or backbone) steps before the run stops; the reference used 12. */
  maxSteps?: number;
  /** New tokens per generation; the reference used 512. */
  maxTokens?: number;
  sampling?: Sampling;
  /**
   * Let the caller write only an offered API name and arguments valid for its schema (a GBNF
   * grammar), when the caller's engine supports grammars; default on.
   */
  constrainedCaller?: boolean;
  /**
   * Under that grammar, free strings must be word-aligned spans of the user's words or the
   * observations, and free numbers numbers written there; default on.
   */
  grounding?: boolean;
  /**
   * Let a role model evaluate the certain part of its next prompt while another model writes
   * (engines with prefix reuse only), and start a grammar-constrained caller's API call as soon as
   * its output holds the whole call; default on. Outputs are the same either way.
   */
  overlap?: boolean;
  /** Continue this trajectory with the task as a follow-up question. */
  previous?: Trajectory;
  now?: () => number;
  newId?: () => string;
}

/** Defaults of the reference implementation (except greedy decoding, for reproducible runs). */
export const RUN_DEFAULTS = {
  maxSteps: 12,
  maxTokens: 512,
  plannerAttempts: 5,
  constrainedCaller: true,
  grounding: true,
  overlap: true,
  profile: { kind: 'alpha-umi', systemPrefix: true } satisfies AlphaUmiProfile,
} as const;

/** True when the roles are the single-LLM backbone. */
export function isBackbone(roles: AlphaUmiRoles | BackboneRoles): roles is BackboneRoles {
  return 'backbone' in roles;
}
