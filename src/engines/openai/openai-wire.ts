/** The subset of the OpenAI-compatible HTTP API umi speaks (vLLM, llama.cpp's server, Ollama, `umi serve`). */

/** Token counts the server reports on its last streamed chunk (`stream_options.include_usage`). */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
}

/** llama.cpp's server adds its own timings to each final chunk. */
export interface WireTimings {
  prompt_n?: number;
  cache_n?: number;
  prompt_per_second?: number;
  predicted_per_second?: number;
}

/** One streamed chunk of `/completions` (`text`) or `/chat/completions` (`delta.content`). */
export interface WireChunk {
  choices?: Array<{
    text?: string;
    delta?: { content?: string | null };
    finish_reason?: string | null;
  }>;
  usage?: WireUsage | null;
  timings?: WireTimings;
  error?: { message?: string };
}

/** An entry of `GET /models`; servers add their own fields for the context size. */
export interface WireModel {
  id: string;
  object?: string;
  owned_by?: string;
  /** vLLM. */
  max_model_len?: number;
  /** llama.cpp's server. */
  meta?: { n_ctx_train?: number; n_ctx?: number };
  /** `umi serve`. */
  context_length?: number;
}

/** The body of an error answer: `{error: {message}}` (OpenAI, vLLM, llama.cpp) or `{error: "…"}` (Ollama). */
export function wireErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown; message?: unknown }).error;
  if (typeof error === 'string') return error;
  if (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  )
    return (error as { message: string }).message;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? message : undefined;
}

/** The context size a models entry states, if any. */
export function wireContextLength(model: WireModel): number | undefined {
  const value = model.max_model_len ?? model.context_length ?? model.meta?.n_ctx ?? model.meta?.n_ctx_train;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
