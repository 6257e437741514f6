import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EngineError, toErrorData } from '../../agent/errors.ts';
import type {
  ChatMessage,
  Engine,
  GenerationEvent,
  GenerationOptions,
  OutputConstraint,
  Usage,
} from '../engine.ts';
import type { WireModel } from './openai-wire.ts';

/** What to serve and how. */
export interface OpenAiServerOptions {
  /** Loaded engines, served under their model ids. */
  engines: readonly Engine[];
  /** When set, every request must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  host?: string;
  /** 0 (the default): any free port. */
  port?: number;
}

/** A running server. */
export interface OpenAiServer {
  /** The API root, e.g. `http://127.0.0.1:8123/v1`. */
  baseUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...CORS, 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of request) {
    size += (part as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `The request body is over ${MAX_BODY_BYTES} bytes.`);
    parts.push(part as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    return body as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'The request body must be a JSON object.');
  }
}

/** The engine request fields of an OpenAI-style body (llama.cpp's `grammar` and `json_schema` included). */
function generationOptions(body: Record<string, unknown>): GenerationOptions {
  const number = (name: string) => {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new HttpError(400, `${name} must be a number.`);
    return value;
  };
  const options: GenerationOptions = {};
  const temperature = number('temperature');
  const topP = number('top_p');
  const seed = number('seed');
  options.sampling = {
    temperature: temperature ?? 1,
    ...(topP === undefined ? {} : { topP }),
    ...(seed === undefined ? {} : { seed }),
  };
  const maxTokens = number('max_tokens') ?? number('max_completion_tokens');
  if (maxTokens !== undefined) options.maxTokens = maxTokens;
  const stop = body.stop;
  if (typeof stop === 'string') options.stop = [stop];
  else if (Array.isArray(stop) && stop.every((item) => typeof item === 'string')) options.stop = stop;
  else if (stop !== undefined && stop !== null)
    throw new HttpError(400, 'stop must be a string or a list of strings.');
  const constraint = constraintOf(body);
  if (constraint !== undefined) options.constraint = constraint;
  return options;
}

function constraintOf(body: Record<string, unknown>): OutputConstraint | undefined {
  if (typeof body.grammar === 'string' && body.grammar !== '')
    return { type: 'grammar', grammar: body.grammar };
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  const schema =
    body.json_schema ?? (format?.type === 'json_schema' ? format.json_schema?.schema : undefined);
  if (typeof schema === 'object' && schema !== null && !Array.isArray(schema))
    return { type: 'json-schema', schema: schema as Record<string, never> };
  return undefined;
}

function messagesOf(body: Record<string, unknown>): ChatMessage[] {
  const messages = body.messages;
  const ok =
    Array.isArray(messages) &&
    messages.every(
      (message) =>
        typeof message === 'object' &&
        message !== null &&
        ['system', 'user', 'assistant'].includes((message as ChatMessage).role) &&
        typeof (message as ChatMessage).content === 'string',
    );
  if (!ok)
    throw new HttpError(400, 'messages must be a list of {role: system|user|assistant, content: text}.');
  return messages as ChatMessage[];
}

function wireUsage(usage: Usage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.reusedPromptTokens },
  };
}

function wireTimings(usage: Usage) {
  return {
    prompt_n: usage.promptTokens - usage.reusedPromptTokens,
    cache_n: usage.reusedPromptTokens,
    prompt_per_second: usage.prefillTokensPerSecond,
    predicted_per_second: usage.decodeTokensPerSecond,
  };
}

function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof EngineError)
    return error.code === 'unsupported' || error.code === 'context-overflow'
      ? 400
      : error.code === 'not-loaded'
        ? 503
        : 500;
  return 500;
}

/**
 * Serves engines over the OpenAI-compatible API (`GET /v1/models`, `POST /v1/completions`,
 * `POST /v1/chat/completions`, streamed or not), with llama.cpp's `grammar` / `json_schema` fields and
 * timings. A client that goes away aborts its generation. `umi serve` runs it on the embedded models.
 */
export async function startOpenAiServer(options: OpenAiServerOptions): Promise<OpenAiServer> {
  const byId = new Map(options.engines.map((engine) => [engine.modelId, engine]));
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://server.invalid').pathname.replace(/\/+$/, '');
    if (request.method === 'OPTIONS') {
      response.writeHead(204, CORS);
      response.end();
      return;
    }
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`)
      throw new HttpError(401, 'A valid API key is needed: Authorization: Bearer <key>.');
    if (request.method === 'GET' && path === '/v1/models') {
      const data: WireModel[] = options.engines.map((engine) => ({
        id: engine.modelId,
        object: 'model',
        owned_by: 'umi',
        context_length: engine.capabilities.contextLength,
      }));
      return send(response, 200, { object: 'list', data });
    }
    const chat = path === '/v1/chat/completions';
    if (request.method !== 'POST' || (!chat && path !== '/v1/completions'))
      throw new HttpError(
        404,
        `No ${request.method} ${path} here: use /v1/models, /v1/completions or /v1/chat/completions.`,
      );
    const body = await readJson(request);
    const engine = byId.get(String(body.model));
    if (engine === undefined)
      throw new HttpError(
        404,
        `No model "${String(body.model)}"; this server has ${[...byId.keys()].join(', ')}.`,
      );
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    const generation = { ...generationOptions(body), signal: controller.signal };
    let stream: AsyncIterable<GenerationEvent>;
    if (chat) stream = engine.chat({ messages: messagesOf(body), ...generation });
    else if (typeof body.prompt === 'string')
      stream = engine.complete({ prompt: body.prompt, ...generation });
    else throw new HttpError(400, 'prompt must be one string.');
    const id = `umi-${Date.now().toString(36)}`;
    const choice = (text: string, finish: string | null) =>
      chat
        ? { index: 0, delta: { content: text }, finish_reason: finish }
        : { index: 0, text, finish_reason: finish };
    if (body.stream !== true) {
      let text = '';
      for await (const event of stream) {
        if (event.type === 'finish') {
          text = event.text;
          const message = chat ? { message: { role: 'assistant', content: text } } : { text };
          return send(response, 200, {
            id,
            object: chat ? 'chat.completion' : 'text_completion',
            model: engine.modelId,
            choices: [{ index: 0, ...message, finish_reason: event.reason === 'length' ? 'length' : 'stop' }],
            usage: wireUsage(event.usage),
            timings: wireTimings(event.usage),
          });
        }
      }
      throw new HttpError(500, 'The engine ended without a finish.');
    }
    let started = false;
    const write = (data: unknown) => {
      if (!started) {
        response.writeHead(200, {
          ...CORS,
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
        });
        started = true;
      }
      response.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    };
    const object = chat ? 'chat.completion.chunk' : 'text_completion';
    try {
      for await (const event of stream) {
        if (event.type === 'token-delta')
          write({ id, object, model: engine.modelId, choices: [choice(event.text, null)] });
        else if (event.reason !== 'abort') {
          write({
            id,
            object,
            model: engine.modelId,
            choices: [choice('', event.reason === 'length' ? 'length' : 'stop')],
            timings: wireTimings(event.usage),
          });
          if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage)
            write({ id, object, model: engine.modelId, choices: [], usage: wireUsage(event.usage) });
          write('[DONE]');
        }
      }
    } catch (error) {
      if (!started) throw error;
      write({ error: { message: toErrorData(error).message } });
    }
    response.end();
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) response.end();
      else
        send(response, statusOf(error), {
          error: { message: toErrorData(error).message, code: statusOf(error) },
        });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((done) => server.listen(options.port ?? 0, host, done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${port}/v1`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
