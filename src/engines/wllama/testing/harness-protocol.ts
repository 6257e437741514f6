import type { ErrorData } from '../../../agent/errors.ts';
import type { ModelEntry } from '../../../catalog/model-manifest.ts';
import type {
  EngineCapabilities,
  GenerationEvent,
  GenerationOptions,
  LoadProgress,
  WarmUsage,
} from '../../engine.ts';

/** What a test page needs to create a WllamaEngine (plain data: it crosses from Node into the page). */
export interface HostedEngineOptions {
  modelId: string;
  url: string;
  entry?: ModelEntry;
  contextSize?: number;
  gpuLayers?: number | 'auto';
}

/** A generation request as plain data; the signal stays in Node and `aborted` says it fired already. */
export type HostedRequest = (
  | { kind: 'complete'; prompt: string }
  | { kind: 'chat'; messages: { role: 'system' | 'user' | 'assistant'; content: string }[] }
) &
  Omit<GenerationOptions, 'signal' | 'stop'> & { stop?: string[]; aborted: boolean };

/** A result as plain data: errors cross the page boundary as ErrorData and are rebuilt in Node. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** The engine's state, read after every call that may change it. */
export interface HostedState {
  loaded: boolean;
  device: string | undefined;
  capabilities: EngineCapabilities;
}

/** Messages the page sends to Node while engines load and generate. */
export type HostMessage =
  | { type: 'progress'; engine: number; progress: LoadProgress }
  | { type: 'event'; generation: number; event: GenerationEvent }
  | { type: 'error'; generation: number; error: ErrorData };

/** Name of the Node function the page calls with each HostMessage (see Window below). */
export const EMIT_BINDING = 'umiHarnessEmit';

/** The engine host a test page installs on `window.umiEngineHost`. */
export interface EngineHost {
  create(options: HostedEngineOptions): Promise<Outcome<HostedState & { id: number }>>;
  load(id: number): Promise<Outcome<HostedState>>;
  /** Starts a generation whose events arrive as HostMessages. */
  generate(id: number, generation: number, request: HostedRequest): void;
  abort(generation: number): void;
  /** Warms the engine's cache with a prompt (see Engine.warm). */
  warm(id: number, prompt: string): Promise<Outcome<WarmUsage>>;
  unload(id: number): Promise<Outcome<HostedState>>;
}

declare global {
  /** The globals of a harness page. */
  interface Window {
    /** Installed by the harness page before any test runs (browser-session.ts waits for it). */
    umiEngineHost: EngineHost;
    /** Exposed by the Node side: receives every HostMessage. */
    umiHarnessEmit?: (message: HostMessage) => Promise<void>;
  }
}
