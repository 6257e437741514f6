import type { ErrorData } from '../agent/errors.ts';
import type { AgentEvent } from '../agent/events.ts';
import type { RunStatus, Step, Trajectory } from '../agent/trajectory.ts';

/** The DOM events `<umi-agent>` dispatches (they bubble and cross shadow roots), with their detail. */
export interface UmiAgentEventMap {
  /** A step ended: a model's output or a tool call with its observation. */
  'umi-step': CustomEvent<{ step: Step }>;
  /** The summarizer's answer. */
  'umi-answer': CustomEvent<{ answer: string }>;
  /** Something failed: a run's engine or model, loading the models, importing the API, a bad call of the element. */
  'umi-error': CustomEvent<{ error: ErrorData }>;
  /** A run ended, however it ended, with its whole trajectory. */
  'umi-run-end': CustomEvent<{ status: RunStatus; trajectory: Trajectory }>;
}

/** One DOM event to dispatch: its name and detail. */
export type WidgetEvent = {
  [Name in keyof UmiAgentEventMap]: { type: Name; detail: UmiAgentEventMap[Name]['detail'] };
}[keyof UmiAgentEventMap];

/** The DOM event an agent event becomes, if any (deltas, starts and decisions stay inside). */
export function widgetEventFor(event: AgentEvent): WidgetEvent | undefined {
  switch (event.type) {
    case 'step-end':
      return { type: 'umi-step', detail: { step: event.step } };
    case 'answer':
      return { type: 'umi-answer', detail: { answer: event.text } };
    case 'error':
      return { type: 'umi-error', detail: { error: event.error } };
    case 'run-end':
      return { type: 'umi-run-end', detail: { status: event.status, trajectory: event.trajectory } };
    default:
      return undefined;
  }
}
