import type { OutputUnit } from '@cfworker/json-schema';

/*
 * A validator reports every failing schema keyword, wrappers included ($ref, properties, allOf, …), and
 * for a `oneOf`/`anyOf` the failures of every alternative. These helpers keep what a person can act on:
 * for each failed alternative set, the alternative the value came closest to (never the bare
 * `{"$ref": …}` alternative of a value that has no `$ref`), then the leaf failures only.
 */

/** Keywords whose failure only says that something below them failed. */
const WRAPPERS = new Set([
  '$ref',
  '$recursiveRef',
  'properties',
  'patternProperties',
  'items',
  'prefixItems',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'contains',
  'additionalItems',
  'unevaluatedItems',
  'false',
]);

const COMBINATORS = new Set(['oneOf', 'anyOf']);

function depth(pointer: string): number {
  return pointer.split('/').length;
}

function isLeaf(unit: OutputUnit): boolean {
  return !WRAPPERS.has(unit.keyword) && !COMBINATORS.has(unit.keyword);
}

function requiresRef(unit: OutputUnit): boolean {
  return unit.keyword === 'required' && unit.error.includes('"$ref"');
}

/** Keeps, for every failed `oneOf`/`anyOf`, only the errors of its closest alternative. */
function pickAlternatives(units: readonly OutputUnit[]): Set<OutputUnit> {
  const dropped = new Set<OutputUnit>();
  const combinators = units
    .filter((unit) => COMBINATORS.has(unit.keyword))
    .sort((a, b) => b.keywordLocation.length - a.keywordLocation.length);
  for (const combinator of combinators) {
    if (dropped.has(combinator)) continue;
    dropped.add(combinator);
    const prefix = `${combinator.keywordLocation}/`;
    const inside = units.filter((unit) => !dropped.has(unit) && unit.keywordLocation.startsWith(prefix));
    const matches = Number(/\((\d+) matches?\)/.exec(combinator.error)?.[1] ?? '0');
    if (matches > 0) {
      for (const unit of inside) dropped.add(unit); // too many alternatives matched: a consequence elsewhere
      continue;
    }
    const branches = new Map<string, OutputUnit[]>();
    for (const unit of inside) {
      const branch = unit.keywordLocation.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), unit]);
    }
    const score = (list: OutputUnit[]) => {
      const leaves = list.filter(isLeaf);
      return {
        reference: list.some(requiresRef) ? 1 : 0,
        depth: Math.max(0, ...leaves.map((unit) => depth(unit.instanceLocation))),
        count: leaves.length,
      };
    };
    const ranked = [...branches.entries()].sort(([, a], [, b]) => {
      const left = score(a);
      const right = score(b);
      return left.reference - right.reference || right.depth - left.depth || left.count - right.count;
    });
    for (const [, list] of ranked.slice(1)) for (const unit of list) dropped.add(unit);
  }
  return dropped;
}

function disallowedProperty(unit: OutputUnit): string | undefined {
  if (unit.keyword !== 'additionalProperties' && unit.keyword !== 'unevaluatedProperties') return undefined;
  return /^Property "(.*)" does not match/.exec(unit.error)?.[1];
}

/** A pointer with percent-escapes decoded (the validator may write `{` as `%7B`). */
function decoded(pointer: string): string {
  try {
    return decodeURIComponent(pointer);
  } catch {
    return pointer;
  }
}

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A readable sentence for one failed keyword. */
export function describeUnit(unit: OutputUnit): string {
  const property = disallowedProperty(unit);
  if (property !== undefined) return `property "${property}" is not allowed here`;
  const required = /^Instance does not have required property "(.*)"\.$/.exec(unit.error);
  if (required) return `required property "${required[1]}" is missing`;
  const type = /^Instance type "(.*)" is invalid\. Expected "(.*)"\.$/.exec(unit.error);
  if (type) return `must be of type ${type[2]}, not ${type[1]}`;
  const choices = /^Instance does not match any of (.*)\.$/s.exec(unit.error);
  if (choices) return `must be one of ${choices[1]}`;
  return unit.error.replace(/^Instance /, 'value ').replace(/\.$/, '');
}

/**
 * The failures worth reporting, each once: closest alternatives, leaves only, no knock-on effects (an
 * additional or unevaluated property is reported as not allowed only when nothing failed inside it).
 */
export function condenseErrors(units: readonly OutputUnit[]): OutputUnit[] {
  const dropped = pickAlternatives(units);
  let kept = units.filter((unit) => !dropped.has(unit) && isLeaf(unit));
  kept = kept.filter((unit) => {
    const property = disallowedProperty(unit);
    if (property === undefined) return true;
    const below = decoded(`${unit.instanceLocation}/${escapeToken(property)}`);
    return !kept.some((other) => {
      const location = decoded(other.instanceLocation);
      return other !== unit && (location === below || location.startsWith(`${below}/`));
    });
  });
  const seen = new Set<string>();
  const unique = kept.filter((unit) => {
    const key = `${unit.instanceLocation}\u0000${describeUnit(unit)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length > 0 || units.length === 0) return unique;
  const deepest = Math.max(...units.map((unit) => depth(unit.instanceLocation)));
  return units.filter((unit) => depth(unit.instanceLocation) === deepest).slice(0, 1);
}
