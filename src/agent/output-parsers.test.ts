import { describe, expect, it } from 'vitest';
import { parseBackboneOutput, parseCallerOutput, parsePlannerOutput } from './output-parsers.ts';

describe('parsePlannerOutput', () => {
  it('asks for another generation when the output is empty, a dot or a comma', () => {
    for (const raw of ['', '   \n', '.', ',', ' . ', '\t,\n']) {
      expect(parsePlannerOutput(raw)).toEqual({ type: 'retry' });
    }
  });

  it('strips before dropping ": ", so a lone colon is a thought of its own (as the reference did)', () => {
    expect(parsePlannerOutput(': ')).toEqual({ type: 'plan', decision: 'call', thought: ': Next: caller.' });
  });

  it('drops a leading ": " left over from the prompt suffix', () => {
    expect(parsePlannerOutput(': I will call the API. Next: caller.')).toEqual({
      type: 'plan',
      decision: 'call',
      thought: 'I will call the API. Next: caller.',
    });
  });

  it('gives up when the give-up tag appears anywhere, cutting right after it', () => {
    expect(parsePlannerOutput('No API fits. Next: give up. Next: caller. trailing')).toEqual({
      type: 'plan',
      decision: 'give up',
      thought: 'No API fits. Next: give up.',
    });
  });

  it('prefers give up over conclusion and conclusion over caller', () => {
    const both = parsePlannerOutput('Next: conclusion. then Next: give up.');
    expect(both).toMatchObject({ decision: 'give up', thought: 'Next: conclusion. then Next: give up.' });
    const conclusion = parsePlannerOutput('Done. Next: caller. Next: conclusion. extra');
    expect(conclusion).toMatchObject({
      decision: 'finish',
      thought: 'Done. Next: caller. Next: conclusion.',
    });
  });

  it('cuts after the caller tag and drops what follows', () => {
    expect(parsePlannerOutput('  Get the weather.\n Next: caller. Action: x  ')).toEqual({
      type: 'plan',
      decision: 'call',
      thought: 'Get the weather.\n Next: caller.',
    });
  });

  it('appends the caller tag when the output has no tag at all', () => {
    expect(parsePlannerOutput('I should look up the city first')).toEqual({
      type: 'plan',
      decision: 'call',
      thought: 'I should look up the city first Next: caller.',
    });
  });

  it('strips whitespace the way Python does, including U+001C..U+001F', () => {
    expect(parsePlannerOutput('\u001fThink. Next: conclusion.\u00a0')).toMatchObject({
      decision: 'finish',
      thought: 'Think. Next: conclusion.',
    });
  });
});

describe('parseCallerOutput', () => {
  it('reads the action and the pretty-printed input', () => {
    expect(parseCallerOutput('Action: get_weather\nAction Input: {\n  "city": "Oslo"\n}\n')).toEqual({
      action: 'get_weather',
      actionInput: '{\n  "city": "Oslo"\n}',
    });
  });

  it('uses the last Action and the last Action Input when the model repeats itself', () => {
    const raw = 'Action: a\nAction Input: {"x": 1}\nAction: b\nAction Input: {"y": 2}';
    expect(parseCallerOutput(raw)).toEqual({ action: 'b', actionInput: '{"y": 2}' });
  });

  it('defaults the input to {} when there is no Action Input', () => {
    expect(parseCallerOutput('Action: list_todos')).toEqual({ action: 'list_todos', actionInput: '{}' });
  });

  it('defaults the action to none when there is no Action', () => {
    expect(parseCallerOutput('I think we should call something')).toEqual({
      action: 'none',
      actionInput: '{}',
    });
    expect(parseCallerOutput('Action Input: {"a": 1}')).toEqual({ action: 'none', actionInput: '{"a": 1}' });
  });

  it('keeps an input that is not JSON as text for the loop to flag', () => {
    expect(parseCallerOutput('Action: f\nAction Input: city=Oslo')).toEqual({
      action: 'f',
      actionInput: 'city=Oslo',
    });
  });

  it('reads an Action written after the last Action Input as having no input of its own', () => {
    expect(parseCallerOutput('Action Input: {"a": 1}\nAction: g')).toEqual({
      action: 'g',
      actionInput: '{"a": 1}\nAction: g',
    });
  });
});

describe('parseBackboneOutput', () => {
  it('gives up when "conclusion: give up" appears anywhere', () => {
    expect(parseBackboneOutput('Nothing fits.\nconclusion: give up.')).toEqual({ type: 'give-up' });
  });

  it('finishes with the text after the last "conclusion: "', () => {
    expect(parseBackboneOutput('Done.\nconclusion: first conclusion: It is 5 degrees.')).toEqual({
      type: 'finish',
      answer: 'It is 5 degrees.',
    });
  });

  it('needs the space after "conclusion:" to finish', () => {
    expect(parseBackboneOutput('conclusion:done')).toMatchObject({ type: 'call', action: 'none' });
  });

  it('calls with the thought before the first Action and the action parsed as the caller does', () => {
    expect(parseBackboneOutput('Look it up.\nAction: get_weather\nAction Input: {"city": "Oslo"}')).toEqual({
      type: 'call',
      thought: 'Look it up.\n',
      action: 'get_weather',
      actionInput: '{"city": "Oslo"}',
    });
  });

  it('treats text with no action and no conclusion as a call to none', () => {
    expect(parseBackboneOutput('hmm')).toEqual({
      type: 'call',
      thought: 'hmm',
      action: 'none',
      actionInput: '{}',
    });
  });
});
