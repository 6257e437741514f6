import { type AgentEvent, assertNever } from '../agent/events.ts';
import type { ModelRole, Trajectory } from '../agent/trajectory.ts';

/** The step being generated or executed right now, with the text streamed so far. */
export interface LiveStep {
  index: number;
  role: ModelRole | 'tool';
  text: string;
}

/** One run as the app keeps it: the trajectory so far and what is happening in it now. */
export interface RunRecord {
  id: string;
  /** The first task of the run (follow-ups continue the same run). */
  title: string;
  trajectory: Trajectory;
  live?: LiveStep;
  /** Held in memory as a summary only (title, status, answer); the stored copy is whole and is read back when opened. */
  partial?: true;
}

/** The record as the run list needs it: its steps and history stay in storage until it is opened. */
export function withoutBulk(record: RunRecord): RunRecord {
  const { live: _live, ...rest } = record;
  return { ...rest, trajectory: { ...record.trajectory, tools: [], turns: [], steps: [] }, partial: true };
}

/** A record for a run that has just started. */
export function recordFromStart(trajectory: Trajectory): RunRecord {
  const first = trajectory.turns.find((turn) => turn.from === 'user');
  return { id: trajectory.id, title: first?.value ?? '', trajectory: structuredClone(trajectory) };
}

/** The record after one agent event: steps as they end, streamed text of the step in progress. */
export function applyAgentEvent(record: RunRecord, event: AgentEvent): RunRecord {
  switch (event.type) {
    case 'run-start':
      return { ...record, trajectory: structuredClone(event.trajectory) };
    case 'step-start':
      return { ...record, live: { index: event.index, role: event.role, text: '' } };
    case 'token-delta': {
      const live = record.live;
      if (live === undefined || live.index !== event.index) return record;
      return { ...record, live: { ...live, text: live.text + event.text } };
    }
    case 'step-end': {
      const steps = record.trajectory.steps.filter((step) => step.index !== event.step.index);
      steps.push(event.step);
      steps.sort((a, b) => a.index - b.index);
      const { live: _done, ...rest } = record;
      return { ...rest, trajectory: { ...record.trajectory, steps, updatedAt: stepEnd(event.step) } };
    }
    case 'answer':
      return { ...record, trajectory: { ...record.trajectory, answer: event.text } };
    case 'error':
      return { ...record, trajectory: { ...record.trajectory, error: event.error } };
    case 'run-end': {
      const { live: _done, ...rest } = record;
      return { ...rest, trajectory: structuredClone(event.trajectory) };
    }
    case 'plan-decision':
    case 'tool-call':
    case 'tool-result':
    case 'give-up':
      return record;
    default:
      return assertNever(event);
  }
}

/** A run still marked running when the app starts again was cut off: it is marked interrupted. */
export function interruptIfRunning(record: RunRecord): RunRecord {
  if (record.trajectory.status !== 'running') return record;
  const { live: _cut, ...rest } = record;
  return { ...rest, trajectory: { ...record.trajectory, status: 'interrupted' } };
}

function stepEnd(step: { startedAt: number; durationMs: number }): number {
  return step.startedAt + step.durationMs;
}
