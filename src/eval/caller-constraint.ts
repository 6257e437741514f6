import { groundingOf } from '../agent/argument-grounding.ts';
import { callerGrammar, docObjectSchema } from '../agent/caller-grammar.ts';
import type { JsonObject } from '../agent/json.ts';
import type { Turn } from '../agent/trajectory.ts';
import type { Engine, OutputConstraint } from '../engines/engine.ts';

/** Whether the caller is constrained, and why not when it was asked for but cannot be. */
export interface CallerConstraintSetting {
  requested: boolean;
  active: boolean;
}

/** Constrained when asked for and the caller's engine compiles grammars. */
export function callerConstraintSetting(
  requested: boolean,
  caller: Engine | undefined,
): CallerConstraintSetting {
  return { requested, active: requested && caller?.capabilities.grammar === true };
}

/**
 * The caller's grammar constraint for a dialogue's doc objects and the history the caller reads:
 * grounded in that history, or the tool set's grammar alone, cached per tool set (the test files
 * repeat one tool set on every step).
 */
export function createCallerConstraints(
  grounded: boolean,
): (docs: readonly JsonObject[], history: readonly Turn[]) => OutputConstraint {
  const cache = new Map<string, OutputConstraint>();
  const apisOf = (docs: readonly JsonObject[]) =>
    docs.map((doc) => ({ name: String(doc.Name), schema: docObjectSchema(doc) }));
  return (docs, history) => {
    if (grounded) return { type: 'grammar', grammar: callerGrammar(apisOf(docs), groundingOf(history)) };
    const key = JSON.stringify(docs);
    let constraint = cache.get(key);
    if (constraint === undefined) {
      constraint = { type: 'grammar', grammar: callerGrammar(apisOf(docs)) };
      cache.set(key, constraint);
    }
    return constraint;
  };
}
