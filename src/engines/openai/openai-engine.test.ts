import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_MODELS_DIR } from '../../catalog/node-model-files.ts';
import { collectGeneration, GREEDY } from '../engine.ts';
import { describeEngineContract } from '../engine-contract.ts';
import { NodeLlamaEngine } from '../node-llama/node-llama-engine.ts';
import { FIXTURE } from '../node-llama/test-support.ts';
import { OpenAiEngine } from './openai-engine.ts';
import { type OpenAiServer, startOpenAiServer } from './openai-server.ts';

/**
 * The remote engine against a real OpenAI-compatible server: `umi serve`'s server with node-llama-cpp
 * running the embedded models behind it, over real HTTP and server-sent events (no stubbed fetch).
 * The contract runs on the random-weights fixture the node-llama-cpp contract uses (the embedded models
 * know only the agent's prompt format, so none of them counts to a stop string on the contract's
 * counting prompt); the other tests on the planner.
 */
const MODEL = 'umi-tiny-planner';
const CONTRACT_MODEL = 'tiny-random';
const PROMPT =
  'system: You are AutoGPT, you can use many tools.\nuser: What is the weather in Lausanne?</s>assistant: ';
const native = new NodeLlamaEngine({
  modelPath: join(EMBEDDED_MODELS_DIR, `${MODEL}.gguf`),
  modelId: MODEL,
  contextSize: 1024,
});
const caller = new NodeLlamaEngine({ modelPath: FIXTURE, modelId: CONTRACT_MODEL, contextSize: 1024 });
const keyed = new NodeLlamaEngine({
  modelPath: join(EMBEDDED_MODELS_DIR, `${MODEL}.gguf`),
  modelId: MODEL,
  contextSize: 1024,
});
let server: OpenAiServer;
let keyedServer: OpenAiServer;

beforeAll(async () => {
  await native.load();
  await caller.load();
  await keyed.load();
  server = await startOpenAiServer({ engines: [native, caller] });
  keyedServer = await startOpenAiServer({ engines: [keyed], apiKey: 'sk-test-secret' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await keyedServer?.close();
  await native.unload();
  await caller.unload();
  await keyed.unload();
});

const remote = (options: Partial<ConstructorParameters<typeof OpenAiEngine>[0]> = {}) =>
  new OpenAiEngine({ baseUrl: server.baseUrl, model: MODEL, capabilities: { chat: false }, ...options });

describeEngineContract('openai (umi serve on node-llama-cpp)', () => remote({ model: CONTRACT_MODEL }), {
  timeoutMs: 30_000,
  abortLatencyMs: 1_500,
});

/** A proxy in front of the server that cuts every streamed answer after `bytes` bytes of its body. */
async function droppingProxy(
  target: string,
  bytes: number,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const proxy: Server = createServer((incoming, outgoing) => {
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        let sent = 0;
        answer.on('data', (chunk: Buffer) => {
          if (sent >= bytes) return;
          outgoing.write(chunk);
          sent += chunk.length;
          if (sent >= bytes) outgoing.socket?.destroy();
        });
        answer.on('end', () => outgoing.end());
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${upstream.pathname}`,
    close: () =>
      new Promise<void>((done) => {
        proxy.closeAllConnections();
        proxy.close(() => done());
      }),
  };
}

describe('OpenAiEngine', { timeout: 30_000 }, () => {
  it('streams the same greedy text as node-llama-cpp gives in-process, with the server’s counts', async () => {
    const engine = remote();
    await engine.load();
    const request = { prompt: PROMPT, maxTokens: 24, sampling: GREEDY };
    const local = await collectGeneration(native.complete(request));
    const over = await collectGeneration(engine.complete(request));
    expect(over.text).toBe(local.text);
    expect(over.usage.promptTokens).toBe(local.usage.promptTokens);
    expect(over.usage.completionTokens).toBe(local.usage.completionTokens);
    expect(engine.capabilities.contextLength).toBe(1024);
  });

  it('reports a connection dropped mid-stream as a failed generation naming the server and the tokens so far', async () => {
    const proxy = await droppingProxy(server.baseUrl, 600);
    try {
      const engine = remote({ baseUrl: proxy.baseUrl });
      await engine.load();
      const failure = collectGeneration(
        engine.complete({ prompt: PROMPT, maxTokens: 200, sampling: GREEDY }),
      );
      await expect(failure).rejects.toMatchObject({ name: 'EngineError', code: 'generation-failed' });
      await expect(failure).rejects.toThrow(/connection to .*\/completions dropped after \d+ tokens?/);
    } finally {
      await proxy.close();
    }
  });

  it('fails to load with a message saying where when no server answers', async () => {
    const closed = await startOpenAiServer({ engines: [] });
    await closed.close();
    const engine = remote({ baseUrl: closed.baseUrl });
    await expect(engine.load()).rejects.toMatchObject({ name: 'EngineError', code: 'load-failed' });
    await expect(engine.load()).rejects.toThrow(
      /Could not reach http:\/\/127\.0\.0\.1:\d+\/v1\/models .*Is the server running/,
    );
    expect(engine.loaded).toBe(false);
  });

  it('refuses a model the server does not serve, naming the ones it does', async () => {
    await expect(remote({ model: 'llama-70b' }).load()).rejects.toThrow(
      `does not serve "llama-70b"; it serves "${MODEL}"`,
    );
  });

  it('sends the API key, and a wrong one is refused with a message that says to check it and never shows it', async () => {
    const right = remote({ baseUrl: keyedServer.baseUrl, apiKey: 'sk-test-secret' });
    await right.load();
    const finish = await collectGeneration(
      right.complete({ prompt: PROMPT, maxTokens: 4, sampling: GREEDY }),
    );
    expect(finish.usage.completionTokens).toBeGreaterThan(0);
    const wrong = remote({ baseUrl: keyedServer.baseUrl, apiKey: 'sk-wrong-guess' });
    const refusal = wrong.load();
    await expect(refusal).rejects.toThrow(/HTTP 401.*Check the API key/);
    await expect(refusal).rejects.not.toThrow(/sk-wrong-guess/);
  });

  it('maps a prompt over the context to context-overflow with the server’s reason', async () => {
    const engine = remote();
    await engine.load();
    const long = 'word '.repeat(3000);
    await expect(collectGeneration(engine.complete({ prompt: long, maxTokens: 4 }))).rejects.toMatchObject({
      name: 'EngineError',
      code: 'context-overflow',
    });
  });
});
