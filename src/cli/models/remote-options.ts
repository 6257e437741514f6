import { UserError } from '../../agent/errors.ts';
import type { ModelRole } from '../../catalog/model-manifest.ts';
import type { ServerKind } from '../../engines/openai/openai-engine.ts';

/** Where the role models are served when `--engine openai`. */
export interface RemoteModels {
  /** The default API root for every role, e.g. `http://gpu-box:8000/v1`. */
  baseUrl: string | undefined;
  /** Per role: the served model's name and, optionally, an API root of its own. */
  roles: Partial<Record<ModelRole, { model?: string; baseUrl?: string }>>;
  apiKey: string | undefined;
  server: ServerKind;
  /** The α-UMi prompts' `system: ` prefix (SPEC §3); the manifest's choice when absent. */
  systemPrefix: boolean | undefined;
}

/** The command-line options of the remote engine, shared by `run` and `eval`. */
export const REMOTE_OPTIONS = {
  'base-url': { type: 'string' },
  model: { type: 'string', multiple: true },
  'api-key': { type: 'string' },
  server: { type: 'string' },
  'system-prefix': { type: 'boolean' },
} as const;

/** Their usage lines. */
export const REMOTE_USAGE = `  with --engine openai (an OpenAI-compatible server: vLLM, llama.cpp's server, Ollama, umi serve):
  --base-url <url>            the API root for every role, e.g. http://gpu-box:8000/v1
  --model <role>=<name>[@<url>]  the served model for a role (repeatable; default: the manifest's id
                              in --models, which is what umi serve serves); @<url>: its own server
  --api-key <key>             sent as a bearer token (or set UMI_API_KEY, which keeps it out of shell history)
  --server llama.cpp|vllm|generic  which request fields carry grammars (default llama.cpp; generic: none)
  --no-system-prefix          α-UMi prompts without the "system: " prefix (default: the manifest's choice, else on)
`;

const ROLES: readonly ModelRole[] = ['planner', 'caller', 'summarizer', 'backbone'];
const SERVERS: readonly ServerKind[] = ['llama.cpp', 'vllm', 'generic'];

/** Reads the remote options; a UserError naming the bad one. */
export function parseRemoteOptions(
  values: {
    'base-url'?: string;
    model?: string[];
    'api-key'?: string;
    server?: string;
    'system-prefix'?: boolean;
  },
  environment: Record<string, string | undefined> = process.env,
): RemoteModels {
  const roles: RemoteModels['roles'] = {};
  for (const item of values.model ?? []) {
    const match = /^(planner|caller|summarizer|backbone)=([^@]+)(?:@(.+))?$/.exec(item);
    if (match === null)
      throw new UserError(
        `--model "${item}" is not <role>=<name>[@<url>]; roles: ${ROLES.join(', ')} (e.g. --model planner=alpha-umi-planner-7b).`,
      );
    const [, role, model, baseUrl] = match as unknown as [string, ModelRole, string, string | undefined];
    roles[role] = { model, ...(baseUrl === undefined ? {} : { baseUrl: checkUrl(baseUrl, '--model') }) };
  }
  const server = (values.server ?? 'llama.cpp') as ServerKind;
  if (!SERVERS.includes(server))
    throw new UserError(`--server takes ${SERVERS.join(', ')}, not "${values.server}".`);
  return {
    baseUrl: values['base-url'] === undefined ? undefined : checkUrl(values['base-url'], '--base-url'),
    roles,
    apiKey: values['api-key'] ?? environment.UMI_API_KEY,
    server,
    systemPrefix: values['system-prefix'],
  };
}

function checkUrl(text: string, option: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href.replace(/\/+$/, '');
  } catch {}
  throw new UserError(`${option}: "${text}" is not an http(s) URL (e.g. http://127.0.0.1:8080/v1).`);
}
