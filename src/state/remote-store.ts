import { createStore, type StoreApi } from 'zustand/vanilla';
import { toErrorData, UserError } from '../agent/errors.ts';
import type { AlphaUmiRoles } from '../agent/run-options.ts';
import type { Engine } from '../engines/engine.ts';
import type { ServerKind } from '../engines/openai/openai-engine.ts';
import type { AgentState } from './agent-state.ts';
import type { SettingsState } from './settings-store.ts';

/** The three α-UMi roles a server fills. */
export const REMOTE_ROLES = ['planner', 'caller', 'summarizer'] as const;
export type RemoteRole = (typeof REMOTE_ROLES)[number];

/** How the served models are asked: α-UMi's raw prompts (the α-UMi weights, umi serve) or chats with JSON replies. */
export type RemoteProfile = 'alpha-umi' | 'chat';

/** Where the role models are served and whether runs use them. */
export interface RemoteState {
  baseUrl: string;
  models: Record<RemoteRole, string>;
  server: ServerKind;
  profile: RemoteProfile;
  status: 'idle' | 'connecting' | 'connected' | 'error';
  problem: string;
  /** An API key for this base URL is stored (its value never enters the state). */
  keySet: boolean;
  /** The other servers the roles name (`name@url`), each with whether a key is stored for it. */
  otherServers: { url: string; keySet: boolean }[];
  setBaseUrl(url: string): void;
  setModel(role: RemoteRole, model: string): void;
  setServer(server: ServerKind): void;
  setProfile(profile: RemoteProfile): void;
  /**
   * Stores a new API key when given (and keys for the roles' other servers, by URL), checks the
   * servers serve every model, and hands the roles to the agent. A server gets only its own key.
   */
  connect(apiKey?: string, serverKeys?: Readonly<Record<string, string>>): Promise<void>;
  /** Runs go back to the page's own models. */
  disconnect(): Promise<void>;
}

/** What the remote store needs: an engine per served model, the agent to hand roles to, the settings keeping the key. */
export interface RemoteWorld {
  createEngine(options: { baseUrl: string; model: string; server: ServerKind; apiKey?: string }): Engine;
  agent: StoreApi<AgentState>;
  settings?: StoreApi<SettingsState>;
}

/** A role's model field: a name on the base URL's server, or `name@url` for a server of its own. */
export function roleServer(field: string, baseUrl: string): { model: string; baseUrl: string } {
  const match = /^([^@]+)@(https?:\/\/\S+)$/.exec(field);
  return match === null
    ? { model: field, baseUrl }
    : { model: match[1] as string, baseUrl: match[2] as string };
}

/** Secrets are stored per API and scheme; a remote server's key is the API `remote <base URL>`. */
const keyApi = (baseUrl: string) => `remote ${baseUrl}`;
const KEY_SCHEME = 'api-key';

/** Creates the remote store; defaults point at `umi serve` on this machine with the embedded models. */
export function createRemoteStore(world: RemoteWorld): StoreApi<RemoteState> {
  let engines: Engine[] = [];
  const release = async () => {
    const old = engines;
    engines = [];
    await Promise.all(old.map((engine) => engine.unload()));
  };
  return createStore<RemoteState>()((set, get) => {
    const hasKey = (url: string) =>
      world.settings?.getState().secretKeys.some((key) => key.startsWith(`${keyApi(url)}\u0000`)) ?? false;
    const refreshKey = () => {
      const { baseUrl, models } = get();
      const urls = REMOTE_ROLES.map((role) => roleServer(models[role], baseUrl).baseUrl);
      const others = [...new Set(urls)].filter((url) => url !== baseUrl);
      set({ keySet: hasKey(baseUrl), otherServers: others.map((url) => ({ url, keySet: hasKey(url) })) });
    };
    const edit = (change: Partial<RemoteState>) => {
      if (get().status === 'connecting') return;
      set(change);
    };
    return {
      baseUrl: 'http://127.0.0.1:8080/v1',
      models: { planner: 'umi-tiny-planner', caller: 'umi-tiny-caller', summarizer: 'umi-tiny-summarizer' },
      server: 'llama.cpp',
      profile: 'alpha-umi',
      status: 'idle',
      problem: '',
      keySet: false,
      otherServers: [],
      setBaseUrl(url) {
        edit({ baseUrl: url.trim() });
        refreshKey();
      },
      setModel(role, model) {
        edit({ models: { ...get().models, [role]: model.trim() } });
        refreshKey();
      },
      setServer(server) {
        edit({ server });
      },
      setProfile(profile) {
        edit({ profile });
      },
      async connect(apiKey, serverKeys = {}) {
        if (get().status === 'connecting' || world.agent.getState().running) return;
        if (world.agent.getState().claimedBy !== '') {
          set({ problem: `The models are busy with ${world.agent.getState().claimedBy}: stop it first.` });
          return;
        }
        set({ status: 'connecting', problem: '' });
        try {
          const { baseUrl, models, server, profile } = get();
          if (!/^https?:\/\/.+/.test(baseUrl))
            throw new UserError(`"${baseUrl}" is not an http(s) URL; the API root usually ends in /v1.`);
          for (const role of REMOTE_ROLES)
            if (models[role] === '') throw new UserError(`Name the ${role}'s model as the server knows it.`);
          const settings = world.settings?.getState();
          const servers = REMOTE_ROLES.map((role) => roleServer(models[role], baseUrl));
          for (const { baseUrl: url } of servers)
            if (!/^https?:\/\/.+/.test(url)) throw new UserError(`"${url}" is not an http(s) URL.`);
          const named = Object.entries(serverKeys).filter(([url]) => servers.some((s) => s.baseUrl === url));
          const entries: [string, string][] = [[baseUrl, apiKey ?? ''], ...named];
          const given = new Map(entries.filter(([, key]) => key !== ''));
          for (const [url, key] of given) await settings?.setSecret(keyApi(url), KEY_SCHEME, key);
          refreshKey();
          await release();
          // Each server gets the key given or stored for its own URL, never another server's.
          const keys = await Promise.all(
            servers.map(
              async ({ baseUrl: url }) =>
                given.get(url) ?? (await settings?.secrets.get(keyApi(url), KEY_SCHEME)),
            ),
          );
          const made = servers.map(({ model, baseUrl: url }, index) => {
            const roleKey = keys[index];
            return world.createEngine({
              baseUrl: url,
              model,
              server,
              ...(roleKey ? { apiKey: roleKey } : {}),
            });
          });
          engines = made;
          await Promise.all(made.map((engine) => engine.load()));
          const [planner, caller, summarizer] = made as [Engine, Engine, Engine];
          const roles: AlphaUmiRoles = { planner, caller, summarizer };
          world.agent.getState().useExternalRoles({
            label: `the server at ${baseUrl}`,
            roles,
            profile: profile === 'chat' ? { kind: 'chat' } : { kind: 'alpha-umi', systemPrefix: true },
          });
          set({ status: 'connected' });
        } catch (error) {
          await release();
          set({ status: 'error', problem: toErrorData(error).message });
        }
      },
      async disconnect() {
        if (world.agent.getState().running || world.agent.getState().claimedBy !== '') return;
        if (get().status === 'connected') world.agent.getState().useExternalRoles(undefined);
        await release();
        set({ status: 'idle', problem: '' });
      },
    };
  });
}
