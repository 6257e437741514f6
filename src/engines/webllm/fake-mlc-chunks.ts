import type {
  ChatCompletionChunk,
  ChatCompletionFinishReason,
  Completion,
  CompletionUsage,
} from '@mlc-ai/web-llm';

/** Speeds every usage chunk of the fake reports. */
export const FAKE_SPEEDS = { prefill_tokens_per_s: 321.5, decode_tokens_per_s: 42.25 } as const;

/**
 * Makes one chunk of a fake stream, FOR TESTS: a delta (finish null), the finish chunk (a reason),
 * or the usage chunk (finish undefined, no choices), as WebLLM streams them.
 */
export type ChunkMaker<C> = (
  text: string,
  finish: ChatCompletionFinishReason | null | undefined,
  usage?: CompletionUsage,
) => C;

/** Chunks of a text completion (`completions.create`). */
export function completionChunks(model: string): ChunkMaker<Completion> {
  return (text, finish, usage) => ({
    id: 'fake',
    object: 'text_completion',
    created: 0,
    model,
    choices: finish === undefined ? [] : [{ text, finish_reason: finish, index: 0 }],
    ...(usage ? { usage } : {}),
  });
}

/** Chunks of a chat completion (`chat.completions.create`). */
export function chatChunks(model: string): ChunkMaker<ChatCompletionChunk> {
  return (text, finish, usage) => ({
    id: 'fake',
    object: 'chat.completion.chunk',
    created: 0,
    model,
    choices:
      finish === undefined
        ? []
        : [{ delta: { content: text, role: 'assistant' }, finish_reason: finish, index: 0 }],
    ...(usage ? { usage } : {}),
  });
}

/** Usage as WebLLM reports it, counting words as tokens. */
export function fakeUsage(prompt: string, completion: string): CompletionUsage {
  const [promptTokens, completionTokens] = [words(prompt).length, words(completion).length];
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    extra: { ...FAKE_SPEEDS, e2e_latency_s: 0, time_to_first_token_s: 0, time_per_output_token_s: 0 },
  };
}

/** The reply cut before its earliest stop string, as word tokens, then cut at max_tokens. */
export function planReply(
  reply: string,
  stop: string | string[] | null | undefined,
  maxTokens: number | null | undefined,
) {
  const stops = (typeof stop === 'string' ? [stop] : (stop ?? [])).filter((text) => text !== '');
  const cut = Math.min(reply.length, ...stops.map((text) => reply.indexOf(text)).filter((at) => at >= 0));
  const tokens = words(reply.slice(0, cut));
  const pieces = tokens.slice(0, maxTokens ?? tokens.length);
  return { pieces, reason: pieces.length < tokens.length ? 'length' : 'stop' } as const;
}

/** Splits text into pseudo-tokens: each word with its leading whitespace. */
function words(text: string): string[] {
  return text.match(/\s*\S+|\s+/g) ?? [];
}
