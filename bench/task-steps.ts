import type { AgentEvent } from '../src/agent/events.ts';
import type { ModelRole, Trajectory } from '../src/agent/trajectory.ts';

/** One model step of a run: its tokens, the engine's speeds and the latencies seen by the run's consumer. */
export interface StepFigure {
  index: number;
  role: ModelRole;
  promptTokens: number;
  reusedPromptTokens: number;
  prefilledTokens: number;
  completionTokens: number;
  /** llama.cpp's own figures for this generation. */
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** When the step started (the agent's clock) and its wall time (request sent → result back). */
  startedAt: number;
  durationMs: number;
  /**
   * From the step's `step-start` event to its first `token-delta` event, as the run's consumer
   * received them; a generation that streamed no text (EOS first) counts until its `step-end`.
   */
  firstTokenMs: number;
  /** `token-delta` events the step streamed. */
  deltas: number;
}

/** Timestamps of a run's events, taken as the consumer receives them. */
export class EventClock {
  readonly #started = new Map<number, number>();
  readonly #firstToken = new Map<number, number>();
  readonly #ended = new Map<number, number>();
  readonly #deltas = new Map<number, number>();

  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Notes one event of the run. */
  note(event: AgentEvent): void {
    const at = this.#now();
    if (event.type === 'step-start') this.#started.set(event.index, at);
    else if (event.type === 'token-delta') {
      if (!this.#firstToken.has(event.index)) this.#firstToken.set(event.index, at);
      this.#deltas.set(event.index, (this.#deltas.get(event.index) ?? 0) + 1);
    } else if (event.type === 'step-end' && !this.#ended.has(event.step.index))
      this.#ended.set(event.step.index, at);
  }

  /** Milliseconds from the step's start to its first token (or its end when it streamed none). */
  firstTokenMs(index: number): number {
    const started = this.#started.get(index);
    const first = this.#firstToken.get(index) ?? this.#ended.get(index);
    return started === undefined || first === undefined ? 0 : first - started;
  }

  /** How many text deltas the step streamed. */
  deltas(index: number): number {
    return this.#deltas.get(index) ?? 0;
  }
}

/** The model steps of a finished run, with the latencies the clock saw. */
export function stepFigures(trajectory: Trajectory, clock: EventClock): StepFigure[] {
  return trajectory.steps.flatMap((step) =>
    step.type === 'model'
      ? [
          {
            index: step.index,
            role: step.role,
            promptTokens: step.usage.promptTokens,
            reusedPromptTokens: step.usage.reusedPromptTokens,
            prefilledTokens: step.usage.promptTokens - step.usage.reusedPromptTokens,
            completionTokens: step.usage.completionTokens,
            prefillTokensPerSecond: step.usage.prefillTokensPerSecond,
            decodeTokensPerSecond: step.usage.decodeTokensPerSecond,
            startedAt: step.startedAt,
            durationMs: step.durationMs,
            firstTokenMs: clock.firstTokenMs(step.index),
            deltas: clock.deltas(step.index),
          },
        ]
      : [],
  );
}

/** A prompt a role model evaluated ahead of its step, while another model or a tool worked. */
export interface WarmFigure {
  role: ModelRole;
  promptTokens: number;
  reusedPromptTokens: number;
  prefilledTokens: number;
  startedAt: number;
  durationMs: number;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The run's warm-ups, when the agent recorded any (`warmups` on the trajectory). Read as untyped data,
 * so the bench runs the same with an agent that does not warm its models (then there are none).
 */
export function warmupFigures(trajectory: Trajectory): WarmFigure[] {
  const recorded: unknown = (trajectory as { warmups?: unknown }).warmups;
  if (!Array.isArray(recorded)) return [];
  return recorded.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { role, promptTokens, reusedPromptTokens, startedAt, durationMs } = item as Record<string, unknown>;
    if (typeof role !== 'string' || !isCount(promptTokens) || !isCount(reusedPromptTokens)) return [];
    if (!isCount(startedAt) || !isCount(durationMs)) return [];
    return [
      {
        role: role as ModelRole,
        promptTokens,
        reusedPromptTokens,
        prefilledTokens: promptTokens - reusedPromptTokens,
        startedAt,
        durationMs,
      },
    ];
  });
}
