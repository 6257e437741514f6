import type { HostMessage } from '../src/engines/wllama/testing/harness-protocol.ts';

/**
 * Runs in the bench's harness page (loaded there by browser-task-set.ts): times each generation as the
 * page sees it, from the engine host's `generate` call to the finish (or error) it hands to Node, so
 * that the Node↔page messaging can be told apart from the time spent in the page.
 */

/** One generation as the page saw it. */
export interface PageGeneration {
  generation: number;
  /** From the host's `generate` call to the finish event handed to the Node binding. */
  pageMs: number;
  /** Messages (token deltas and the finish) the page sent to Node for it. */
  messages: number;
}

declare global {
  interface Window {
    /** Installed by installGenerationTimer: the generations that ended since the last take. */
    umiBenchTimer?: { take(): PageGeneration[] };
  }
}

/** Wraps the page's engine host and its Node binding to time every generation; idempotent. */
export function installGenerationTimer(): void {
  if (window.umiBenchTimer !== undefined) return;
  const host = window.umiEngineHost;
  const send = window.umiHarnessEmit;
  if (send === undefined) throw new Error('The harness page has no Node binding to time.');
  const running = new Map<number, { startedAt: number; messages: number }>();
  const ended: PageGeneration[] = [];
  const generate = host.generate.bind(host);
  host.generate = (id, generation, request) => {
    running.set(generation, { startedAt: performance.now(), messages: 0 });
    generate(id, generation, request);
  };
  window.umiHarnessEmit = (message: HostMessage) => {
    const timed = message.type === 'progress' ? undefined : running.get(message.generation);
    if (timed !== undefined && message.type !== 'progress') {
      timed.messages++;
      if (message.type === 'error' || message.event.type === 'finish') {
        const pageMs = performance.now() - timed.startedAt;
        ended.push({ generation: message.generation, pageMs, messages: timed.messages });
        running.delete(message.generation);
      }
    }
    return send(message);
  };
  window.umiBenchTimer = { take: () => ended.splice(0) };
}
