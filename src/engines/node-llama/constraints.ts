import type { GbnfJsonSchema, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { EngineError } from '../../agent/errors.ts';
import type { OutputConstraint } from '../engine.ts';
import type { RuntimeLease } from './llama-runtime.ts';

/** A grammar ready for one generation, with the text rules that come with it. */
export interface PreparedConstraint {
  grammar: LlamaGrammar;
  /** Text that ends the generation (JSON Schema grammars end in four newlines, which are cut). */
  stops: string[];
  /** Drop trailing whitespace from the text. */
  trimEnd: boolean;
}

/**
 * Compiles a constraint into a llama.cpp grammar: GBNF as given, JSON Schema through
 * node-llama-cpp's converter (the subset it supports; other keywords are not enforced).
 */
export async function prepareConstraint(
  runtime: RuntimeLease,
  constraint: OutputConstraint,
  modelId: string,
): Promise<PreparedConstraint> {
  const { llama, lib } = runtime;
  let grammar: LlamaGrammar;
  try {
    grammar =
      constraint.type === 'grammar'
        ? await llama.createGrammar({ grammar: constraint.grammar })
        : await llama.createGrammarForJsonSchema<GbnfJsonSchema>(constraint.schema as GbnfJsonSchema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const data = { constraint: constraint.type };
    if (constraint.type === 'grammar')
      throw new EngineError('generation-failed', `${modelId}: the GBNF grammar is invalid: ${reason}`, data);
    throw new EngineError(
      'unsupported',
      `${modelId}: node-llama-cpp cannot compile this JSON Schema: ${reason}`,
      data,
    );
  }
  const stops = grammar.stopGenerationTriggers.flatMap((trigger) => {
    if (typeof trigger === 'string') return [trigger];
    if (lib.isLlamaText(trigger)) return [trigger.toString()];
    return trigger.every((part) => typeof part === 'string') ? [trigger.join('')] : [];
  });
  return { grammar, stops, trimEnd: grammar.trimWhitespaceSuffix };
}

/** A fresh grammar evaluation state for one generation. */
export function grammarState(runtime: RuntimeLease, model: LlamaModel, prepared: PreparedConstraint) {
  return new runtime.lib.LlamaGrammarEvaluationState({ model, grammar: prepared.grammar });
}
