import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AlphaUmiRole,
  BACKBONE_TEMPLATE,
  backboneInput,
  CALLER_TEMPLATE,
  callerInput,
  fillTemplate,
  PLANNER_TEMPLATE,
  plannerInput,
  renderBackboneHistory,
  renderDoc,
  renderHistory,
  renderModelInput,
  SUMMARIZER_TEMPLATE,
  summarizerInput,
  toolNames,
} from './alpha-umi-prompts.ts';
import { UserError } from './errors.ts';
import type { JsonObject } from './json.ts';
import { codePointLength, firstCodePoints, lastCodePoints } from './python-text.ts';
import type { Turn } from './trajectory.ts';

interface Sample {
  tools: JsonObject[];
  history: Turn[];
  input: string;
  target: string;
}

function loadSamples(role: AlphaUmiRole): Sample[] {
  const url = new URL(`../../fixtures/alpha-umi/train-example/train_${role}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Sample[];
}

const TOOLS: JsonObject[] = [
  {
    Name: 'weather_for_sky',
    function: 'This is the subfunction for tool "sky".',
    input: { city: 'string, ' },
  },
  { Name: 'time_for_clock', function: 'Tells the time.', input: {} },
];

const DOC =
  '{"Name": "weather_for_sky", "function": "This is the subfunction for tool \\"sky\\".", "input": {"city": "string, "}}\n' +
  '{"Name": "time_for_clock", "function": "Tells the time.", "input": {}}\n';

const HISTORY: Turn[] = [
  { from: 'user', value: 'Weather in Paris?' },
  { from: 'assistant', value: 'I should call the weather API.\n Next: caller.' },
  { from: 'caller', value: 'Action: weather_for_sky\nAction Input: {"city": "Paris"}' },
  { from: 'observation', value: '{"temp": 21}' },
  { from: 'assistant', value: 'It is 21 degrees. Next: conclusion.' },
  { from: 'conclusion', value: 'It is 21 degrees in Paris.' },
];

describe('renderDoc and toolNames', () => {
  it('writes one json.dumps line per tool, each followed by a newline', () => {
    expect(renderDoc(TOOLS)).toBe(DOC);
  });

  it('writes nothing for an empty tool list', () => {
    expect(renderDoc([])).toBe('');
  });

  it('accepts any JSON value inside a tool object', () => {
    const tool: JsonObject = { Name: 'x', input: { n: 3, f: 1.5, ok: true, none: null, list: [1, 'a', {}] } };
    expect(renderDoc([tool])).toBe(
      '{"Name": "x", "input": {"n": 3, "f": 1.5, "ok": true, "none": null, "list": [1, "a", {}]}}\n',
    );
  });

  it('joins the tool names with a comma and a space', () => {
    expect(toolNames(TOOLS)).toBe('weather_for_sky, time_for_clock');
  });

  it('rejects a tool without a string Name with a UserError', () => {
    expect(() => toolNames([{ function: 'f' }])).toThrow(UserError);
  });

  it('serializes a description cut by code points with whole surrogate pairs', () => {
    const description = `ab😀${'c'.repeat(10)}`;
    const cut = firstCodePoints(description, 3);
    expect(codePointLength(cut)).toBe(3);
    expect(renderDoc([{ Name: 'n', function: cut }])).toBe('{"Name": "n", "function": "ab\\ud83d\\ude00"}\n');
    expect(renderDoc([{ Name: 'n', function: lastCodePoints(`😀${'z'.repeat(3)}`, 4) }])).toBe(
      '{"Name": "n", "function": "\\ud83d\\ude00zzz"}\n',
    );
  });
});

describe('renderHistory', () => {
  it('renders each turn with its role prefix, ending all but observations with </s>', () => {
    expect(renderHistory(HISTORY)).toBe(
      'user: Weather in Paris?</s>' +
        'assistant: I should call the weather API.\n Next: caller.</s>' +
        'caller: Action: weather_for_sky\nAction Input: {"city": "Paris"}</s>' +
        'observation: {"temp": 21}' +
        'assistant: It is 21 degrees. Next: conclusion.</s>' +
        'conclusion: It is 21 degrees in Paris.</s>',
    );
  });

  it('renders an empty history as an empty string', () => {
    expect(renderHistory([])).toBe('');
  });
});

describe('renderBackboneHistory', () => {
  it('merges a planner turn with the caller or conclusion turn after it, dropping the tag', () => {
    expect(renderBackboneHistory(HISTORY)).toBe(
      'user: Weather in Paris?</s>' +
        'assistant: I should call the weather API.\nAction: weather_for_sky\nAction Input: {"city": "Paris"}</s>' +
        'observation: {"temp": 21}' +
        'assistant: It is 21 degrees.\nconclusion: It is 21 degrees in Paris.</s>',
    );
  });

  it('checks the give-up tag first, even when a caller turn follows', () => {
    const turns: Turn[] = [
      { from: 'assistant', value: '  Cannot do it. Next: give up.  ' },
      { from: 'caller', value: 'Action: x\nAction Input: {}' },
    ];
    expect(renderBackboneHistory(turns)).toBe('assistant: Cannot do it.\nconclusion: give up.</s>');
  });

  it('keeps any other planner turn unchanged and unstripped', () => {
    const turns: Turn[] = [
      { from: 'assistant', value: ' Thinking aloud. ' },
      { from: 'user', value: 'go on' },
      { from: 'assistant', value: ' Still thinking. Next: caller. ' },
    ];
    expect(renderBackboneHistory(turns)).toBe(
      'assistant:  Thinking aloud. </s>user: go on</s>assistant:  Still thinking. Next: caller. </s>',
    );
  });

  it('removes every occurrence of the tag and strips Python whitespace', () => {
    const turns: Turn[] = [
      { from: 'assistant', value: '\u3000Next: caller. A Next: caller.\n' },
      { from: 'caller', value: 'Action: a' },
    ];
    expect(renderBackboneHistory(turns)).toBe('assistant: A\nAction: a</s>');
  });

  it('does not render caller or conclusion turns that no planner turn precedes', () => {
    const turns: Turn[] = [
      { from: 'caller', value: 'Action: a' },
      { from: 'conclusion', value: 'done' },
      { from: 'observation', value: 'obs' },
    ];
    expect(renderBackboneHistory(turns)).toBe('observation: obs');
  });
});

describe('fillTemplate', () => {
  it("keeps $&, $', $` and $$ in the replacements literally", () => {
    const doc = "costs $$5, $& and $' and $` here\n";
    expect(fillTemplate('[{doc}]', { doc })).toBe(`[${doc}]`);
    expect(plannerInput([{ Name: 'a', function: "$& $$ $' $`" }], [])).toContain(
      '"function": "$& $$ $\' $`"',
    );
  });

  it('replaces a {history} literal inside the doc with the history, as the reference did', () => {
    const tools: JsonObject[] = [{ Name: 'a', function: 'see {history} here' }];
    const history: Turn[] = [{ from: 'user', value: 'hi' }];
    expect(plannerInput(tools, history)).toContain('"function": "see user: hi</s> here"');
  });

  it('fills the slots in the order doc, tool_names, thought, history', () => {
    const text = fillTemplate('{doc}|{thought}', {
      doc: '{tool_names}{history}',
      toolNames: 'N',
      thought: '{history}',
      history: 'H',
    });
    expect(text).toBe('NH|H');
  });

  it('leaves the placeholder of a slot that is not given untouched', () => {
    expect(fillTemplate('{doc}{thought}', { doc: 'D' })).toBe('D{thought}');
  });

  it('replaces every occurrence of a placeholder', () => {
    expect(fillTemplate('{history}-{history}', { history: 'h' })).toBe('h-h');
  });
});

describe('model inputs', () => {
  const plannerHistory = HISTORY.slice(0, 4);
  const callerHistory = HISTORY.slice(0, 2);
  const summarizerHistory = HISTORY.slice(0, 5);

  it('renders the planner input as the filled template plus " assistant: "', () => {
    expect(plannerInput(TOOLS, plannerHistory)).toBe(
      `You have assess to the following apis:\n${DOC}\nThe conversation history is:\n${renderHistory(plannerHistory)}\n` +
        "You are the assistant to plan what to do next and whether is caller's or conclusion's turn to answer.\n" +
        'Answer with a following format:\n' +
        'The thought of the next step, followed by Next: caller or conclusion or give up. assistant: ',
    );
  });

  it('renders the caller input with the last planner turn as the thought', () => {
    const input = callerInput(TOOLS, callerHistory);
    expect(input).toBe(
      `You have assess to the following apis:\n${DOC}\nThe conversation history is:\n${renderHistory(callerHistory)}\n` +
        'The thought of this step is:\nI should call the weather API.\n Next: caller.\n' +
        'Base on the thought make an api call in the following format:\n' +
        'Action: the name of api that should be called in this step, should be exactly in [weather_for_sky, time_for_clock],\n' +
        'Action Input: the api call request. caller: ',
    );
  });

  it('refuses a caller history that does not end with a planner turn', () => {
    expect(() => callerInput(TOOLS, HISTORY.slice(0, 1))).toThrow(UserError);
    expect(() => callerInput(TOOLS, [])).toThrow(/planner/);
  });

  it('renders the summarizer input from the history only, plus " conclusion: "', () => {
    expect(summarizerInput(TOOLS, summarizerHistory)).toBe(
      `Make a conclusion based on the conversation history:\n${renderHistory(summarizerHistory)} conclusion: `,
    );
  });

  it('renders the backbone input with its trailing newline before " assistant: "', () => {
    const input = backboneInput(TOOLS, plannerHistory);
    expect(
      input.startsWith(`You have assess to the following apis:\n${DOC}\nThe conversation history is:\n`),
    ).toBe(true);
    expect(input).toContain(renderBackboneHistory(plannerHistory));
    expect(input.endsWith('give up if you think you cannot answer this question.\n assistant: ')).toBe(true);
  });

  it('prepends "system: " only when asked to', () => {
    const plain = plannerInput(TOOLS, plannerHistory);
    expect(plannerInput(TOOLS, plannerHistory, { systemPrefix: true })).toBe(`system: ${plain}`);
    expect(plannerInput(TOOLS, plannerHistory, { systemPrefix: false })).toBe(plain);
    expect(renderModelInput('caller', TOOLS, callerHistory, { systemPrefix: true })).toBe(
      `system: ${callerInput(TOOLS, callerHistory)}`,
    );
  });

  it('dispatches renderModelInput on the role', () => {
    expect(renderModelInput('planner', TOOLS, plannerHistory)).toBe(plannerInput(TOOLS, plannerHistory));
    expect(renderModelInput('caller', TOOLS, callerHistory)).toBe(callerInput(TOOLS, callerHistory));
    expect(renderModelInput('summarizer', TOOLS, summarizerHistory)).toBe(
      summarizerInput(TOOLS, summarizerHistory),
    );
    expect(renderModelInput('backbone', TOOLS, plannerHistory)).toBe(backboneInput(TOOLS, plannerHistory));
  });

  it('keeps the templates free of a trailing newline except the backbone one', () => {
    for (const template of [PLANNER_TEMPLATE, CALLER_TEMPLATE, SUMMARIZER_TEMPLATE]) {
      expect(template.endsWith('\n')).toBe(false);
    }
    expect(BACKBONE_TEMPLATE.endsWith('.\n')).toBe(true);
  });
});

describe('reference fixtures', () => {
  const BACKBONE_COPIED_INPUTS = new Set([6, 31, 36, 41, 60, 74]);
  const BACKBONE_SUFFIX =
    'Once you think the question is finished, output conclusion: the final answer of the question or give up ' +
    'if you think you cannot answer this question.\n assistant: ';

  it.each(['planner', 'caller', 'summarizer'] as const)('reproduces every %s input byte for byte', (role) => {
    const samples = loadSamples(role);
    expect(samples.length).toBeGreaterThan(0);
    for (const [index, sample] of samples.entries()) {
      expect(renderModelInput(role, sample.tools, sample.history), `${role} sample ${index}`).toBe(
        sample.input,
      );
    }
  });

  it('has the documented sample counts', () => {
    expect(loadSamples('planner')).toHaveLength(79);
    expect(loadSamples('caller')).toHaveLength(59);
    expect(loadSamples('summarizer')).toHaveLength(14);
    expect(loadSamples('backbone')).toHaveLength(79);
  });

  it('reproduces every backbone input byte for byte except the six the reference copied', () => {
    const samples = loadSamples('backbone');
    for (const [index, sample] of samples.entries()) {
      if (BACKBONE_COPIED_INPUTS.has(index)) continue;
      expect(backboneInput(sample.tools, sample.history), `backbone sample ${index}`).toBe(sample.input);
    }
  });

  it('shows the six mismatching backbone inputs are copies of the sample before them', () => {
    const samples = loadSamples('backbone');
    for (const index of BACKBONE_COPIED_INPUTS) {
      const sample = samples[index] as Sample;
      const previous = samples[index - 1] as Sample;
      const rendered = backboneInput(sample.tools, sample.history);
      expect(sample.target.endsWith('\nconclusion: give up.'), `backbone sample ${index}`).toBe(true);
      expect(sample.input, `backbone sample ${index}`).toBe(previous.input);
      expect(rendered, `backbone sample ${index}`).not.toBe(sample.input);
      expect(rendered.endsWith(BACKBONE_SUFFIX), `backbone sample ${index}`).toBe(true);
      expect(rendered, `backbone sample ${index}`).toContain(renderBackboneHistory(sample.history));
    }
  });
});
