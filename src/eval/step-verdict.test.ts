import { describe, expect, it } from 'vitest';
import { stepVerdict } from './step-verdict.ts';
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

describe('the verdict on a step', () => {
  it('judges the plan, then the action, then the arguments, and a finish by its R-L', () => {
    if (CALL === undefined || FINISH === undefined) throw new Error('no steps');
    const call = (action: string, input: string) => ({ plan: 'call' as const, action, action_input: input });
    expect(stepVerdict(CALL, call('searchcities_for_demo', '{"name": "Lyon"}'))).toEqual({ kind: 'right' });
    expect(stepVerdict(CALL, call('searchcities_for_demo', '{"name": "Lyo"}'))).toEqual({
      kind: 'arguments',
      f1: 0.5,
    });
    expect(stepVerdict(CALL, call('made_up', '{}'))).toEqual({ kind: 'hallucinated' });
    expect(stepVerdict(CALL, { plan: 'give up' })).toEqual({ kind: 'wrong-plan' });
    expect(stepVerdict(CALL, { plan: 'give up' }, 'too long')).toEqual({
      kind: 'failed',
      reason: 'too long',
    });
    expect(stepVerdict(FINISH, { plan: 'finish', answer: 'Lyon has id 7.' })).toEqual({
      kind: 'answer',
      rougeL: expect.closeTo(1, 6),
    });
  });
});
