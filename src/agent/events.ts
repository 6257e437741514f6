import type { ErrorData } from './errors.ts';
import type { JsonObject } from './json.ts';
import type { ModelRole, PlanDecision, RunStatus, Step, Trajectory } from './trajectory.ts';

/** What the agent loop reports as it runs, in order; keyed on `type`, noun-verb names. */
export type AgentEvent =
  | { type: 'run-start'; trajectory: Trajectory }
  | { type: 'step-start'; index: number; role: ModelRole | 'tool' }
  | { type: 'token-delta'; index: number; role: ModelRole; text: string }
  | { type: 'plan-decision'; index: number; decision: PlanDecision; thought: string }
  | {
      type: 'tool-call';
      index: number;
      name: string;
      arguments: JsonObject | undefined;
      argumentsText: string;
    }
  | {
      type: 'tool-result';
      index: number;
      name: string;
      ok: boolean;
      observation: string;
      hallucinated: boolean;
    }
  | { type: 'step-end'; step: Step }
  | { type: 'answer'; text: string }
  | { type: 'give-up'; thought: string }
  | { type: 'error'; error: ErrorData }
  | { type: 'run-end'; status: RunStatus; trajectory: Trajectory };

/** Fails to compile when a switch over events misses a case. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
