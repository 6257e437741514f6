import type {
  ChatCompletionMessageParam,
  ChatCompletionRequestStreaming,
  CompletionCreateParamsStreaming,
  ResponseFormat,
} from '@mlc-ai/web-llm';
import type { ChatRequest, CompletionRequest, GenerationOptions, OutputConstraint } from '../engine.ts';
import { GREEDY } from '../engine.ts';

/** The settings every WebLLM request of ours carries: the model, streaming with usage, sampling, limits. */
function baseParams(model: string, options: GenerationOptions) {
  const { temperature, topP, seed } = options.sampling ?? GREEDY;
  return {
    model,
    stream: true as const,
    stream_options: { include_usage: true },
    temperature: Math.max(0, temperature),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(seed === undefined ? {} : { seed }),
    ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
    ...(options.stop && options.stop.length > 0 ? { stop: [...options.stop] } : {}),
  };
}

/**
 * A raw completion for `completions.create`. It has no output constraint: WebLLM 0.2.86's text
 * completions take no `response_format` (the engine refuses constrained raw completions).
 */
export function completionParams(model: string, request: CompletionRequest): CompletionCreateParamsStreaming {
  return { ...baseParams(model, request), prompt: request.prompt };
}

/** A chat completion for `chat.completions.create`, with the constraint as WebLLM's response format. */
export function chatParams(model: string, request: ChatRequest): ChatCompletionRequestStreaming {
  const messages = request.messages.map(
    ({ role, content }): ChatCompletionMessageParam => ({ role, content }),
  );
  const format =
    request.constraint === undefined ? {} : { response_format: responseFormat(request.constraint) };
  return { ...baseParams(model, request), messages, ...format };
}

/** GBNF grammars go as `grammar` (xgrammar's EBNF, which follows GBNF), JSON Schemas as a schema string. */
export function responseFormat(constraint: OutputConstraint): ResponseFormat {
  if (constraint.type === 'grammar') return { type: 'grammar', grammar: constraint.grammar };
  return { type: 'json_object', schema: JSON.stringify(constraint.schema) };
}
