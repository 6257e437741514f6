import { describe, expect, it } from 'vitest';
import type { RoleModelState } from '../state/agent-state.ts';
import { summarizeLoading } from './load-summary.ts';

const model = (change: Partial<RoleModelState>): RoleModelState => ({
  id: 'm',
  status: 'loading',
  progress: undefined,
  error: '',
  device: '',
  bytes: 4_000_000,
  ...change,
});

describe('summarizeLoading', () => {
  it('adds up the bytes of every role model and estimates the time left from the time so far', () => {
    const summary = summarizeLoading(
      [
        model({ status: 'ready' }),
        model({ progress: { fraction: 0.5, loadedBytes: 2_000_000 } }),
        model({ status: 'idle' }),
      ],
      10_000,
      13_000,
    );
    expect(summary).toEqual({
      loadedBytes: 6_000_000,
      totalBytes: 12_000_000,
      fraction: 0.5,
      secondsLeft: 3,
    });
  });

  it('gives no estimate before anything has moved or once everything is ready', () => {
    expect(summarizeLoading([model({})], 0, 5_000).secondsLeft).toBeUndefined();
    expect(summarizeLoading([model({ status: 'ready' })], 0, 5_000)).toMatchObject({
      fraction: 1,
      secondsLeft: undefined,
    });
  });
});
