import { describe, expect, it } from 'vitest';
import { weightsUrlProblem } from './weights-url.ts';

describe('weights URL', () => {
  it('accepts only absolute http(s) addresses, saying what to give instead', () => {
    expect(weightsUrlProblem('https://huggingface.co/me/repo')).toBeUndefined();
    expect(weightsUrlProblem('huggingface.co/me/repo')).toMatch(/is not a URL; give the address/);
    expect(weightsUrlProblem('ftp://example.org/x')).toMatch(/not an http\(s\) address/);
  });
});
