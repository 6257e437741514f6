import type { StoreApi } from 'zustand/vanilla';
import type { ErrorData } from '../agent/errors.ts';
import type { AgentEvent } from '../agent/events.ts';
import type { AlphaUmiProfile, AlphaUmiRoles, BackboneRoles, ChatProfile } from '../agent/run-options.ts';
import type { Trajectory } from '../agent/trajectory.ts';
import type { ModelEntry, ModelManifest, ModelRole } from '../catalog/model-manifest.ts';
import { type AgentMode, MODE_SLOTS, type ModelPreset } from '../catalog/model-presets.ts';
import type { Engine, LoadProgress } from '../engines/engine.ts';
import type { ConfirmationRequest } from '../tools/execute/http-executor.ts';
import type { OpenApiSource } from '../tools/import/openapi-import.ts';
import type { InPageToolDefinition } from '../tools/in-page/in-page-tool.ts';
import type { Tool } from '../tools/tool.ts';
import type { SessionState } from './session-store.ts';
import type { SettingsState } from './settings-store.ts';

/** The model slots of the current preset's mode: planner, caller and summarizer, or the backbone. */
export function activeSlots(state: Pick<AgentState, 'presets' | 'presetId'>): readonly ModelRole[] {
  return MODE_SLOTS[currentMode(state)];
}

/** The mode of the chosen preset (α-UMi until presets are read). */
export function currentMode(state: Pick<AgentState, 'presets' | 'presetId'>): AgentMode {
  return state.presets.find((preset) => preset.id === state.presetId)?.mode ?? 'alpha-umi';
}

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

/** Role models loaded elsewhere (a WebLLM preset on the GPU) that runs use instead of the slots' models. */
export interface ExternalRoles {
  /** What the model panel calls them, e.g. the GPU preset's label. */
  label: string;
  roles: AlphaUmiRoles;
  profile: AlphaUmiProfile | ChatProfile;
}

/** The engines of the current models and their prompt profile, lent to an evaluation until released. */
export interface ClaimedModels {
  roles: AlphaUmiRoles | BackboneRoles;
  profile: AlphaUmiProfile | ChatProfile;
}

/** A call that changes data, waiting for the user's yes or no. */
export interface PendingConfirmation {
  request: ConfirmationRequest;
  answer(allowed: boolean): void;
}

/** The models, the tools and the run in progress. */
export interface AgentState {
  manifest: ModelManifest | undefined;
  /** Named choices of mode and models (models/presets.json), and the chosen one. */
  presets: ModelPreset[];
  presetId: string;
  /** One entry per model slot; only the current mode's slots are used. */
  models: Record<ModelRole, RoleModelState>;
  /** Loading models or tools is in progress. */
  preparing: boolean;
  /** When the current or last model loading started (ms since the epoch), for the ETA. */
  loadStartedAt: number | undefined;
  tools: Tool[];
  /** Functions of the host page offered as tools (the widget's registerTool); one of a REST tool's name replaces it. */
  pageTools: InPageToolDefinition[];
  /** Names of imported tools the models are not offered. */
  disabled: string[];
  /** Where the tools came from (a URL or a file name) and what the import reported. */
  toolsSource: string;
  toolProblems: string[];
  /** True while a run is in progress. */
  running: boolean;
  /** What holds the models (an evaluation), '' when nothing: runs and model changes wait until it lets go. */
  claimedBy: string;
  confirmation: PendingConfirmation | undefined;
  /** What went wrong outside a run, in words the user can act on ('' when nothing). */
  problem: string;
  /** When set, runs use these role models (and their prompt profile) instead of the slots' models. */
  external: ExternalRoles | undefined;
  /** Uses role models loaded elsewhere for the next runs, or the slots' models again (undefined). */
  useExternalRoles(external: ExternalRoles | undefined): void;
  /** Reads the model manifest and presets (once). */
  loadCatalog(): Promise<void>;
  /** Loads the catalog, the current mode's models and the demo API's tools. */
  prepare(): Promise<void>;
  /** Switches to a preset; models of slots that change are unloaded until the next load. */
  choosePreset(id: string): Promise<void>;
  /** Puts another model of the manifest in one slot of the current mode. */
  setSlotModel(slot: ModelRole, modelId: string): Promise<void>;
  /** Runs a task; `followUp` continues the selected run with it. Resolves to the run's trajectory (undefined when it could not start). */
  run(task: string, options?: { followUp?: boolean }): Promise<Trajectory | undefined>;
  stop(): void;
  /** Loads the current models when needed and lends them to `purpose`; undefined (with the problem shown) when it cannot. */
  claimModels(purpose: string): Promise<ClaimedModels | undefined>;
  /** Gives claimed models back for runs and changes. */
  releaseModels(): void;
  /** Offers a page function as a tool (replacing one of the same name); throws a UserError for a bad definition. */
  registerPageTool(definition: InPageToolDefinition): void;
  removePageTool(name: string): void;
  /** Stops the run and unloads every engine (their workers end); a later run loads them again. */
  dispose(): Promise<void>;
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
  /** Every event of every run, as it happens (the widget turns them into DOM events). */
  onEvent?: (event: AgentEvent) => void;
  /** What went wrong outside a run's own events (loading, importing, starting), as it is shown. */
  onProblem?: (error: ErrorData) => void;
  /** Let the role models warm up beside each other's work (see overlap-policy.ts); default on. */
  overlap?: boolean;
  /** The preset to start with (models/presets.json id); the first one when absent. */
  preset?: string;
  /** Resolved against the page; defaults `/models/manifest.json`, `/models/presets.json` and `/demo-api/openapi.json`. */
  manifestUrl?: string;
  presetsUrl?: string;
  /** `null`: no REST tools unless imported later (a widget with page functions only). */
  openApiUrl?: string | null;
  baseUrl?: string;
}
