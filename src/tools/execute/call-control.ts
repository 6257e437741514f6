import { AbortError } from '../../agent/errors.ts';
import type { JsonObject } from '../../agent/json.ts';
import type { Tool } from '../tool.ts';

/** What the user is asked before a call that changes data is sent (the URL has secrets masked). */
export interface ConfirmationRequest {
  tool: Tool;
  method: string;
  url: string;
  arguments: JsonObject;
}

/** The error to rethrow when the caller aborted: the fetch's own AbortError when it is one. */
export function abortErrorFrom(error: unknown): Error {
  return error instanceof Error && error.name === 'AbortError' ? error : new AbortError();
}

/** Asks for confirmation; no `confirm` or a failing one means no. Rejects when the caller aborts meanwhile. */
export async function askConfirmation(
  confirm: ((request: ConfirmationRequest) => Promise<boolean>) | undefined,
  request: ConfirmationRequest,
  signal: AbortSignal,
): Promise<boolean> {
  if (confirm === undefined) return false;
  if (signal.aborted) throw abortErrorFrom(signal.reason);
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortErrorFrom(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const answer = confirm(request).then(
      (allowed) => allowed === true,
      () => false,
    );
    return await Promise.race([answer, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** A signal that fires on the caller's abort or after `timeoutMs`, telling the two apart. */
export interface Deadline {
  signal: AbortSignal;
  timedOut(): boolean;
  dispose(): void;
}

/** Combines the caller's signal with a timeout (a cleared timer, so nothing lingers after the call). */
export function startDeadline(caller: AbortSignal, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort(caller.reason);
  if (caller.aborted) onAbort();
  else caller.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`Timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut && !caller.aborted,
    dispose: () => {
      clearTimeout(timer);
      caller.removeEventListener('abort', onAbort);
    },
  };
}

/** The failure reason of a timeout, in seconds (`Timed out after 30 s`, `… 0.2 s`). */
export function timeoutReason(timeoutMs: number): string {
  return `Timed out after ${timeoutMs / 1000} s`;
}
