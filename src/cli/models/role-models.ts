import { resolve } from 'node:path';
import { UserError } from '../../agent/errors.ts';
import type { AlphaUmiRoles, BackboneRoles } from '../../agent/run-options.ts';
import {
  type ModelEntry,
  type ModelRole as ModelManifestRole,
  modelForRole,
} from '../../catalog/model-manifest.ts';
import {
  EMBEDDED_MODELS_DIR,
  loadManifestFile,
  modelPath,
  verifyModelFile,
} from '../../catalog/node-model-files.ts';
import type { Engine, LoadProgress } from '../../engines/engine.ts';
import { NodeLlamaEngine } from '../../engines/node-llama/node-llama-engine.ts';
import { OpenAiEngine } from '../../engines/openai/openai-engine.ts';
import type { RemoteModels } from './remote-options.ts';

/** The shipped models' folder (`models/` at the repository's top level). */
export const DEFAULT_MODELS_DIR = EMBEDDED_MODELS_DIR;

/** α-UMi's three role models, or the single-LLM backbone. */
export type RolesMode = 'alpha-umi' | 'backbone';

/** The engine libraries the CLI can run models with. */
export const ENGINE_KINDS = ['node-llama-cpp', 'openai'] as const;

/** Which model fills a role, as recorded in eval settings. */
export interface RoleModelRecord {
  role: ModelManifestRole;
  id: string;
  file: string;
  sha256: string;
}

/** Loaded engines for a mode, with what the manifest says about them. */
export interface RoleModels {
  mode: RolesMode;
  roles: AlphaUmiRoles | BackboneRoles;
  engines: Engine[];
  models: RoleModelRecord[];
  systemPrefix: boolean;
  /** The manifest's answer vocabulary (the summarizer's grounded words), when it has one. */
  answerVocabulary?: readonly string[];
  notice?: string;
  /** Unloads every engine. */
  close(): Promise<void>;
}

/** How to get role models: which folder, mode and engine, and (for tests) how engines are made. */
export interface LoadRoleModelsOptions {
  dir: string;
  mode: RolesMode;
  engine: string;
  createEngine?: (entry: ModelEntry, path: string) => Engine;
  /** Where the models are served (`--engine openai`). */
  remote?: RemoteModels;
  onProgress?: (role: ModelManifestRole, progress: LoadProgress) => void;
}

const MODE_ROLES: Record<RolesMode, readonly ModelManifestRole[]> = {
  'alpha-umi': ['planner', 'caller', 'summarizer'],
  backbone: ['backbone'],
};

/** Reads the manifest, picks a GGUF per role, verifies each file and loads an engine for it. */
export async function loadRoleModels(options: LoadRoleModelsOptions): Promise<RoleModels> {
  if (!(ENGINE_KINDS as readonly string[]).includes(options.engine)) {
    throw new UserError(`Unknown --engine "${options.engine}"; use one of: ${ENGINE_KINDS.join(', ')}.`);
  }
  const dir = resolve(options.dir);
  if (options.engine === 'openai') return loadRemoteRoleModels(options, dir);
  const manifest = await loadManifestFile(dir);
  const create =
    options.createEngine ??
    ((entry, path) =>
      new NodeLlamaEngine({ modelPath: path, modelId: entry.id, contextSize: entry.context }));
  const picked = MODE_ROLES[options.mode].map((role) => {
    const entry = modelForRole(manifest, role, `${dir}/manifest.json`);
    return { role, entry, path: modelPath(dir, entry) };
  });
  for (const { entry, path } of picked) await verifyModelFile(entry, path);
  const engines: Engine[] = [];
  const byRole = new Map<ModelManifestRole, Engine>();
  const close = async () => {
    await Promise.all(engines.map((engine) => engine.unload()));
  };
  try {
    for (const { role, entry, path } of picked) {
      const engine = create(entry, path);
      engines.push(engine);
      await engine.load({ onProgress: (progress) => options.onProgress?.(role, progress) });
      byRole.set(role, engine);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const get = (role: ModelManifestRole) => byRole.get(role) as Engine;
  const roles: AlphaUmiRoles | BackboneRoles =
    options.mode === 'backbone'
      ? { backbone: get('backbone') }
      : { planner: get('planner'), caller: get('caller'), summarizer: get('summarizer') };
  return {
    mode: options.mode,
    roles,
    engines,
    models: picked.map(({ role, entry }) => ({ role, id: entry.id, file: entry.file, sha256: entry.sha256 })),
    systemPrefix: manifest.systemPrefix,
    ...(manifest.answerVocabulary ? { answerVocabulary: manifest.answerVocabulary } : {}),
    notice: manifest.notice,
    close,
  };
}

/** Checks a `--roles` value. */
export function parseRolesMode(value: string | undefined): RolesMode {
  if (value === undefined || value === 'alpha-umi') return 'alpha-umi';
  if (value === 'backbone') return 'backbone';
  throw new UserError(`Unknown --roles "${value}"; use alpha-umi or backbone.`);
}

/** Role models on an OpenAI-compatible server: names from --model, else the manifest's ids (what `umi serve` serves). */
async function loadRemoteRoleModels(options: LoadRoleModelsOptions, dir: string): Promise<RoleModels> {
  const remote = options.remote;
  if (remote === undefined)
    throw new UserError('--engine openai needs --base-url (and --model per role when the names differ).');
  const manifest = await loadManifestFile(dir).catch(() => undefined);
  const picked = MODE_ROLES[options.mode].map((role) => {
    const model =
      remote.roles[role]?.model ?? (manifest && modelForRole(manifest, role, `${dir}/manifest.json`).id);
    if (model === undefined)
      throw new UserError(
        `Name the served model for the ${role}: --model ${role}=<name as the server knows it>.`,
      );
    const baseUrl = remote.roles[role]?.baseUrl ?? remote.baseUrl;
    if (baseUrl === undefined)
      throw new UserError(
        `Where is the ${role} served? Give --base-url <url> (or --model ${role}=<name>@<url>).`,
      );
    return { role, model, baseUrl };
  });
  const engines: Engine[] = [];
  const byRole = new Map<ModelManifestRole, Engine>();
  const close = async () => {
    await Promise.all(engines.map((engine) => engine.unload()));
  };
  for (const { role, model, baseUrl } of picked) {
    const engine = new OpenAiEngine({
      baseUrl,
      model,
      server: remote.server,
      ...(remote.apiKey === undefined ? {} : { apiKey: remote.apiKey }),
    });
    engines.push(engine);
    await engine.load({ onProgress: (progress) => options.onProgress?.(role, progress) });
    byRole.set(role, engine);
  }
  const get = (role: ModelManifestRole) => byRole.get(role) as Engine;
  return {
    mode: options.mode,
    roles:
      options.mode === 'backbone'
        ? { backbone: get('backbone') }
        : { planner: get('planner'), caller: get('caller'), summarizer: get('summarizer') },
    engines,
    models: picked.map(({ role, model, baseUrl }) => ({ role, id: model, file: baseUrl, sha256: '' })),
    systemPrefix: remote.systemPrefix ?? manifest?.systemPrefix ?? true,
    close,
  };
}
