import { toErrorData } from '../../../agent/errors.ts';
import type { Engine, GenerationEvent, LoadProgress } from '../../engine.ts';
import { WllamaEngine } from '../wllama-engine.ts';
import type { EngineHost, HostedRequest, HostedState, HostMessage, Outcome } from './harness-protocol.ts';

/** Sends a message to the Node side (a no-op when the page is opened by hand). */
function emit(message: HostMessage): Promise<void> {
  return window.umiHarnessEmit?.(message) ?? Promise.resolve();
}

function state(engine: Engine): HostedState {
  return { loaded: engine.loaded, device: engine.device, capabilities: engine.capabilities };
}

async function outcome<T>(action: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

function stream(engine: Engine, request: HostedRequest, signal: AbortSignal): AsyncIterable<GenerationEvent> {
  const { kind, aborted: _aborted, ...options } = request;
  if (request.kind === 'chat') return engine.chat({ ...options, messages: request.messages, signal });
  return engine.complete({ ...options, prompt: request.prompt, signal });
}

/** Hosts WllamaEngines in a test page for a Node-side driver (see page-engine.ts). */
export function installEngineHost(): EngineHost {
  const engines = new Map<number, Engine>();
  const generations = new Map<number, AbortController>();
  let nextId = 1;
  const find = (id: number): Engine => {
    const engine = engines.get(id);
    if (!engine) throw new Error(`No engine ${id} in this page.`);
    return engine;
  };
  const host: EngineHost = {
    create: (options) =>
      outcome(async () => {
        const id = nextId++;
        const engine = new WllamaEngine(options);
        engines.set(id, engine);
        return { id, ...state(engine) };
      }),
    load: (id) =>
      outcome(async () => {
        const engine = find(id);
        let sent = Promise.resolve();
        const onProgress = (progress: LoadProgress) => {
          sent = sent.then(() => emit({ type: 'progress', engine: id, progress }));
        };
        await engine.load({ onProgress }).finally(() => sent);
        return state(engine);
      }),
    generate(id, generation, request) {
      const controller = new AbortController();
      if (request.aborted) controller.abort();
      generations.set(generation, controller);
      void (async () => {
        try {
          for await (const event of stream(find(id), request, controller.signal))
            await emit({ type: 'event', generation, event });
        } catch (error) {
          await emit({ type: 'error', generation, error: toErrorData(error) });
        } finally {
          generations.delete(generation);
        }
      })();
    },
    abort: (generation) => generations.get(generation)?.abort(),
    warm: (id, prompt) =>
      outcome(async () => {
        const engine = find(id);
        if (!engine.warm) throw new Error(`Engine ${id} cannot warm prompts.`);
        return engine.warm({ prompt });
      }),
    unload: (id) =>
      outcome(async () => {
        const engine = find(id);
        await engine.unload();
        return state(engine);
      }),
  };
  window.umiEngineHost = host;
  return host;
}
