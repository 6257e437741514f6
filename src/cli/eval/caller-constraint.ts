import { callerGrammar, docObjectSchema } from '../../agent/caller-grammar.ts';
import type { JsonObject } from '../../agent/json.ts';
import type { Engine, OutputConstraint } from '../../engines/engine.ts';

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
 * The caller's grammar constraint for a dialogue's doc objects, cached per tool set (the test files
 * repeat one tool set on every step).
 */
export function createCallerConstraints(): (docs: readonly JsonObject[]) => OutputConstraint {
  const cache = new Map<string, OutputConstraint>();
  return (docs) => {
    const key = JSON.stringify(docs);
    let constraint = cache.get(key);
    if (constraint === undefined) {
      const apis = docs.map((doc) => ({ name: String(doc.Name), schema: docObjectSchema(doc) }));
      constraint = { type: 'grammar', grammar: callerGrammar(apis) };
      cache.set(key, constraint);
    }
    return constraint;
  };
}
