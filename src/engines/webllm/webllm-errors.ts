import { EngineError } from '../../agent/errors.ts';
import type { OutputConstraint } from '../engine.ts';

/** A failure as WebLLM reported it: its error class name and message. */
export interface MlcFailure {
  name: string;
  message: string;
}

/** What to tell the user when the GPU device is gone. */
export const DEVICE_LOST_MESSAGE =
  'The GPU device was lost (out of GPU memory or a driver reset). Reload the models, or pick a preset that needs less memory.';

const NAMED = /^([A-Za-z]*Error|[A-Za-z]*Exception): ([\s\S]*)$/;
const DEVICE_LOST = /device (?:was |is )?lost/i;
const QUOTA = /quota/i;
const OVERFLOW = /number of prompt tokens: (\d+); context window size: (\d+)/;

/**
 * The name and message of anything WebLLM threw. Through its worker every error arrives as the
 * string `String(error)`, i.e. "ClassName: message"; in the page it is the Error itself.
 */
export function mlcFailure(error: unknown): MlcFailure {
  if (error instanceof Error) return { name: error.name, message: error.message };
  const text = String(error);
  const named = NAMED.exec(text);
  return named ? { name: named[1] ?? 'Error', message: named[2] ?? '' } : { name: 'Error', message: text };
}

/**
 * True when the failure means the WebGPU device is gone: WebLLM's DeviceLostError (raised by
 * `reload`), WebGPU's "Device is lost", or ModelNotLoadedError for a model the host loaded, since
 * WebLLM unloads its models by itself only when the device is lost.
 */
export function isDeviceLost(failure: MlcFailure): boolean {
  return (
    failure.name === 'DeviceLostError' ||
    failure.name === 'ModelNotLoadedError' ||
    DEVICE_LOST.test(failure.message)
  );
}

/**
 * True when the browser refused to store a download for lack of room: a DOMException named
 * QuotaExceededError (Cache API, OPFS), or WebLLM's IndexedDB cache's "Failed to store <url> with
 * error: QuotaExceededError: …", which arrives as a plain Error.
 */
export function isQuotaExceeded(failure: MlcFailure): boolean {
  return failure.name === 'QuotaExceededError' || QUOTA.test(failure.message);
}

/** The refusal of a request to a model that is not loaded. */
export function notLoaded(modelId: string): EngineError {
  return new EngineError('not-loaded', `${modelId} is not loaded; call load() first.`, { model: modelId });
}

/** The rejection of a load cancelled through its AbortSignal. */
export function loadAborted(modelId: string): EngineError {
  return new EngineError('aborted', `Loading ${modelId} was aborted.`, { model: modelId });
}

/** The error for a model WebLLM could not load, naming it (and the models loaded with it). */
export function loadError(modelId: string, models: readonly string[], error: unknown): EngineError {
  const cause = mlcFailure(error);
  const data = { model: modelId, models: [...models], cause };
  if (isDeviceLost(cause))
    return new EngineError('load-failed', `${modelId}: ${DEVICE_LOST_MESSAGE}`, {
      ...data,
      reason: 'device-lost',
    });
  if (isQuotaExceeded(cause))
    return new EngineError(
      'load-failed',
      `The browser has no room left for ${modelId} (QuotaExceededError). Free disk space, delete models you no longer need in the GPU presets panel, or allow this site more storage, then load again.`,
      { ...data, reason: 'quota-exceeded' },
    );
  const others = models.filter((id) => id !== modelId);
  const together = others.length === 0 ? '' : ` (loaded together with ${others.join(', ')})`;
  return new EngineError(
    'load-failed',
    `WebLLM could not load the model ${modelId}${together}: ${cause.message}`,
    data,
  );
}

/** Turns what WebLLM threw during a generation into an EngineError that names the model. */
export function generationError(modelId: string, error: unknown, constraint?: OutputConstraint): EngineError {
  if (error instanceof EngineError) return error;
  const cause = mlcFailure(error);
  const data = { model: modelId, cause };
  if (isDeviceLost(cause))
    return new EngineError('generation-failed', `${modelId}: ${DEVICE_LOST_MESSAGE}`, {
      ...data,
      reason: 'device-lost',
    });
  const overflow = OVERFLOW.exec(cause.message);
  if (cause.name === 'ContextWindowSizeExceededError' && overflow) {
    const [promptTokens, contextLength] = [Number(overflow[1]), Number(overflow[2])];
    return new EngineError(
      'context-overflow',
      `The prompt has ${promptTokens} tokens; ${modelId}'s context holds ${contextLength}. Shorten the prompt (fewer tools or a shorter history).`,
      { ...data, promptTokens, contextLength },
    );
  }
  if (cause.name === 'GrammarMatcherInitError' && constraint?.type === 'grammar')
    return new EngineError(
      'generation-failed',
      `${modelId}: WebLLM could not use the grammar (${cause.message}). Check the grammar.`,
      { ...data, constraint: 'grammar' },
    );
  if (cause.name === 'GrammarMatcherInitError' && constraint?.type === 'json-schema')
    return new EngineError(
      'unsupported',
      `${modelId}: WebLLM cannot turn this JSON Schema into a grammar (${cause.message}). Simplify the schema.`,
      { ...data, constraint: 'json-schema' },
    );
  return new EngineError('generation-failed', `${modelId} failed while generating: ${cause.message}`, data);
}

/** True for an EngineError this module made for a lost device. */
export function isDeviceLostError(error: EngineError): boolean {
  return error.data?.reason === 'device-lost';
}
