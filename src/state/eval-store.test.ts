import { describe, expect, it } from 'vitest';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { scoreStepsWithCounts } from '../eval/metrics.ts';
import { recordPrediction } from '../eval/step-record.ts';
import { extractSteps } from '../eval/steps.ts';
import {
  WEATHER_DIALOGUES as DIALOGUES,
  WEATHER_FILE as FILE,
  evalTestWorld as setup,
} from '../testing/eval-test-world.ts';
import { predictionsJsonl, runToJson, runVerdicts } from './eval-run.ts';

describe('the eval store', () => {
  it("runs the role models on every step of an uploaded file, and its metrics are umi score's on the same predictions", async () => {
    const { evaluation } = await setup();
    await evaluation.getState().uploadDataset('weather.json', new TextEncoder().encode(FILE));
    expect(evaluation.getState().dataset?.dialogues).toHaveLength(3);
    await evaluation.getState().start();
    const [run] = evaluation.getState().runs;
    expect(evaluation.getState().problem).toBe('');
    expect(run?.status).toBe('done');
    expect(run?.models).toEqual({
      planner: 'umi-tiny-planner',
      caller: 'umi-tiny-caller',
      summarizer: 'umi-tiny-summarizer',
    });
    expect(run?.records).toHaveLength(6);
    const steps = extractSteps(DIALOGUES);
    const predictions = predictionsJsonl(run as NonNullable<typeof run>)
      .trim()
      .split('\n')
      .map((line) => recordPrediction(JSON.parse(line)));
    expect(run?.results.metrics).toEqual(scoreStepsWithCounts(steps, predictions).metrics);
    // Lyon is right everywhere; Oslo and Porto get Lyon's arguments and answer.
    expect(run?.results.metrics.plan_acc).toBe(100);
    expect(run?.results.metrics.action_em).toBe(100);
    expect(runVerdicts(run as NonNullable<typeof run>).map((verdict) => verdict.kind)).toEqual([
      'right',
      'answer',
      'arguments',
      'answer',
      'arguments',
      'answer',
    ]);
    const exported = runToJson(run as NonNullable<typeof run>);
    expect(exported).toMatchObject({ format: 'umi-eval-run', status: 'done', steps_planned: 6 });
    expect(exported.metrics).toEqual(run?.results.metrics);
  });

  it('reads a gzipped test set of the catalog, and evaluates only the first dialogues when limited', async () => {
    const { evaluation } = await setup();
    await evaluation.getState().loadCatalog();
    expect(evaluation.getState().datasets.map((entry) => entry.id)).toContain('reference-out-of-domain');
    // A catalog entry pointing at our gzipped file.
    evaluation.setState({
      datasets: [
        { id: 'w', label: 'Weather', file: 'fixtures/weather.json.gz', description: 'd', source: 's' },
      ],
    });
    await evaluation.getState().chooseDataset('w');
    expect(evaluation.getState().dataset?.label).toBe('Weather');
    evaluation.getState().setLimit(1);
    await evaluation.getState().start();
    const run = evaluation.getState().runs[0];
    expect(run?.dataset).toMatchObject({ dialogues: 1, totalDialogues: 3 });
    expect(run?.records).toHaveLength(2);
  });

  it('stops between generations: the run is kept as stopped with the steps it finished', async () => {
    const { evaluation, agent } = await setup({ tokenDelayMs: 5 });
    await evaluation.getState().uploadDataset('weather.json', new TextEncoder().encode(FILE));
    const running = evaluation.getState().start();
    await new Promise<void>((resolve) => {
      const stop = evaluation.subscribe((state) => {
        if ((state.runs[0]?.records.length ?? 0) >= 1) {
          stop();
          resolve();
        }
      });
    });
    expect(agent.getState().claimedBy).toBe('an evaluation');
    expect(await agent.getState().run('Weather in Lyon?')).toBeUndefined();
    expect(agent.getState().problem).toMatch(/busy with an evaluation: stop it first/);
    evaluation.getState().stop();
    await running;
    const run = evaluation.getState().runs[0];
    expect(run?.status).toBe('stopped');
    expect(run?.records.length).toBeGreaterThanOrEqual(1);
    expect(run?.records.length).toBeLessThan(6);
    expect(run?.results.metrics.steps).toBe(run?.records.length);
    expect(agent.getState().claimedBy).toBe('');
  });

  it('says what is wrong with a file that is not a test set, and keeps the one loaded before', async () => {
    const { evaluation } = await setup();
    await evaluation.getState().uploadDataset('weather.json', new TextEncoder().encode(FILE));
    await evaluation.getState().uploadDataset('notes.txt', new TextEncoder().encode('hello'));
    expect(evaluation.getState().problem).toMatch(/^notes\.txt is not valid JSON/);
    await evaluation.getState().uploadDataset('empty.json', new TextEncoder().encode('[]'));
    expect(evaluation.getState().problem).toMatch(/empty\.json has no planner steps/);
    expect(evaluation.getState().dataset?.label).toBe('weather.json');
    await evaluation.getState().start();
    expect(evaluation.getState().runs).toHaveLength(1);
  });

  it('asks for a test set before starting, and refuses role models that use the chat prompts', async () => {
    const { evaluation, agent } = await setup();
    await evaluation.getState().start();
    expect(evaluation.getState().problem).toBe('Choose a test set (or upload one) first.');
    await evaluation.getState().uploadDataset('weather.json', new TextEncoder().encode(FILE));
    const engine = new ScriptedEngine({ modelId: 'qwen', responses: () => '' });
    agent.getState().useExternalRoles({
      label: 'GPU',
      roles: { planner: engine, caller: engine, summarizer: engine },
      profile: { kind: 'chat' },
    });
    await evaluation.getState().start();
    expect(evaluation.getState().problem).toMatch(
      /chat prompts; the evaluation replays α-UMi's own prompt format/,
    );
    expect(evaluation.getState().runs).toHaveLength(0);
    expect(agent.getState().claimedBy).toBe('');
  });
});
