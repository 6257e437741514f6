import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError, UserError } from '../../agent/errors.ts';
import { GREEDY } from '../../engines/engine.ts';
import { EVAL_MAX_TOKENS, runStep } from '../../eval/step-runner.ts';
import { extractSteps } from '../../eval/steps.ts';
import { fixtureModelsDir } from '../../testing/fixture-models.ts';
import { loadRoleModels, parseRolesMode } from './role-models.ts';

describe('loadRoleModels', { timeout: 60_000 }, () => {
  it('loads a verified llama.cpp engine per α-UMi role, named and set up as the manifest says', async () => {
    const dir = await fixtureModelsDir();
    const models = await loadRoleModels({ dir, mode: 'alpha-umi', engine: 'node-llama-cpp' });
    try {
      expect(models.models.map((model) => `${model.role} ${model.id}`)).toEqual([
        'planner tiny-planner',
        'caller tiny-caller',
        'summarizer tiny-summarizer',
      ]);
      expect(models.notice).toBe('Random test models: they know nothing.');
      expect(models.systemPrefix).toBe(true);
      const roles = models.roles;
      if (!('planner' in roles)) throw new Error('expected α-UMi roles');
      expect(roles.caller.kind).toBe('node-llama-cpp');
      expect(roles.caller.capabilities).toMatchObject({ grammar: true, contextLength: 512 });
      const tools = [{ Name: 'hi_for_x', function: 'Hi.', input: {} }];
      const dialogue = { tools, instruction: 'hi', conversations: [] };
      const [step] = extractSteps([
        {
          ...dialogue,
          conversations: [
            { from: 'user', value: 'hi' },
            { from: 'assistant', value: 'Next: caller.' },
            { from: 'caller', value: 'Action: hi_for_x\nAction Input: {}' },
          ],
        },
      ]);
      const outcome = await runStep(step ?? expect.fail('no step'), {
        roles,
        systemPrefix: true,
        sampling: GREEDY,
        maxTokens: { ...EVAL_MAX_TOKENS, planner: 8, caller: 8 },
        plannerAttempts: 1,
        now: Date.now,
      });
      expect(outcome.generations.planner?.promptTokens).toBeGreaterThan(100);
    } finally {
      await models.close();
    }
    expect(models.engines.every((engine) => !engine.loaded)).toBe(true);
  });

  it('refuses a model file whose bytes differ from the manifest, naming the model, before loading any', async () => {
    const dir = await fixtureModelsDir();
    await appendFile(join(dir, 'tiny.gguf'), 'x');
    const loading = loadRoleModels({ dir, mode: 'backbone', engine: 'node-llama-cpp' });
    await expect(loading).rejects.toThrow(EngineError);
    await expect(loadRoleModels({ dir, mode: 'backbone', engine: 'node-llama-cpp' })).rejects.toThrow(
      /tiny-backbone/,
    );
  });

  it('refuses an unknown engine and a folder without a manifest, saying what to pass', async () => {
    const dir = await fixtureModelsDir();
    await expect(loadRoleModels({ dir, mode: 'backbone', engine: 'webllm' })).rejects.toThrow(
      'Unknown --engine "webllm"; use one of: node-llama-cpp, openai.',
    );
    await expect(
      loadRoleModels({ dir: join(dir, 'none'), mode: 'backbone', engine: 'node-llama-cpp' }),
    ).rejects.toThrow(/--models/);
  });
});

describe('parseRolesMode', () => {
  it('defaults to α-UMi and refuses anything but alpha-umi or backbone', () => {
    expect(parseRolesMode(undefined)).toBe('alpha-umi');
    expect(parseRolesMode('backbone')).toBe('backbone');
    expect(() => parseRolesMode('trio')).toThrow(UserError);
  });
});
