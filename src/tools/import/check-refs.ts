import { isNode } from './json-value.ts';
import { childSite, describeSite, type PathSegment, type Site } from './location.ts';
import type { ProblemList } from './problems.ts';
import { type DocumentSet, isReference } from './resolve-refs.ts';

/*
 * Every `$ref` in every loaded file is followed once, so that a broken one is reported where it is
 * used, even in parts no tool needs (responses, unused components). Literal data (`example`, `enum`,
 * `const`, `x-` extensions, Example Objects' values) is not searched: a `$ref` key there is data.
 */

/** Keys whose values map names to things; their keys are names, never keywords. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'schemas',
  'parameters',
  'responses',
  'securitySchemes',
  'securityDefinitions',
  'requestBodies',
  'headers',
  'links',
  'callbacks',
  'pathItems',
  'paths',
  'webhooks',
  'content',
  'variables',
]);
const LITERAL_KEYS = new Set(['example', 'enum', 'const']);

/** A hint for a bare name such as `Product` that was surely meant as a local definition. */
function bareNameHint(ref: string, root: unknown): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(ref) || !isNode(root)) return '';
  const components = isNode(root.components) ? root.components : {};
  const candidates: [unknown, string][] = [
    [root.definitions, '#/definitions/'],
    [components.schemas, '#/components/schemas/'],
  ];
  for (const [map, prefix] of candidates) {
    if (isNode(map) && Object.hasOwn(map, ref)) return `; did you mean "${prefix}${ref}"?`;
  }
  return '';
}

/** Reports every `$ref` in the document set that cannot be followed, as an error where it is used. */
export function reportBrokenRefs(docs: DocumentSet, problems: ProblemList): void {
  const visited = new Set<object>();
  const check = (node: { $ref: string }, site: Site) => {
    const outcome = docs.follow(node, site);
    if (outcome.ok) return;
    problems.error(
      `unresolvable $ref "${node.$ref}": ${outcome.reason}${bareNameHint(node.$ref, docs.root)}`,
      describeSite(site, docs.rootUrl),
    );
  };
  const walk = (value: unknown, site: Site, names: boolean): void => {
    if (typeof value !== 'object' || value === null || visited.has(value)) return;
    visited.add(value);
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, childSite(site, index), false);
      return;
    }
    if (!names && isReference(value)) check(value, site);
    for (const [key, item] of Object.entries(value)) {
      const inner = childSite(site, key);
      if (names) walk(item, inner, false);
      else if (key === 'examples' && isNode(item)) {
        for (const [name, example] of Object.entries(item))
          if (isReference(example)) check(example, childSite(inner, name));
      } else if (!LITERAL_KEYS.has(key) && !key.startsWith('x-'))
        walk(item, inner, NAME_MAPS.has(key) && isNode(item));
    }
  };
  for (const file of docs.files()) {
    const path: PathSegment[] = [];
    walk(file.value, { url: file.url, path }, false);
  }
}
