import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../agent/errors.ts';
import type { JsonObject } from '../agent/json.ts';
import { startDemoServer } from '../demo-api/demo-server.ts';
import type { ScriptedRequest } from '../engines/scripted/scripted-engine.ts';
import { ScriptedEngine } from '../engines/scripted/scripted-engine.ts';
import { fakeIo, lastLine } from '../testing/fake-cli-io.ts';
import { scriptedRoleModels } from '../testing/scripted-role-models.ts';
import { importOpenApi } from '../tools/import/openapi-import.ts';
import { createEvalCommand } from './eval-command.ts';
import type { RoleModels } from './models/role-models.ts';

let docs: JsonObject[];
let lyon: { name: string; country: string; population: number };
let dataDir: string;
let data: string;

/** The last observation of a rendered prompt (observations have no `</s>`: the next turn follows). */
function lastObservation(prompt: string): string {
  const at = prompt.lastIndexOf('observation: ');
  return at === -1 ? '' : prompt.slice(at + 'observation: '.length, prompt.indexOf('assistant: ', at));
}

/** Models that solve the test's three tasks: a city lookup, a todo to complete, a give-up. */
const solving = () =>
  scriptedRoleModels({
    planner: ({ prompt }: ScriptedRequest) => {
      if (prompt.includes('Philips')) return 'None of the APIs can do this. Next: give up.';
      if (prompt.includes('observation: ')) return 'I have the answer. Next: conclusion.';
      return prompt.includes('to-do 65')
        ? 'Mark that todo done. Next: caller.'
        : 'Look up the city. Next: caller.';
    },
    caller: ({ prompt }: ScriptedRequest) =>
      prompt.includes('to-do 65')
        ? 'Action: completetodo_for_demo\nAction Input: {"todo_id": 65}'
        : 'Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}',
    summarizer: ({ prompt }: ScriptedRequest) => {
      const seen = JSON.parse(lastObservation(prompt)) as JsonObject | JsonObject[];
      if (!Array.isArray(seen)) return `Marked "${seen.text}" (id ${seen.id}) as done.`;
      const city = seen[0] ?? {};
      return `${city.name} (${city.country}) has a population of ${city.population}.`;
    },
  });

beforeAll(async () => {
  const server = await startDemoServer();
  try {
    docs = (await importOpenApi({ url: `${server.url}/openapi.json` }, { fetch })).tools.map(
      (tool) => tool.doc,
    );
    lyon = (
      (await (await fetch(`${server.url}/cities?name=Lyon`)).json()) as (typeof lyon)[]
    )[0] as typeof lyon;
  } finally {
    await server.close();
  }
  const city = JSON.stringify([lyon]).replaceAll('":', '": ').replaceAll(',"', ', "');
  const todo = '{"id": 65, "text": "Bake bread", "due": null, "done": true}';
  const dialogues = [
    ['How many people live in Lyon?', 'Look up the city.', 'searchcities_for_demo', '{"name": "Lyon"}', city],
    ['Tick off to-do 65.', 'Mark that todo done.', 'completetodo_for_demo', '{"todo_id": 65}', todo],
  ].map(([ask, thought, action, input, observation]) => ({
    tools: docs,
    instruction: ask,
    conversations: [
      { from: 'user', value: ask },
      { from: 'assistant', value: `${thought} Next: caller.` },
      { from: 'caller', value: `Action: ${action}\nAction Input: ${input}` },
      { from: 'observation', value: observation },
      { from: 'assistant', value: 'I have the answer. Next: conclusion.' },
      { from: 'conclusion', value: 'The answer.' },
    ],
  }));
  const ask = 'Where is Philips headquartered?';
  const giveUp = [
    { from: 'user', value: ask },
    { from: 'assistant', value: 'None of the APIs can do this. Next: give up.' },
  ];
  dialogues.push({ tools: docs, instruction: ask, conversations: giveUp });
  const meta = [
    { intent: 'city_population', values: [lyon.name, lyon.country, String(lyon.population)] },
    { intent: 'todo_complete_id', values: ['Bake bread', '65'] },
    { intent: 'give_up', values: [] },
  ];
  dataDir = await mkdtemp(join(tmpdir(), 'umi-eval-data-'));
  data = join(dataDir, 'test-split.json');
  await writeFile(data, JSON.stringify(dialogues));
  await mkdir(join(dataDir, 'meta'));
  await writeFile(
    join(dataDir, 'meta', 'test-split.jsonl'),
    meta.map((line) => `${JSON.stringify(line)}\n`).join(''),
  );
});

const loaded: RoleModels[] = [];
afterAll(() => Promise.all(loaded.map((models) => models.close())));

/** A judge that says the scripted verdicts in turn, and records what it was shown. */
function scriptedJudge(verdicts: string[]) {
  const judge = new ScriptedEngine({
    modelId: 'scripted-judge',
    responses: verdicts,
    capabilities: { chat: true },
  });
  return judge;
}

function command(models: RoleModels, judge: ScriptedEngine = scriptedJudge([])) {
  let now = 0;
  return createEvalCommand({
    now: () => (now += 5),
    loadModels: async () => models,
    loadJudge: async () => {
      await judge.load();
      return judge;
    },
    tty: false,
  });
}

describe('umi eval', () => {
  it('predicts every step, writes predictions, steps and settings, and prints the metrics table', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-eval-'));
    const io = fakeIo();
    expect(await command(await solving())(['--data', data, '--out', out, '--json'], io)).toBe(0);
    const text = io.out.join('');
    expect(text).toMatch(/^metric\s+value\s+steps\nPlan ACC\s+100\.00\s+5\n/);
    // 5 ms per generation: four steps with two generations, the give-up with one.
    expect(text).toContain('seconds per step: 0.009 (models only, 5 steps)');
    expect(JSON.parse(lastLine(text))).toMatchObject({ plan_acc: 100, action_em: 100, hallu: 0, steps: 5 });
    const stderr = io.err.join('');
    expect(stderr).toContain('note: Scripted models for tests.');
    expect(stderr).toContain("note: the caller's engine cannot follow grammars");
    expect(stderr).toMatch(/steps \[#+\] 5\/5 100\.0%/);
    const steps = (await readFile(join(out, 'steps.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(steps).toHaveLength(5);
    expect(steps[1]).toMatchObject({
      step: 1,
      dialogue: 0,
      turn: 4,
      reference: { plan: 'finish', answer: 'The answer.' },
      prediction: {
        plan: 'finish',
        answer: `Lyon (${lyon.country}) has a population of ${lyon.population}.`,
      },
      raw: { planner: 'I have the answer. Next: conclusion.' },
      latency_ms: { planner: 5, summarizer: 5 },
    });
    expect(steps[1].prompt_tokens.summarizer).toBeGreaterThan(0);
    const record = JSON.parse(await readFile(join(out, 'eval.json'), 'utf8'));
    expect(record.settings).toMatchObject({
      roles: 'alpha-umi',
      systemPrefix: true,
      constrainedCaller: false,
      sampling: { temperature: 0, seed: 0 },
      maxTokens: { planner: 64, caller: 160, summarizer: 192 },
      data: { file: 'test-split.json', dialogues: 3, steps: 5 },
    });
    expect(record.results).toMatchObject({ plan_acc: 100, stepsEvaluated: 5 });
  });

  it('resumes where it stopped: a rerun with a higher limit predicts only the steps not yet made', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-eval-'));
    const first = await solving();
    await command(first)(['--data', data, '--out', out, '--limit', '2'], fakeIo());
    expect(first.engines[0]?.requests).toHaveLength(2);
    const second = await solving();
    const io = fakeIo();
    await command(second)(['--data', data, '--out', out, '--limit', '4'], io);
    expect(second.engines[0]?.requests).toHaveLength(2);
    expect(io.out.join('')).toMatch(/Plan ACC\s+100\.00\s+4/);
    const lines = (await readFile(join(out, 'predictions.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).step)).toEqual([0, 1, 2, 3]);
  });

  it('refuses to resume a folder made with other settings', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-eval-'));
    await command(await solving())(['--data', data, '--out', out, '--limit', '1'], fakeIo());
    const rerun = command(await solving())(['--data', data, '--out', out, '--seed', '3'], fakeIo());
    await expect(rerun).rejects.toThrow(/sampling: recorded .*"seed":0.*now .*"seed":3/);
  });

  it('with --e2e, runs each task live on the demo API and scores the answers against the task values', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-eval-'));
    const io = fakeIo();
    expect(await command(await solving())(['--data', data, '--out', out, '--e2e-only', '--json'], io)).toBe(
      0,
    );
    const text = io.out.join('');
    expect(text).toContain('task success: 100.00 (3/3 tasks');
    expect(text).toMatch(/todo_complete_id\s+1\/1/);
    expect(JSON.parse(lastLine(text))).toMatchObject({ task_success: 100, tasks: 3, tasks_succeeded: 3 });
    const results = (await readFile(join(out, 'e2e.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results[1]).toMatchObject({
      intent: 'todo_complete_id',
      status: 'answered',
      answer: 'Marked "Bake bread" (id 65) as done.',
      missing: [],
      success: true,
      calls: [{ name: 'completetodo_for_demo', ok: true }],
    });
    expect(results[2]).toMatchObject({ expected: 'gave-up', status: 'gave-up', success: true });
  });

  it('with --judge, asks the judge about each live run and prints its pass rate, labelled as judge-dependent', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-eval-'));
    const judge = scriptedJudge(['Solved', 'Unsure', 'no idea']);
    const io = fakeIo();
    const args = [
      '--data',
      data,
      '--out',
      out,
      '--e2e-only',
      '--judge',
      'openai:judge@http://x/v1',
      '--json',
    ];
    expect(await command(await solving(), judge)(args, io)).toBe(0);
    const text = io.out.join('');
    expect(text).toContain(
      'judge pass rate 33.3% (1 of 3 Solved; 1 Unsure, 0 Unsolved, 1 unreadable) by the judge scripted-judge',
    );
    expect(JSON.parse(lastLine(text)).judge).toMatchObject({
      passRate: (1 / 3) * 100,
      runs: 3,
      judge: 'scripted-judge',
    });
    const shown = judge.requests[0];
    expect(shown?.kind).toBe('chat');
    expect(JSON.stringify(shown)).toContain('Final answer:');
    const verdicts = (await readFile(join(out, 'judge.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(verdicts.map((line) => line.verdict)).toEqual(['solved', 'unsure', 'invalid']);
    // A rerun reuses the verdicts: the judge is not asked again.
    const again = scriptedJudge([]);
    expect(await command(await solving(), again)(args, fakeIo())).toBe(0);
    expect(again.requests).toHaveLength(0);
  });

  it('refuses --judge without live runs', async () => {
    await expect(
      command(await solving())(['--data', data, '--judge', 'openai:j@http://x/v1'], fakeIo()),
    ).rejects.toThrow('--judge judges the live runs: add --e2e');
  });

  it('counts a task as failed when the answer misses a value, naming the value', async () => {
    const out = await mkdtemp(join(tmpdir(), 'umi-eval-'));
    const vague = await scriptedRoleModels({
      planner: ({ prompt }) =>
        prompt.includes('observation: ') ? 'Done. Next: conclusion.' : 'Go. Next: caller.',
      caller: () => 'Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}',
      summarizer: () => 'Lyon is a big city.',
    });
    const io = fakeIo();
    await command(vague)(['--data', data, '--out', out, '--e2e-only', '--limit', '1'], io);
    expect(io.out.join('')).toContain('task success: 0.00 (0/1 tasks');
    const result = JSON.parse(await readFile(join(out, 'e2e.jsonl'), 'utf8'));
    expect(result.missing).toEqual([lyon.country, String(lyon.population)]);
  });

  it('reports bad options and a missing metadata file as user errors that say what to pass', async () => {
    const models = await solving();
    await expect(command(models)([], fakeIo())).rejects.toThrow('--data <test.json> is required.');
    await expect(command(models)(['--data', data, '--limit', '0'], fakeIo())).rejects.toThrow(
      '--limit must be a whole number of at least 1',
    );
    const other = join(dataDir, 'other.json');
    await writeFile(other, '[]');
    await expect(command(models)(['--data', other, '--e2e'], fakeIo())).rejects.toThrow(/Pass --meta <file>/);
    await expect(command(models)(['--data', other, '--roles', 'solo'], fakeIo())).rejects.toThrow(UserError);
  });
});
