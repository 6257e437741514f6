import { createStore, type StoreApi } from 'zustand/vanilla';
import { toErrorData } from '../agent/errors.ts';
import { runAgent } from '../agent/run-agent.ts';
import {
  type ModelEntry,
  type ModelManifest,
  modelForRole,
  parseModelManifest,
} from '../catalog/model-manifest.ts';
import type { Engine, LoadProgress } from '../engines/engine.ts';
import { type ConfirmationRequest, createHttpExecutor } from '../tools/execute/http-executor.ts';
import { importOpenApi, type OpenApiSource } from '../tools/import/openapi-import.ts';
import type { Tool } from '../tools/tool.ts';
import type { SessionState } from './session-store.ts';
import type { SettingsState } from './settings-store.ts';

/** The three α-UMi roles the app loads a model for. */
export const APP_ROLES = ['planner', 'caller', 'summarizer'] as const;
/** One of the app's role models. */
export type AppRole = (typeof APP_ROLES)[number];

/** Where one role model stands. */
export interface RoleModelState {
  id: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  progress: LoadProgress | undefined;
  error: string;
  /** Where the model runs, in the engine's words ('' until loaded). */
  device: string;
  /** Bytes of its file, from the manifest (0 until the manifest is read). */
  bytes: number;
}

/** A call that changes data, waiting for the user's yes or no. */
export interface PendingConfirmation {
  request: ConfirmationRequest;
  answer(allowed: boolean): void;
}

/** The models, the tools and the run in progress. */
export interface AgentState {
  manifest: ModelManifest | undefined;
  models: Record<AppRole, RoleModelState>;
  /** Loading models or tools is in progress. */
  preparing: boolean;
  /** When the current or last model loading started (ms since the epoch), for the ETA. */
  loadStartedAt: number | undefined;
  tools: Tool[];
  /** Names of imported tools the models are not offered. */
  disabled: string[];
  /** Where the tools came from (a URL or a file name) and what the import reported. */
  toolsSource: string;
  toolProblems: string[];
  /** True while a run is in progress. */
  running: boolean;
  confirmation: PendingConfirmation | undefined;
  /** What went wrong outside a run, in words the user can act on ('' when nothing). */
  problem: string;
  /** Loads the manifest, the three role models and the demo API's tools. */
  prepare(): Promise<void>;
  /** Runs a task; `followUp` continues the selected run with it. */
  run(task: string, options?: { followUp?: boolean }): Promise<void>;
  stop(): void;
  /** Replaces the tools with those of an OpenAPI document (URL, file or pasted text). */
  importTools(source: OpenApiSource, label?: string): Promise<void>;
  setToolEnabled(name: string, enabled: boolean): void;
}

/** What the agent store needs from the world; the app passes browser defaults. */
export interface AgentWorld {
  sessions: StoreApi<SessionState>;
  /** The confirmation policy and API secrets; without it every mutating call is asked and no secret is sent. */
  settings?: StoreApi<SettingsState>;
  /** Makes the engine of one role model (wllama in the app, a scripted engine in tests). */
  createEngine(entry: ModelEntry, url: string): Engine;
  fetch?: typeof fetch;
  /** Resolved against the page; defaults `/models/manifest.json` and `/demo-api/openapi.json`. */
  manifestUrl?: string;
  openApiUrl?: string;
  baseUrl?: string;
}

const idleModel = (): RoleModelState => ({
  id: '',
  status: 'idle',
  progress: undefined,
  error: '',
  device: '',
  bytes: 0,
});

/** Creates the agent store: it owns the engines and the abort controller of the current run. */
export function createAgentStore(world: AgentWorld): StoreApi<AgentState> {
  const fetchImpl = world.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = world.baseUrl ?? globalThis.location?.href ?? 'http://localhost/';
  const engines = new Map<AppRole, Engine>();
  let controller: AbortController | undefined;
  let preparing: Promise<void> | undefined;
  const manifestUrl = new URL(world.manifestUrl ?? '/models/manifest.json', base).href;
  const demoApi = new URL(world.openApiUrl ?? '/demo-api/openapi.json', base).href;

  return createStore<AgentState>()((set, get) => {
    const setModel = (role: AppRole, change: Partial<RoleModelState>) =>
      set((state) => ({ models: { ...state.models, [role]: { ...state.models[role], ...change } } }));

    const loadManifest = async (): Promise<ModelManifest> => {
      const url = manifestUrl;
      const response = await fetchImpl(url);
      if (!response.ok) {
        throw new Error(
          `The model manifest ${url} answered HTTP ${response.status}; build the models with npm run train:tiny.`,
        );
      }
      return parseModelManifest(await response.json(), url);
    };

    const loadTools = async (source: OpenApiSource, label: string): Promise<void> => {
      const { tools, problems } = await importOpenApi(source, { fetch: fetchImpl });
      const messages = problems.map((problem) => `${problem.location}: ${problem.message}`);
      if (tools.length === 0) {
        const why = messages.join('; ') || 'the document has no operations';
        throw new Error(`No tools could be imported from ${label}: ${why}`);
      }
      set({ tools, disabled: [], toolsSource: label, toolProblems: messages });
    };

    const loadRole = async (manifest: ModelManifest, role: AppRole) => {
      const entry = modelForRole(manifest, role, manifestUrl);
      setModel(role, {
        id: entry.id,
        status: 'loading',
        progress: { fraction: 0 },
        error: '',
        bytes: entry.bytes,
      });
      try {
        const engine = engines.get(role) ?? world.createEngine(entry, new URL(entry.file, manifestUrl).href);
        engines.set(role, engine);
        await engine.load({ onProgress: (progress) => setModel(role, { progress }) });
        setModel(role, { status: 'ready', progress: { fraction: 1 }, device: engine.device ?? '' });
      } catch (error) {
        setModel(role, { status: 'error', error: toErrorData(error).message });
        throw error;
      }
    };

    return {
      manifest: undefined,
      models: { planner: idleModel(), caller: idleModel(), summarizer: idleModel() },
      preparing: false,
      loadStartedAt: undefined,
      tools: [],
      disabled: [],
      toolsSource: '',
      toolProblems: [],
      running: false,
      confirmation: undefined,
      problem: '',
      prepare() {
        // One preparation at a time; a run started meanwhile waits for the same one.
        preparing ??= (async () => {
          set({ preparing: true, problem: '', loadStartedAt: Date.now() });
          try {
            const manifest = get().manifest ?? (await loadManifest());
            set({ manifest });
            for (const role of APP_ROLES) {
              const entry = modelForRole(manifest, role, manifestUrl);
              if (get().models[role].status === 'idle') setModel(role, { id: entry.id, bytes: entry.bytes });
            }
            for (const role of APP_ROLES) {
              if (get().models[role].status !== 'ready') await loadRole(manifest, role);
            }
            if (get().tools.length === 0) await loadTools({ url: demoApi }, demoApi);
          } catch (error) {
            set({ problem: toErrorData(error).message });
          } finally {
            preparing = undefined;
            set({ preparing: false });
          }
        })();
        return preparing;
      },
      async run(task, options = {}) {
        if (get().running) return;
        if (APP_ROLES.some((role) => get().models[role].status !== 'ready') || get().tools.length === 0) {
          await get().prepare();
          if (get().problem !== '') return;
        }
        const [planner, caller, summarizer] = APP_ROLES.map((role) => engines.get(role) as Engine) as [
          Engine,
          Engine,
          Engine,
        ];
        const sessions = world.sessions.getState();
        const previous = options.followUp
          ? sessions.runs.find((run) => run.id === sessions.activeId)?.trajectory
          : undefined;
        controller = new AbortController();
        const tools = get().tools.filter((tool) => !get().disabled.includes(tool.name));
        if (tools.length === 0) {
          set({ problem: 'Every tool is switched off: enable at least one in the tool manager.' });
          return;
        }
        const settings = world.settings?.getState();
        const askUser = (request: ConfirmationRequest) =>
          new Promise<boolean>((resolve) =>
            set({
              confirmation: {
                request,
                answer: (allowed) => {
                  set({ confirmation: undefined });
                  resolve(allowed);
                },
              },
            }),
          );
        // Read at each call, so a policy changed during a run applies to its next call.
        const confirmPerPolicy = async (request: ConfirmationRequest) => {
          const policy = world.settings?.getState().confirmPolicy ?? 'ask';
          return policy === 'ask' ? askUser(request) : policy === 'allow';
        };
        set({ running: true, problem: '' });
        try {
          const events = runAgent({
            task,
            tools,
            roles: { planner, caller, summarizer },
            execute: createHttpExecutor({
              tools,
              fetch: fetchImpl,
              confirm: confirmPerPolicy,
              ...(settings === undefined ? {} : { secrets: settings.secrets }),
            }),
            signal: controller.signal,
            profile: { kind: 'alpha-umi', systemPrefix: get().manifest?.systemPrefix ?? true },
            ...(previous === undefined ? {} : { previous }),
          });
          for await (const event of events) world.sessions.getState().apply(event);
        } catch (error) {
          set({ problem: toErrorData(error).message });
        } finally {
          controller = undefined;
          set({ running: false, confirmation: undefined });
        }
      },
      async importTools(source, label) {
        const where = label ?? ('text' in source ? 'the pasted document' : source.url);
        try {
          await loadTools(source, where);
          set({ problem: '' });
        } catch (error) {
          set({ problem: toErrorData(error).message });
        }
      },
      setToolEnabled(name, enabled) {
        set((state) => ({
          disabled: enabled
            ? state.disabled.filter((item) => item !== name)
            : [...new Set([...state.disabled, name])],
        }));
      },
      stop() {
        get().confirmation?.answer(false);
        controller?.abort();
      },
    };
  });
}
