import { join } from 'node:path';
import { EMBEDDED_MODELS_DIR } from '../catalog/node-model-files.ts';
import { NodeLlamaEngine } from '../engines/node-llama/node-llama-engine.ts';
import { type OpenAiServer, startOpenAiServer } from '../engines/openai/openai-server.ts';

/** The embedded role models behind a real OpenAI-compatible server, as `umi serve` runs them. */
export interface ServedRoleModels {
  server: OpenAiServer;
  close(): Promise<void>;
}

/** Loads the embedded planner, caller and summarizer in node-llama-cpp and serves them (with `apiKey` required when given). */
export async function serveEmbeddedRoleModels(apiKey?: string): Promise<ServedRoleModels> {
  const engines = (['planner', 'caller', 'summarizer'] as const).map(
    (role) =>
      new NodeLlamaEngine({
        modelPath: join(EMBEDDED_MODELS_DIR, `umi-tiny-${role}.gguf`),
        modelId: `umi-tiny-${role}`,
        contextSize: 1024,
      }),
  );
  await Promise.all(engines.map((engine) => engine.load()));
  const server = await startOpenAiServer({ engines, ...(apiKey === undefined ? {} : { apiKey }) });
  return {
    server,
    close: async () => {
      await server.close();
      await Promise.all(engines.map((engine) => engine.unload()));
    },
  };
}
