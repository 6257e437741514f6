import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from '../agent/errors.ts';
import { loadManifestFile, modelPath, verifyModelFile } from '../catalog/node-model-files.ts';
import type { Engine } from '../engines/engine.ts';
import { NodeLlamaEngine } from '../engines/node-llama/node-llama-engine.ts';
import { type OpenAiServer, startOpenAiServer } from '../engines/openai/openai-server.ts';
import type { CliCommand, CliIo } from './cli-io.ts';
import { DEFAULT_MODELS_DIR } from './models/role-models.ts';

const USAGE = `Usage: npm run --silent umi -- serve [options]

Serves every model of a manifest over the OpenAI-compatible API (GET /v1/models, POST /v1/completions
and /v1/chat/completions, streamed or not, llama.cpp's grammar and json_schema fields), so that other
machines, the app (remote engine) and umi run/eval --engine openai can use them. Ctrl+C stops it.
  --models <dir>     folder with manifest.json and the GGUFs (default: the embedded models)
  --host <host>      default 127.0.0.1 (0.0.0.0: every interface — set an API key then)
  --port <port>      default 8080 (0: any free port)
  --api-key <key>    require "Authorization: Bearer <key>" (or set UMI_API_KEY)
`;

/** What `umi serve` needs from the world; tests pass their own wait. */
export interface ServeWorld {
  /** Resolves when the server should stop (Ctrl+C by default). */
  untilStopped(server: OpenAiServer): Promise<void>;
  environment: Record<string, string | undefined>;
}

const OPTIONS = {
  models: { type: 'string' },
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '8080' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `umi serve` with an injected world. */
export function createServeCommand(world: ServeWorld): CliCommand {
  return async (args: string[], io: CliIo) => {
    let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
    try {
      values = parseArgs({ args, options: OPTIONS }).values;
    } catch (error) {
      throw new UserError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    }
    if (values.help === true) {
      io.stdout(USAGE);
      return 0;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      throw new UserError(`--port must be a port number (got "${values.port}").`);
    const dir = resolve(values.models ?? DEFAULT_MODELS_DIR);
    const manifest = await loadManifestFile(dir);
    const engines: Engine[] = [];
    try {
      for (const entry of manifest.models) {
        const path = modelPath(dir, entry);
        await verifyModelFile(entry, path);
        const engine = new NodeLlamaEngine({
          modelPath: path,
          modelId: entry.id,
          contextSize: entry.context,
        });
        engines.push(engine);
        await engine.load();
        io.stderr(`loaded ${entry.id} (${entry.role})\n`);
      }
      const apiKey = values['api-key'] ?? world.environment.UMI_API_KEY;
      const server = await startOpenAiServer({
        engines,
        host: values.host,
        port,
        ...(apiKey === undefined ? {} : { apiKey }),
      });
      io.stdout(`serving ${engines.map((engine) => engine.modelId).join(', ')} at ${server.baseUrl}\n`);
      io.stdout(
        `try: npm run --silent umi -- run "What's the weather in Lausanne?" --engine openai --base-url ${server.baseUrl}\n`,
      );
      await world.untilStopped(server);
      await server.close();
      return 0;
    } finally {
      await Promise.all(engines.map((engine) => engine.unload()));
    }
  };
}

/** `umi serve`: the manifest's models over the OpenAI-compatible API until Ctrl+C. */
export const serveCommand: CliCommand = createServeCommand({
  untilStopped: () =>
    new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    }),
  environment: process.env,
});
