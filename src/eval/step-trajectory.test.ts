import { describe, expect, it } from 'vitest';
import { plannerInput } from '../agent/alpha-umi-prompts.ts';
import type { ModelStep, ToolStep } from '../agent/trajectory.ts';
import { stepTrajectory } from './step-trajectory.ts';
import { type Dialogue, extractSteps } from './steps.ts';

const TOOLS = [{ Name: 'searchcities_for_demo', function: 'Find cities.', input: { name: 'string' } }];
const DIALOGUE: Dialogue = {
  tools: TOOLS,
  instruction: 'Lyon?',
  conversations: [
    { from: 'user', value: 'Lyon?' },
    { from: 'assistant', value: 'Find it. Next: caller.' },
    { from: 'caller', value: 'Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}' },
    { from: 'observation', value: '[{"id": 7}]' },
    { from: 'assistant', value: 'Done. Next: conclusion.' },
    { from: 'conclusion', value: 'Lyon has id 7.' },
  ],
};
const [CALL, FINISH] = extractSteps([DIALOGUE]);
const MODELS = { planner: 'p', caller: 'c', summarizer: 's' };

describe('an evaluated step in the trajectory viewer', () => {
  it('replays the reference history flagged as such, then the generations with their prompts', () => {
    if (FINISH === undefined) throw new Error('no finish step');
    const record = {
      raw: { planner: 'All set. Next: conclusion.', summarizer: 'Lyon is 7.' },
      prompt_tokens: { planner: 40, summarizer: 50 },
      completion_tokens: { planner: 5, summarizer: 4 },
      latency_ms: { planner: 120, summarizer: 90 },
    };
    const steps = stepTrajectory(FINISH, { record, models: MODELS, systemPrefix: true });
    expect(steps.map((step) => (step.type === 'tool' ? 'tool' : step.role))).toEqual([
      'planner',
      'caller',
      'tool',
      'planner',
      'summarizer',
    ]);
    expect(steps.slice(0, 3).every((step) => step.flags.reference === true)).toBe(true);
    expect((steps[2] as ToolStep).name).toBe('searchcities_for_demo');
    const planner = steps[3] as ModelStep;
    expect(planner).toMatchObject({ modelId: 'p', decision: 'finish', durationMs: 120, flags: {} });
    expect(planner.prompt).toBe(plannerInput(TOOLS, FINISH.history, { systemPrefix: true }));
    expect((steps[4] as ModelStep).usage.promptTokens).toBe(50);
  });

  it("shows the caller's parsed call, and the reference's fallback thought after an empty planner output", () => {
    if (CALL === undefined) throw new Error('no call step');
    const record = {
      raw: { planner: '', caller: 'Action: searchcities_for_demo\nAction Input: {"name": "Paris"}' },
    };
    const steps = stepTrajectory(CALL, { record, models: MODELS, systemPrefix: false });
    expect(steps.map((step) => step.index)).toEqual([0, 1]);
    expect(steps[1]).toMatchObject({
      role: 'caller',
      action: 'searchcities_for_demo',
      actionInput: '{"name": "Paris"}',
    });
    expect((steps[1] as ModelStep).prompt).toContain('none Next: caller.');
  });
});
