import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../agent/events.ts';
import type { Trajectory } from '../agent/trajectory.ts';
import { widgetEventFor } from './widget-events.ts';

const trajectory = { status: 'answered' } as unknown as Trajectory;

describe('widgetEventFor', () => {
  it('turns a step, the answer, an error and the end of a run into DOM events', () => {
    const step = { type: 'tool', name: 'x' } as unknown as Extract<AgentEvent, { type: 'step-end' }>['step'];
    expect(widgetEventFor({ type: 'step-end', step })).toEqual({ type: 'umi-step', detail: { step } });
    expect(widgetEventFor({ type: 'answer', text: 'Mild.' })).toEqual({
      type: 'umi-answer',
      detail: { answer: 'Mild.' },
    });
    const error = { name: 'EngineError', message: 'lost', fault: 'engine' as const };
    expect(widgetEventFor({ type: 'error', error })).toEqual({ type: 'umi-error', detail: { error } });
    expect(widgetEventFor({ type: 'run-end', status: 'answered', trajectory })).toEqual({
      type: 'umi-run-end',
      detail: { status: 'answered', trajectory },
    });
  });

  it('keeps token deltas, step starts and plan decisions inside the widget', () => {
    expect(widgetEventFor({ type: 'token-delta', index: 0, role: 'planner', text: 'a' })).toBeUndefined();
    expect(widgetEventFor({ type: 'step-start', index: 0, role: 'planner' })).toBeUndefined();
    expect(widgetEventFor({ type: 'run-start', trajectory })).toBeUndefined();
  });
});
