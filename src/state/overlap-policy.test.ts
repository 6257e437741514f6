import { describe, expect, it } from 'vitest';
import { OVERLAP_MIN_CORES, overlapFits } from './overlap-policy.ts';

describe('whether the page overlaps the role models', () => {
  it('overlaps from four logical cores, not on two or when the browser does not say', () => {
    expect(OVERLAP_MIN_CORES).toBe(4);
    expect(overlapFits(2)).toBe(false);
    expect(overlapFits(undefined)).toBe(false);
    expect(overlapFits(4)).toBe(true);
    expect(overlapFits(16)).toBe(true);
  });
});
