import type { ModelRole } from '../src/agent/trajectory.ts';
import type { StepFigure, WarmFigure } from './task-steps.ts';

/** One role model's figures over some steps (a task's, or a whole set's). */
export interface RoleFigures {
  role: ModelRole;
  steps: number;
  promptTokens: number;
  reusedPromptTokens: number;
  /** Prefilled during the role's steps. */
  prefilledTokens: number;
  /** Warm-ups: prompts the role's model evaluated ahead, while another model or a tool worked. */
  warmups: number;
  /** Prefilled by those warm-ups; the steps then found these tokens in the cache (counted as reused there). */
  warmPrefilledTokens: number;
  completionTokens: number;
  /** Mean over the steps of step-start → first token-delta, measured from the run's events. */
  firstTokenMs: number;
  /** Prefilled tokens over llama.cpp's prefill time (Σ prefilled / Σ prefilled÷rate). */
  prefillTokensPerSecond: number;
  /** Generated tokens over llama.cpp's decode time (Σ completion / Σ completion÷rate). */
  decodeTokensPerSecond: number;
  /** Σ of the steps' wall times. */
  modelMs: number;
}

/** The roles in the order a run first uses them. */
const ROLE_ORDER: readonly ModelRole[] = ['planner', 'caller', 'summarizer', 'backbone'];

/** Tokens over the seconds the engine reported spending on them; 0 when it reported no rate. */
function rate(
  steps: readonly StepFigure[],
  tokens: (s: StepFigure) => number,
  perSecond: (s: StepFigure) => number,
) {
  let counted = 0;
  let seconds = 0;
  for (const step of steps)
    if (tokens(step) > 0 && perSecond(step) > 0) {
      counted += tokens(step);
      seconds += tokens(step) / perSecond(step);
    }
  return seconds === 0 ? 0 : counted / seconds;
}

/** Sums and rates of the given steps (and warm-ups), per role. */
export function roleFigures(
  steps: readonly StepFigure[],
  warmups: readonly WarmFigure[] = [],
): RoleFigures[] {
  return ROLE_ORDER.flatMap((role) => {
    const mine = steps.filter((step) => step.role === role);
    if (mine.length === 0) return [];
    const warmed = warmups.filter((warmup) => warmup.role === role);
    const sum = (pick: (step: StepFigure) => number) => mine.reduce((total, step) => total + pick(step), 0);
    return [
      {
        role,
        steps: mine.length,
        promptTokens: sum((step) => step.promptTokens),
        reusedPromptTokens: sum((step) => step.reusedPromptTokens),
        prefilledTokens: sum((step) => step.prefilledTokens),
        warmups: warmed.length,
        warmPrefilledTokens: warmed.reduce((total, warmup) => total + warmup.prefilledTokens, 0),
        completionTokens: sum((step) => step.completionTokens),
        firstTokenMs: sum((step) => step.firstTokenMs) / mine.length,
        prefillTokensPerSecond: rate(
          mine,
          (step) => step.prefilledTokens,
          (step) => step.prefillTokensPerSecond,
        ),
        decodeTokensPerSecond: rate(
          mine,
          (step) => step.completionTokens,
          (step) => step.decodeTokensPerSecond,
        ),
        modelMs: sum((step) => step.durationMs),
      },
    ];
  });
}
