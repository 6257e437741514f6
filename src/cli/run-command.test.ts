import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Trajectory } from '../agent/trajectory.ts';
import type { ScriptedRequest } from '../engines/scripted/scripted-engine.ts';
import { fakeIo, lastLine } from '../testing/fake-cli-io.ts';
import { fixtureModelsDir } from '../testing/fixture-models.ts';
import { scriptedRoleModels } from '../testing/scripted-role-models.ts';
import { type AgentTools, loadAgentTools } from './agent-tools.ts';
import type { RoleModels } from './models/role-models.ts';
import { createRunCommand } from './run-command.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const opened: AgentTools[] = [];
afterAll(() => Promise.all(opened.map((tools) => tools.close())));

/** The demo tools, with the demo server closed after the test file. */
async function demoTools(openapi?: string): Promise<AgentTools> {
  const tools = await loadAgentTools(openapi);
  opened.push(tools);
  return { ...tools, close: async () => undefined };
}

function command(models: RoleModels) {
  return createRunCommand({ loadModels: async () => models, loadTools: demoTools, now: Date.now });
}

/** A planner that calls once, then concludes; a caller that writes `call`; a summarizer that quotes the observation. */
const oneCall = (call: string) =>
  scriptedRoleModels({
    planner: ({ prompt }: ScriptedRequest) =>
      prompt.includes('observation: ')
        ? 'I have the answer. Next: conclusion.'
        : 'Call the API. Next: caller.',
    caller: () => call,
    summarizer: ({ prompt }: ScriptedRequest) =>
      `Seen: ${prompt.slice(prompt.lastIndexOf('observation: ') + 13, prompt.lastIndexOf('assistant: '))}`,
  });

describe('umi run', () => {
  it('prints the notice, then each step (thought, action and input, request and observation) and the answer', async () => {
    const io = fakeIo();
    const models = await oneCall('Action: searchcities_for_demo\nAction Input: {"name": "Lyon"}');
    expect(await command(models)(['How many people live in Lyon?'], io)).toBe(0);
    expect(io.err.join('')).toBe('note: Scripted models for tests.\n');
    const text = io.out.join('');
    expect(text).toMatch(
      /^task {8}How many people live in Lyon\?\ntools {7}demo \(9 operations\) from http:/,
    );
    expect(text).toContain('planner     Call the API. Next: caller.\n');
    expect(text).toContain(
      'caller      Action: searchcities_for_demo\n            Action Input: {"name": "Lyon"}\n',
    );
    expect(text).toMatch(/tool {8}GET http:\/\/127\.0\.0\.1:\d+\/demo-api\/cities\?name=Lyon → 200\n/);
    expect(text).toMatch(/observation \[\{"id": \d+, "name": "Lyon"/);
    expect(text).toMatch(/answer {6}Seen: \[\{"id": \d+, "name": "Lyon"/);
    expect(text).toMatch(/\(answered, 5 steps, [\d.]+ s\)\n$/);
  });

  it('denies a call that changes data without --yes, and says how to allow it', async () => {
    const io = fakeIo();
    const models = await oneCall('Action: createtodo_for_demo\nAction Input: {"text": "Buy milk"}');
    await command(models)(['Add buy milk to my todos'], io);
    const text = io.out.join('');
    expect(text).toContain('The user did not allow POST /demo-api/todos');
    expect(text).toContain('denied: this call changes data; add --yes to allow such calls');
  });

  it('sends a call that changes data with --yes', async () => {
    const io = fakeIo();
    const models = await oneCall('Action: createtodo_for_demo\nAction Input: {"text": "Buy milk"}');
    await command(models)(['Add buy milk to my todos', '--yes'], io);
    const text = io.out.join('');
    expect(text).toMatch(/tool {8}POST http:\/\/127\.0\.0\.1:\d+\/demo-api\/todos → 201/);
    expect(text).not.toContain('denied');
  });

  it('with --json prints only the trajectory, as one line', async () => {
    const io = fakeIo();
    const models = await scriptedRoleModels({
      planner: () => 'Nothing fits. Next: give up.',
      caller: () => '',
      summarizer: () => '',
    });
    expect(await command(models)(['Book a flight', '--json'], io)).toBe(0);
    expect(io.out).toHaveLength(1);
    const trajectory = JSON.parse(lastLine(io.out.join(''))) as Trajectory;
    expect(trajectory).toMatchObject({ status: 'gave-up', mode: 'alpha-umi' });
    expect(trajectory.turns[0]).toEqual({ from: 'user', value: 'Book a flight' });
  });

  it('asks for a task in quotes when none is given', async () => {
    const models = await scriptedRoleModels({ backbone: () => '' });
    await expect(command(models)([], fakeIo())).rejects.toThrow(/Give the task in quotes/);
  });

  it('exits 1 with the error on screen when the run fails', async () => {
    const io = fakeIo();
    const models = await scriptedRoleModels({ backbone: () => '' }, { contextLength: 10 });
    expect(await command(models)(['Weather in Lyon?', '--roles', 'backbone'], io)).toBe(1);
    expect(io.out.join('')).toMatch(/error {7}The prompt has \d+ tokens; the context holds 10\./);
  });
});

describe('umi run (spawned, real llama.cpp on a random model)', () => {
  it('loads the models of --models and runs the planner on the API of --openapi', async () => {
    const models = await fixtureModelsDir();
    const api = join(models, 'api.json');
    const operation = { operationId: 'hi', summary: 'Hi.', responses: { 200: { description: 'ok' } } };
    const document = {
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      servers: [{ url: 'http://127.0.0.1:9' }],
      paths: { '/hi': { get: operation } },
    };
    await writeFile(api, JSON.stringify(document));
    const result = spawnSync(
      'npx',
      ['tsx', 'src/cli/main.ts', 'run', 'hi', '--models', models, '--openapi', api, '--json'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    const trajectory = JSON.parse(lastLine(result.stdout)) as Trajectory;
    expect(trajectory.tools).toEqual([{ Name: 'hi_for_x', function: 'Hi.', input: {} }]);
    expect(trajectory.steps[0]).toMatchObject({ type: 'model', role: 'planner', modelId: 'tiny-planner' });
    expect(result.stderr).toContain('note: Random test models: they know nothing.');
  }, 90_000);
});
