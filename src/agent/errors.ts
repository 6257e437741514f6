/** Who must act to fix a failure: the user, the model, the tool (API) or the engine. */
export type Fault = 'user' | 'model' | 'tool' | 'engine';

/** An error as plain data, the shape that crosses workers and lands in trajectories. */
export interface ErrorData {
  name: string;
  message: string;
  fault: Fault;
  data?: Record<string, unknown>;
}

/** Base of every error umi raises on purpose: says who is at fault and what to do. */
export class UmiError extends Error {
  readonly fault: Fault;
  readonly data: Record<string, unknown> | undefined;

  constructor(fault: Fault, message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = 'UmiError';
    this.fault = fault;
    this.data = data;
  }

  /** The error as plain data (name, message, fault, data). */
  toData(): ErrorData {
    return this.data === undefined
      ? { name: this.name, message: this.message, fault: this.fault }
      : { name: this.name, message: this.message, fault: this.fault, data: this.data };
  }
}

/** The user's input or configuration is wrong (bad task, bad option, missing file). */
export class UserError extends UmiError {
  constructor(message: string, data?: Record<string, unknown>) {
    super('user', message, data);
    this.name = 'UserError';
  }
}

/** A model produced output the agent cannot use even after retries. */
export class ModelError extends UmiError {
  constructor(message: string, data?: Record<string, unknown>) {
    super('model', message, data);
    this.name = 'ModelError';
  }
}

/** A tool (REST API) failed in a way that stops the run. */
export class ToolError extends UmiError {
  constructor(message: string, data?: Record<string, unknown>) {
    super('tool', message, data);
    this.name = 'ToolError';
  }
}

/** What an engine failure is about; `unsupported` means the request asked for a capability it lacks. */
export type EngineErrorCode =
  | 'unsupported'
  | 'load-failed'
  | 'not-loaded'
  | 'aborted'
  | 'context-overflow'
  | 'generation-failed';

/** An inference engine failed or refused a request it cannot honour. */
export class EngineError extends UmiError {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, data?: Record<string, unknown>) {
    super('engine', message, { ...data, code });
    this.name = 'EngineError';
    this.code = code;
  }
}

/** The run was aborted through its AbortSignal. */
export class AbortError extends UmiError {
  constructor(message = 'The run was stopped.') {
    super('user', message);
    this.name = 'AbortError';
  }
}

/** Turns anything thrown into ErrorData; unknown errors are blamed on the engine by default. */
export function toErrorData(error: unknown, fallbackFault: Fault = 'engine'): ErrorData {
  if (error instanceof UmiError) return error.toData();
  if (error instanceof Error) {
    if (error.name === 'AbortError') return { name: 'AbortError', message: error.message, fault: 'user' };
    return { name: error.name, message: error.message, fault: fallbackFault };
  }
  return { name: 'Error', message: String(error), fault: fallbackFault };
}

/** Rebuilds a typed error from ErrorData (e.g. after it crossed a worker boundary). */
export function fromErrorData(data: ErrorData): UmiError {
  const extra = data.data;
  let error: UmiError;
  switch (data.name) {
    case 'UserError':
      error = new UserError(data.message, extra);
      break;
    case 'ModelError':
      error = new ModelError(data.message, extra);
      break;
    case 'ToolError':
      error = new ToolError(data.message, extra);
      break;
    case 'EngineError':
      error = new EngineError(
        (extra?.code as EngineErrorCode | undefined) ?? 'generation-failed',
        data.message,
        extra,
      );
      break;
    case 'AbortError':
      error = new AbortError(data.message);
      break;
    default:
      error = new UmiError(data.fault, data.message, extra);
      error.name = data.name;
  }
  return error;
}
