import { resolve } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import type { Engine } from '../../engines/engine.ts';
import { NodeLlamaEngine } from '../../engines/node-llama/node-llama-engine.ts';
import { OpenAiEngine } from '../../engines/openai/openai-engine.ts';
import type { RemoteModels } from './remote-options.ts';

/** `--judge` usage. */
export const JUDGE_USAGE = `  --judge <engine>            also judge each live run (with --e2e): ToolEval-style pass rate from a judge
                              model, node-llama-cpp:<file.gguf> or openai:<model>@<url> (--api-key applies);
                              the number depends on the judge and is labelled so
`;

/** The judge model named by `--judge`, loaded; a UserError when the spec is not one. */
export async function loadJudgeEngine(spec: string, remote: RemoteModels): Promise<Engine> {
  const [kind, rest = ''] = spec.split(/:(.*)/s);
  let engine: Engine;
  if (kind === 'node-llama-cpp' && rest !== '') engine = new NodeLlamaEngine({ modelPath: resolve(rest) });
  else if (kind === 'openai' && /^[^@]+@https?:\/\/.+/.test(rest)) {
    const at = rest.indexOf('@');
    engine = new OpenAiEngine({
      model: rest.slice(0, at),
      baseUrl: rest.slice(at + 1),
      server: remote.server,
      ...(remote.apiKey === undefined ? {} : { apiKey: remote.apiKey }),
    });
  } else
    throw new UserError(
      `--judge "${spec}" is not node-llama-cpp:<file.gguf> or openai:<model>@<url> (e.g. openai:qwen3-8b@http://gpu-box:8000/v1).`,
    );
  await engine.load();
  return engine;
}
