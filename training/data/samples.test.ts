import { describe, expect, it } from 'vitest';
import { renderModelInput } from '../../src/agent/alpha-umi-prompts.ts';
import { isJsonObject } from '../../src/agent/json.ts';
import { parseBackboneOutput, parseCallerOutput } from '../../src/agent/output-parsers.ts';
import { parsePythonJson } from '../../src/agent/python-json-parse.ts';
import document from '../../src/demo-api/openapi.json' with { type: 'json' };
import { deriveSamples, ROLES } from '../../src/eval/training-samples.ts';
import { validateArguments } from '../../src/tools/execute/validate-arguments.ts';
import { importOpenApi } from '../../src/tools/import/openapi-import.ts';
import { dialoguesOf } from './dataset.ts';
import { smallDataset } from './test-dataset.ts';

const ROLE_OF_TURN = {
  assistant: ['planner', 'backbone'],
  caller: ['caller'],
  conclusion: ['summarizer'],
} as const;

describe('the per-role training samples', () => {
  it('have exactly the renderers’ input for each turn’s history, in order, with the system: prefix as set', async () => {
    const dataset = await smallDataset();
    const dialogues = dialoguesOf(dataset.splits.train);
    for (const systemPrefix of [true, false]) {
      const samples = systemPrefix ? dataset.samples : deriveSamples(dialogues, { systemPrefix });
      const next = { planner: 0, caller: 0, summarizer: 0, backbone: 0 };
      for (const { tools, conversations } of dialogues) {
        conversations.forEach((turn, index) => {
          const roles = turn.from in ROLE_OF_TURN ? ROLE_OF_TURN[turn.from as keyof typeof ROLE_OF_TURN] : [];
          for (const role of roles) {
            const sample = samples[role][next[role]++];
            const expected = renderModelInput(role, tools, conversations.slice(0, index), { systemPrefix });
            expect(sample?.input).toBe(expected);
            if (role !== 'backbone') expect(sample?.target).toBe(turn.value);
          }
        });
      }
      for (const role of ROLES) expect(next[role], role).toBe(samples[role].length);
      for (const role of ROLES) {
        expect(samples[role].every((sample) => sample.input.startsWith('system: ') === systemPrefix)).toBe(
          true,
        );
      }
    }
  });

  it('name an existing tool in every caller target, with an Action Input that parses and validates', async () => {
    const dataset = await smallDataset();
    const { tools } = await importOpenApi(
      { text: JSON.stringify(document), url: 'http://127.0.0.1/demo-api/' },
      { fetch },
    );
    for (const sample of dataset.samples.caller) {
      const { action, actionInput } = parseCallerOutput(sample.target);
      const tool = tools.find((candidate) => candidate.name === action);
      expect(tool, action).toBeDefined();
      const parsed = parsePythonJson(actionInput);
      expect(parsed.ok && isJsonObject(parsed.value), actionInput).toBe(true);
      if (tool !== undefined && parsed.ok && isJsonObject(parsed.value)) {
        expect(validateArguments(tool, parsed.value), sample.target).toBeUndefined();
      }
    }
  });

  it('give the backbone the thought plus the action, the answer or give up (SPEC §7)', async () => {
    const dataset = await smallDataset();
    const kinds = new Set<string>();
    for (const sample of dataset.samples.backbone) {
      const parsed = parseBackboneOutput(sample.target);
      kinds.add(parsed.type);
      expect(sample.target).not.toContain('Next:');
      if (parsed.type === 'call') expect(sample.target).toMatch(/^[^\n]+\nAction: \w+\nAction Input: \{/);
      else expect(sample.target).toMatch(/^[^\n]+\nconclusion: /);
    }
    expect(kinds).toEqual(new Set(['call', 'finish', 'give-up']));
  });
});
