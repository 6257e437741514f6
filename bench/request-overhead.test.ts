import { describe, expect, it } from 'vitest';
import { extraTime } from './request-overhead.ts';
import type { SetSummary } from './task-set.ts';

const role = (steps: number, warmups: number, prefilledTokens: number, prefillTokensPerSecond: number) =>
  ({
    steps,
    warmups,
    prefilledTokens,
    prefillTokensPerSecond,
    completionTokens: 10 * steps,
    decodeTokensPerSecond: 1000,
  }) as SetSummary['roles'][number];

describe("where a mode's extra time over the backbone's goes", () => {
  it('charges extra requests at the fixed cost, extra prefill and decoding at the backbone’s rates, and keeps the rest', () => {
    const backbone = { totalMs: 1000, roles: [role(10, 0, 2000, 4000)] } as SetSummary;
    const alphaUmi = {
      totalMs: 1500,
      roles: [role(10, 0, 1500, 3000), role(6, 4, 1000, 3000), role(4, 0, 500, 6000)],
    } as SetSummary;

    const extra = extraTime(alphaUmi, backbone, 20);
    expect(extra.totalMs).toBe(500);
    expect(extra.extraRequests).toBe(14);
    expect(extra.requestsMs).toBe(280);
    expect(extra.extraPrefilled).toBe(1000);
    expect(extra.prefillMs).toBe(250);
    expect(extra.extraDecoded).toBe(100);
    expect(extra.decodeMs).toBe(100);
    expect(extra.restMs).toBe(-130);
  });
});
