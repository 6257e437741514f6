import { describe, expect, it } from 'vitest';
import { deriveSamples } from '../eval/training-samples.ts';
import { scriptedChainRun } from '../testing/agent-test-kit.ts';
import { parseRunFile, runToFile, trajectoryToDialogue, trajectoryToSamples } from './run-export.ts';
import { recordFromStart } from './run-record.ts';

describe('exporting and importing runs', () => {
  it('reads back an exported run as the same record', async () => {
    const record = recordFromStart((await scriptedChainRun()).trajectory);
    const parsed = parseRunFile(JSON.stringify(runToFile(record)));
    expect(parsed).toEqual({ run: record });
  });

  it('writes a finished run as a ToolBench dialogue and as the GLPFT samples of SPEC §7', async () => {
    const trajectory = (await scriptedChainRun()).trajectory;
    const dialogue = trajectoryToDialogue(trajectory);
    expect(dialogue.instruction).toBe('Weather in Oslo?');
    expect(dialogue.conversations.map((turn) => turn.from)).toEqual([
      'user',
      'assistant',
      'caller',
      'observation',
      'assistant',
      'caller',
      'observation',
      'assistant',
      'conclusion',
    ]);
    const samples = trajectoryToSamples(trajectory);
    expect(samples).toEqual(deriveSamples([dialogue], { systemPrefix: true }));
    expect([
      samples.planner.length,
      samples.caller.length,
      samples.summarizer.length,
      samples.backbone.length,
    ]).toEqual([3, 2, 1, 3]);
    expect(samples.caller[0]?.target).toBe('Action: search_city\nAction Input: {"name": "Oslo"}');
  });

  it('leaves out the backbone sample of a planner turn the run never completed', async () => {
    const trajectory = (await scriptedChainRun()).trajectory;
    trajectory.turns.push({ from: 'assistant', value: 'One more. Next: caller.' });
    const samples = trajectoryToSamples(trajectory);
    expect([samples.planner.length, samples.backbone.length]).toEqual([4, 3]);
  });

  it('refuses files that are not umi runs, with what to do', () => {
    expect(parseRunFile('not json')).toMatchObject({ problem: expect.stringMatching(/not JSON/) });
    expect(parseRunFile('{"tools": []}')).toMatchObject({ problem: expect.stringMatching(/Export JSON/) });
    expect(parseRunFile('{"format": "umi-run", "version": 99, "run": {}}')).toMatchObject({
      problem: expect.stringMatching(/newer umi/),
    });
    expect(parseRunFile('{"format": "umi-run", "version": 1, "run": {"id": "x"}}')).toMatchObject({
      problem: expect.stringMatching(/incomplete/),
    });
  });
});
