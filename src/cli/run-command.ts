import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../agent/errors.ts';
import { runAgent } from '../agent/run-agent.ts';
import { alphaUmiProfile } from '../agent/run-options.ts';
import { createHttpExecutor } from '../tools/execute/http-executor.ts';
import { type AgentTools, loadAgentTools } from './agent-tools.ts';
import type { CliCommand, CliIo } from './cli-io.ts';
import { parseRemoteOptions, REMOTE_OPTIONS, REMOTE_USAGE } from './models/remote-options.ts';
import {
  DEFAULT_MODELS_DIR,
  type LoadRoleModelsOptions,
  loadRoleModels,
  parseRolesMode,
  type RoleModels,
} from './models/role-models.ts';
import { formatOutcome, formatStep } from './trajectory-text.ts';

const USAGE = `Usage: npm run --silent umi -- run "<task>" [options]

Runs the agent once and prints each step: planner thought, caller action and input, the API's
observation, the answer.
  --openapi <url|file>        the API to use (default: the demo API, started here on a free port)
  --engine node-llama-cpp|openai  inference engine (default node-llama-cpp; openai: a served model, below)
  --models <dir>              folder with manifest.json and the GGUFs (default: the embedded models)
  --roles alpha-umi|backbone  the three role models, or the single-LLM baseline (default alpha-umi)
  --no-constrained-caller     let the caller write freely
  --no-grounding              let the caller's free strings and numbers and the summarizer's numbers
                              (and, for models whose manifest lists their answer words, its other
                              words and quoted texts) be any (default: copied from the task or the
                              observations)
  --yes                       allow calls that change data (POST, PUT, PATCH, DELETE); denied otherwise
  --json                      print the trajectory as JSON instead (one line)
${REMOTE_USAGE}`;

/** What `umi run` needs from the world; tests pass their own. */
export interface RunWorld {
  loadModels: (options: LoadRoleModelsOptions) => Promise<RoleModels>;
  loadTools: (openapi: string | undefined) => Promise<AgentTools>;
  now: () => number;
}

const RUN_OPTIONS = {
  openapi: { type: 'string' },
  engine: { type: 'string', default: 'node-llama-cpp' },
  models: { type: 'string' },
  roles: { type: 'string' },
  'constrained-caller': { type: 'boolean', default: true },
  grounding: { type: 'boolean', default: true },
  yes: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
  ...REMOTE_OPTIONS,
} as const;

/** The arguments as parseArgs reads them; a UserError with the usage when they are wrong. */
function readArgs(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, allowNegative: true, options: RUN_OPTIONS });
  } catch (error) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
}

function parseRunOptions(args: string[]) {
  const parsed = readArgs(args);
  const { values, positionals } = parsed;
  if (values.help === true) return 'help' as const;
  const task = positionals.join(' ').trim();
  if (task === '')
    throw new UserError(`Give the task in quotes: umi run "What's the weather in Lyon?"\n${USAGE}`);
  return {
    task,
    openapi: values.openapi,
    engine: values.engine,
    models: resolve(values.models ?? DEFAULT_MODELS_DIR),
    remote: parseRemoteOptions(values),
    mode: parseRolesMode(values.roles),
    constrainedCaller: values['constrained-caller'],
    grounding: values.grounding,
    yes: values.yes,
    json: values.json,
  };
}

/** `umi run` with an injected world. */
export function createRunCommand(world: RunWorld): CliCommand {
  return async (args: string[], io: CliIo) => {
    const options = parseRunOptions(args);
    if (options === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    const tools = await world.loadTools(options.openapi);
    try {
      const models = await world.loadModels({
        dir: options.models,
        mode: options.mode,
        engine: options.engine,
        remote: options.remote,
      });
      try {
        if (models.notice !== undefined) io.stderr(`note: ${models.notice}\n`);
        const mutating = new Set(tools.tools.filter((tool) => tool.mutating).map((tool) => tool.name));
        if (!options.json) {
          io.stdout(`task        ${options.task}\n`);
          io.stdout(`tools       ${tools.api} (${tools.tools.length} operations) from ${tools.source}\n`);
          io.stdout(
            `models      ${models.models.map((model) => `${model.role} ${model.id}`).join(', ')}\n\n`,
          );
        }
        const execute = createHttpExecutor({
          tools: tools.tools,
          fetch: tools.fetch,
          ...(options.yes ? { confirm: async () => true } : {}),
        });
        const run = runAgent({
          task: options.task,
          tools: tools.tools,
          roles: models.roles,
          execute,
          profile: alphaUmiProfile(models.systemPrefix, models.answerVocabulary),
          now: world.now,
          constrainedCaller: options.constrainedCaller,
          grounding: options.grounding,
        });
        let next = await run.next();
        while (next.done !== true) {
          const event = next.value;
          if (event.type === 'step-end' && !options.json) {
            const step = event.step;
            const denied = step.type === 'tool' && !step.ok && !options.yes && mutating.has(step.name);
            io.stdout(formatStep(step, denied));
          }
          next = await run.next();
        }
        const trajectory = next.value;
        io.stdout(options.json ? `${JSON.stringify(trajectory)}\n` : formatOutcome(trajectory));
        return trajectory.status === 'answered' || trajectory.status === 'gave-up' ? 0 : 1;
      } finally {
        await models.close();
      }
    } finally {
      await tools.close();
    }
  };
}

/** `umi run`: the agent once, in Node, on the demo API or an OpenAPI document. */
export const runCommand: CliCommand = createRunCommand({
  loadModels: loadRoleModels,
  loadTools: loadAgentTools,
  now: Date.now,
});
