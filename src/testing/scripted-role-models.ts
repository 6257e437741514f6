import type { RoleModels } from '../cli/models/role-models.ts';
import type { EngineCapabilities } from '../engines/engine.ts';
import { ScriptedEngine, type ScriptedRequest } from '../engines/scripted/scripted-engine.ts';

/** A scripted reply computed from the request (its prompt, options such as the constraint). */
export type Reply = (request: ScriptedRequest) => string;

/** Loaded scripted engines in the shape `loadRoleModels` returns, for CLI tests. */
export async function scriptedRoleModels(
  replies: { planner: Reply; caller: Reply; summarizer: Reply } | { backbone: Reply },
  capabilities: Partial<EngineCapabilities> = {},
): Promise<RoleModels & { engines: ScriptedEngine[] }> {
  const make = async (role: string, reply: Reply) => {
    const engine = new ScriptedEngine({ modelId: `scripted-${role}`, responses: reply, capabilities });
    await engine.load();
    return engine;
  };
  const common = { systemPrefix: true, notice: 'Scripted models for tests.', close: async () => undefined };
  if ('backbone' in replies) {
    const backbone = await make('backbone', replies.backbone);
    return {
      ...common,
      mode: 'backbone',
      roles: { backbone },
      engines: [backbone],
      models: [{ role: 'backbone', id: backbone.modelId, file: 'backbone.gguf', sha256: '0'.repeat(64) }],
    };
  }
  const planner = await make('planner', replies.planner);
  const caller = await make('caller', replies.caller);
  const summarizer = await make('summarizer', replies.summarizer);
  const engines = [planner, caller, summarizer];
  return {
    ...common,
    mode: 'alpha-umi',
    roles: { planner, caller, summarizer },
    engines,
    models: engines.map((engine) => ({
      role: engine.modelId.replace('scripted-', '') as 'planner',
      id: engine.modelId,
      file: `${engine.modelId}.gguf`,
      sha256: '0'.repeat(64),
    })),
  };
}
