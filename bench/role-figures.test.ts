import { describe, expect, it } from 'vitest';
import { roleFigures } from './role-figures.ts';
import type { StepFigure } from './task-steps.ts';

const step = (role: StepFigure['role'], figures: Partial<StepFigure>): StepFigure => ({
  index: 0,
  role,
  promptTokens: 100,
  reusedPromptTokens: 60,
  prefilledTokens: 40,
  completionTokens: 10,
  prefillTokensPerSecond: 1000,
  decodeTokensPerSecond: 100,
  startedAt: 0,
  durationMs: 50,
  firstTokenMs: 20,
  deltas: 9,
  ...figures,
});

describe('figures per role', () => {
  it('sums each role’s tokens and time, in the order a run first uses the roles', () => {
    const roles = roleFigures([
      step('summarizer', {}),
      step('planner', { promptTokens: 300, reusedPromptTokens: 200, prefilledTokens: 100 }),
      step('caller', {}),
      step('planner', {}),
    ]);
    expect(roles.map((role) => role.role)).toEqual(['planner', 'caller', 'summarizer']);
    expect(roles[0]).toMatchObject({
      steps: 2,
      promptTokens: 400,
      reusedPromptTokens: 260,
      prefilledTokens: 140,
      completionTokens: 20,
      modelMs: 100,
    });
  });

  it('averages the first-token times over the role’s steps', () => {
    const [planner] = roleFigures([
      step('planner', { firstTokenMs: 10 }),
      step('planner', { firstTokenMs: 30 }),
    ]);
    expect(planner?.firstTokenMs).toBe(20);
  });

  it('combines speeds as tokens over the seconds the engine reported, leaving out steps without a rate', () => {
    // 100 tokens at 100/s (1 s) and 300 tokens at 300/s (1 s): 400 tokens in 2 s, not the mean of the rates.
    const [backbone] = roleFigures([
      step('backbone', { completionTokens: 100, decodeTokensPerSecond: 100, prefilledTokens: 0 }),
      step('backbone', { completionTokens: 300, decodeTokensPerSecond: 300 }),
      step('backbone', { completionTokens: 5, decodeTokensPerSecond: 0 }),
    ]);
    expect(backbone?.decodeTokensPerSecond).toBe(200);
    expect(backbone?.prefillTokensPerSecond).toBe(1000);
    expect(backbone?.completionTokens).toBe(405);
  });

  it('reports a rate of 0 when no step of the role had one', () => {
    const [caller] = roleFigures([step('caller', { decodeTokensPerSecond: 0, prefillTokensPerSecond: 0 })]);
    expect(caller).toMatchObject({ decodeTokensPerSecond: 0, prefillTokensPerSecond: 0 });
  });

  it('adds each role’s warm-ups and the tokens they prefilled ahead', () => {
    const warmup = {
      promptTokens: 500,
      reusedPromptTokens: 420,
      prefilledTokens: 80,
      startedAt: 0,
      durationMs: 3,
    };
    const roles = roleFigures(
      [step('planner', {}), step('caller', {})],
      [
        { role: 'caller', ...warmup },
        { role: 'caller', ...warmup },
      ],
    );
    expect(roles.map((role) => [role.role, role.warmups, role.warmPrefilledTokens])).toEqual([
      ['planner', 0, 0],
      ['caller', 2, 160],
    ]);
  });
});
