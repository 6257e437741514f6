import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelOutput } from '../testing/fuzz-arbitraries.ts';
import { checkFuzz, reportFuzzTotal } from '../testing/fuzz-runs.ts';
import { parseChatCallerOutput, parseChatPlannerOutput } from './chat-parsers.ts';
import { isJsonObject } from './json.ts';
import {
  CALLER_TAG,
  CONCLUSION_TAG,
  GIVE_UP_TAG,
  parseBackboneOutput,
  parseCallerOutput,
  parsePlannerOutput,
} from './output-parsers.ts';
import { parsePythonJson } from './python-json-parse.ts';
import { pythonStrip } from './python-text.ts';
import type { PlanDecision } from './trajectory.ts';

reportFuzzTotal('model output parsers');

const TAG_OF: Record<PlanDecision, string> = {
  call: CALLER_TAG,
  finish: CONCLUSION_TAG,
  'give up': GIVE_UP_TAG,
};

/** A plan's thought ends with the tag of its decision, so the history reads as α-UMi's. */
function expectPlanShape(parse: ReturnType<typeof parsePlannerOutput>): void {
  if (parse.type === 'retry') return;
  expect(Object.keys(TAG_OF)).toContain(parse.decision);
  expect(parse.thought.endsWith(TAG_OF[parse.decision])).toBe(true);
}

describe('model output parsers under fuzzing', () => {
  it('parsePlannerOutput returns a retry or a plan ending with its tag, for any output', async () => {
    await checkFuzz(
      'parsePlannerOutput',
      fc.property(modelOutput, (raw) => {
        const parse = parsePlannerOutput(raw);
        expect(['retry', 'plan']).toContain(parse.type);
        expectPlanShape(parse);
      }),
      { runs: 200 },
    );
  });

  it('parseCallerOutput returns a stripped action and input, "none" without an Action tag', async () => {
    await checkFuzz(
      'parseCallerOutput',
      fc.property(modelOutput, (raw) => {
        const { action, actionInput } = parseCallerOutput(raw);
        expect(pythonStrip(action)).toBe(action);
        expect(pythonStrip(actionInput)).toBe(actionInput);
        expect(action.includes('Action Input:')).toBe(false);
        if (!raw.includes('Action:')) expect(action).toBe('none');
        if (!raw.includes('Action Input:')) expect(actionInput).toBe('{}');
      }),
      { runs: 200 },
    );
  });

  it('parseBackboneOutput gives up, finishes or calls exactly as the tags in the output say', async () => {
    await checkFuzz(
      'parseBackboneOutput',
      fc.property(modelOutput, (raw) => {
        const parse = parseBackboneOutput(raw);
        if (raw.includes('conclusion: give up')) expect(parse.type).toBe('give-up');
        else if (raw.includes('conclusion: ')) expect(parse.type).toBe('finish');
        else {
          expect(parse.type).toBe('call');
          if (parse.type === 'call') expect(parse.thought.length).toBeLessThanOrEqual(raw.length);
        }
      }),
      { runs: 200 },
    );
  });

  it('parseChatPlannerOutput returns a retry or a plan ending with its tag, for any reply', async () => {
    await checkFuzz(
      'parseChatPlannerOutput',
      fc.property(modelOutput, (raw) => expectPlanShape(parseChatPlannerOutput(raw))),
      { runs: 200 },
    );
  });

  it('parseChatCallerOutput always gives an action and arguments that parse back as a JSON object', async () => {
    await checkFuzz(
      'parseChatCallerOutput',
      fc.property(modelOutput, (raw) => {
        const { action, actionInput } = parseChatCallerOutput(raw);
        expect(typeof action).toBe('string');
        const parsed = parsePythonJson(actionInput);
        expect(parsed.ok && isJsonObject(parsed.value)).toBe(true);
      }),
      { runs: 200 },
    );
  });
});
