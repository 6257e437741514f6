// Test helper: fast-check mutations of real OpenAPI documents, for the importer's fuzz test.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { fragmentText, hugeText, jsonValue } from './fuzz-arbitraries.ts';

type Container = Record<string, unknown> | unknown[];

/** Where a node sits: its container, its key there, and its JSON pointer. */
interface Slot {
  parent: Container;
  key: string | number;
  pointer: string;
}

const escapeToken = (key: string | number) => String(key).replaceAll('~', '~0').replaceAll('/', '~1');

/** Every node below the root, found without recursion. */
function slots(root: unknown): Slot[] {
  const found: Slot[] = [];
  const pending: Array<{ node: unknown; pointer: string }> = [{ node: root, pointer: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, pointer } = next;
    if (typeof node !== 'object' || node === null) continue;
    const entries: Array<[string | number, unknown]> = Array.isArray(node)
      ? node.map((item, index) => [index, item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      const childPointer = `${pointer}/${escapeToken(key)}`;
      found.push({ parent: node as Container, key, pointer: childPointer });
      pending.push({ node: child, pointer: childPointer });
    }
  }
  return found;
}

/** `$ref` targets: cyclic (the node itself, its parent, the root), dangling, external files and URLs that fail. */
const refTarget = fc.oneof(
  fc.constantFrom(
    'SELF',
    'PARENT',
    '#',
    '#/paths',
    '#/components/schemas/Pet',
    '#/definitions/Pet',
    '#/components/schemas/Node',
    '#/components/parameters/Missing',
    '#/%ZZ',
    '#/~2',
    '#//',
    'Pet.yaml',
    '../common/Error.yaml',
    'schemas/common.yaml#/parameters/TreeId',
    'other.yaml#/components/schemas/Thing',
    'other.yaml',
    'missing.yaml#/x',
    'file:///fuzz/other.yaml#/paths',
    'https://api.example.test/schemas.yaml#/Thing',
    'http://127.0.0.1:9/unreachable.json',
    'urn:example:thing',
    '',
  ),
  fragmentText(12),
);

/** One change to a document at a node picked by `at`. */
export type Mutation =
  | { at: number; kind: 'delete' }
  | { at: number; kind: 'replace'; value: unknown }
  | { at: number; kind: 'ref'; target: string }
  | { at: number; kind: 'rename'; name: string }
  | { at: number; kind: 'copy'; from: number };

const wrongValue = fc.oneof(
  { weight: 6, arbitrary: jsonValue(2) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, '', 'x', [], {}, [{}], { type: 'object' }),
  },
  { weight: 1, arbitrary: hugeText },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), kind: fc.constant('delete' as const) }),
  fc.record({ at: fc.nat(), kind: fc.constant('replace' as const), value: wrongValue }),
  fc.record({ at: fc.nat(), kind: fc.constant('ref' as const), target: refTarget }),
  fc.record({
    at: fc.nat(),
    kind: fc.constant('rename' as const),
    name: fc.oneof(fc.constantFrom('$ref', 'paths', 'type', 'properties', 'items', 'allOf'), fragmentText(8)),
  }),
  fc.record({ at: fc.nat(), kind: fc.constant('copy' as const), from: fc.nat() }),
);

/** Applies mutations in order to a copy of the document (a document without nodes is left as is). */
export function mutate(document: unknown, mutations: readonly Mutation[]): unknown {
  const root = structuredClone(document);
  for (const change of mutations) {
    const all = slots(root);
    const slot = all[change.at % Math.max(1, all.length)];
    if (slot === undefined) break;
    const { parent, key } = slot;
    const set = (value: unknown) => {
      (parent as Record<string | number, unknown>)[key] = value;
    };
    if (change.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (change.kind === 'replace') set(structuredClone(change.value));
    else if (change.kind === 'ref') {
      const parentPointer = slot.pointer.slice(0, slot.pointer.lastIndexOf('/'));
      const target =
        change.target === 'SELF'
          ? `#${slot.pointer}`
          : change.target === 'PARENT'
            ? `#${parentPointer}`
            : change.target;
      set({ $ref: target });
    } else if (change.kind === 'rename' && !Array.isArray(parent)) {
      const value = parent[key];
      delete parent[key];
      parent[change.name] = value;
    } else if (change.kind === 'copy') {
      const source = all[change.from % all.length];
      if (source !== undefined)
        set(structuredClone((source.parent as Record<string | number, unknown>)[source.key]));
    }
  }
  return root;
}

/** The document as JSON or YAML text, sometimes cut short. */
export function documentText(document: unknown, format: 'json' | 'yaml', cutAt: number | null): string {
  const text = format === 'json' ? JSON.stringify(document, null, 2) : dump(document, { noRefs: true });
  return cutAt === null ? text : text.slice(0, cutAt % (text.length + 1));
}
