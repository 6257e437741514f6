import { type ArgumentGrounding, groundedNumbers, matchingSpans, spanRules } from './argument-grounding.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';
import { pythonJsonDumps, pythonJsonString } from './python-json.ts';
import { stringConstraint } from './string-constraint.ts';

/** An API the caller may name, with the JSON Schema of its arguments object. */
export interface CallerApi {
  name: string;
  schema: JsonObject;
}

/** A GBNF string literal for any text. */
export function gbnfLiteral(text: string): string {
  const escaped = text.replace(
    /[\\"\n\r\t]/g,
    (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c,
  );
  return `"${escaped}"`;
}

const PRIMITIVES = [
  'string ::= "\\"" char* "\\""',
  'char ::= [^"\\\\\\x00-\\x1F] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
  'integer ::= "-"? ("0" | [1-9] [0-9]{0,15})',
  'number ::= integer ("." [0-9]{1,15})? ([eE] [-+]? [0-9]{1,3})?',
  'boolean ::= "true" | "false"',
  'null ::= "null"',
  'value ::= object | array | string | number | boolean | null',
  'object ::= "{" ( string ": " value ( ", " string ": " value )* )? "}"',
  'array ::= "[" ( value ( ", " value )* )? "]"',
];

/** Builds rules for one schema; returns the rule name that matches it. */
class RuleSet {
  readonly rules: string[] = [];
  #count = 0;
  readonly #grounding: ArgumentGrounding | undefined;
  #grounded: { string?: string; integer?: string; number?: string } | undefined;

  constructor(grounding?: ArgumentGrounding) {
    this.#grounding = grounding;
  }

  /** The grounded rules for free strings and numbers, built once; absent where the texts have none. */
  #groundedRules(): { string?: string; integer?: string; number?: string } {
    if (this.#grounded !== undefined || this.#grounding === undefined) return this.#grounded ?? {};
    const grounded: { string?: string; integer?: string; number?: string } = {};
    const spans = spanRules(this.#grounding, 'g');
    if (spans !== undefined) {
      this.rules.push(...spans.rules);
      grounded.string = this.add(`"\\"" ${spans.start} "\\""`);
    }
    const { integers, numbers } = groundedNumbers(this.#grounding);
    if (integers.length > 0) grounded.integer = this.add(integers.map((n) => gbnfLiteral(n)).join(' | '));
    if (numbers.length > 0) grounded.number = this.add(numbers.map((n) => gbnfLiteral(n)).join(' | '));
    this.#grounded = grounded;
    return grounded;
  }

  add(body: string): string {
    const name = `r${this.#count++}`;
    this.rules.push(`${name} ::= ${body}`);
    return name;
  }

  /** The rule for a JSON value valid for `schema` (the subset small tools use; anything else: any JSON). */
  schema(schema: JsonValue | undefined): string {
    if (!isJsonObject(schema)) return 'value';
    if (Array.isArray(schema.enum) && schema.enum.length > 0)
      return this.add(schema.enum.map((option) => gbnfLiteral(pythonJsonDumps(option))).join(' | '));
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const alternatives = types.map((type) => this.#typed(type, schema));
    if (alternatives.includes('value')) return 'value';
    return alternatives.length === 1 ? (alternatives[0] as string) : this.add(alternatives.join(' | '));
  }

  #typed(type: JsonValue | undefined, schema: JsonObject): string {
    switch (type) {
      case 'string':
        return this.#string(schema);
      case 'integer':
        return this.#integer(schema);
      case 'number':
        return this.#groundedRules().number ?? 'number';
      case 'boolean':
      case 'null':
        return type;
      case 'array':
        return this.#array(schema.items);
      case 'object':
        return isJsonObject(schema.properties) ? this.objectOf(schema) : 'object';
      default:
        return 'value';
    }
  }

  /** Small closed ranges (such as a `limit` of 1–50) are listed; others are any integer. */
  #integer(schema: JsonObject): string {
    const { minimum, maximum } = schema;
    const free = this.#groundedRules().integer ?? 'integer';
    if (typeof minimum !== 'number' || typeof maximum !== 'number') return free;
    const low = Math.ceil(minimum);
    const high = Math.floor(maximum);
    if (high < low || high - low > 100) return free;
    return this.add(
      Array.from({ length: high - low + 1 }, (_, i) => gbnfLiteral(String(low + i))).join(' | '),
    );
  }

  /**
   * Length bounds are kept (except for a grounded span). Grounded, a string with a `pattern` or
   * `format` is one of the spans that satisfy it; ungrounded, those are not enforced.
   */
  #string(schema: JsonObject): string {
    const constrained = this.#constrainedSpans(schema);
    if (constrained !== undefined && constrained.length > 0)
      return this.add(constrained.map((span) => gbnfLiteral(pythonJsonString(span))).join(' | '));
    const grounded = this.#groundedRules().string;
    if (grounded !== undefined) return grounded;
    const min = typeof schema.minLength === 'number' ? Math.max(0, Math.floor(schema.minLength)) : 0;
    const max = typeof schema.maxLength === 'number' ? Math.floor(schema.maxLength) : undefined;
    if (min === 0 && max === undefined) return 'string';
    return this.add(`"\\"" char{${min},${max ?? ''}} "\\""`);
  }

  /**
   * The grounded spans a string schema's `pattern`/`format` allows; undefined when there is no
   * grounding, the schema is not a plain string with such a constraint, or too many spans match.
   */
  #constrainedSpans(schema: JsonValue | undefined): string[] | undefined {
    if (this.#grounding === undefined || !isJsonObject(schema) || schema.type !== 'string') return undefined;
    if (Array.isArray(schema.enum)) return undefined;
    const accept = stringConstraint(schema);
    return accept === undefined ? undefined : matchingSpans(this.#grounding, accept);
  }

  #array(items: JsonValue | undefined): string {
    const item = this.schema(items);
    return this.add(`"[" ( ${item} ( ", " ${item} )* )? "]"`);
  }

  /**
   * An object with the schema's properties in their declared order, each written as Python's
   * json.dumps writes it (`"key": value`, `", "` between); required ones must appear, optional
   * ones may be left out, and an optional one no grounded text can satisfy is left out.
   */
  objectOf(schema: JsonObject): string {
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const properties = (isJsonObject(schema.properties) ? Object.entries(schema.properties) : []).filter(
      ([key, property]) => required.has(key) || this.#constrainedSpans(property)?.length !== 0,
    );
    if (properties.length === 0) return this.add('"{}"');
    const pairs = properties.map(([key, property]) => ({
      pair: `${gbnfLiteral(`${pythonJsonDumps(key)}: `)} ${this.schema(property)}`,
      required: required.has(key),
    }));
    // tail: what may follow property i once a pair is written; start: the same before any pair ('' = nothing).
    let tail = '';
    let start = '';
    for (let i = pairs.length - 1; i >= 0; i--) {
      const { pair, required: must } = pairs[i] as { pair: string; required: boolean };
      const rest = `${pair} ${tail}`.trim();
      const nextTail = this.add(must ? `", " ${rest}` : `(", " ${pair})? ${tail}`.trim());
      const nextStart = must ? this.add(rest) : this.add(start === '' ? `(${rest})?` : `${rest} | ${start}`);
      tail = nextTail;
      start = nextStart;
    }
    return this.add(`"{" ${start} "}"`);
  }
}

/**
 * A GBNF grammar that lets the α-UMi caller write only `Action: <one of the names>\nAction Input:
 * <JSON valid for that API's arguments schema>`, in the serialization the models were trained on.
 * With a grounding, free strings and numbers (no enum, no small range) must be copied from it.
 */
export function callerGrammar(apis: readonly CallerApi[], grounding?: ArgumentGrounding): string {
  return callGrammar(
    apis,
    grounding,
    (name, args) => `${gbnfLiteral(name)} "\\nAction Input: " ${args}`,
    (calls) => `"Action: " ( ${calls} )`,
  );
}

/** A grammar offering one call per API: `call` writes one API's alternative, `root` wraps them all. */
function callGrammar(
  apis: readonly CallerApi[],
  grounding: ArgumentGrounding | undefined,
  call: (name: string, argumentsRule: string) => string,
  root: (calls: string) => string,
): string {
  if (apis.length === 0) throw new Error('A caller grammar needs at least one API.');
  const rules = new RuleSet(grounding);
  const calls = apis.map(({ name, schema }) => call(name, rules.objectOf(schema)));
  return [`root ::= ${root(calls.join(' | '))}`, ...rules.rules, ...PRIMITIVES].join('\n');
}

/**
 * The chat profile's caller reply as a GBNF grammar: `{"name": <an offered name>, "arguments":
 * <JSON valid for that API's schema>}`, with the same schema subset (small ranges listed, required
 * keys, enums) and optional grounding as `callerGrammar`.
 */
export function chatCallerGrammar(apis: readonly CallerApi[], grounding?: ArgumentGrounding): string {
  return callGrammar(
    apis,
    grounding,
    (name, args) => `${gbnfLiteral(pythonJsonDumps(name))} ", \\"arguments\\": " ${args}`,
    (calls) => `"{\\"name\\": " ( ${calls} ) "}"`,
  );
}

const DOC_TYPES = new Set(['string', 'integer', 'number', 'boolean', 'array', 'object']);

/**
 * A JSON Schema for an α-UMi doc object's `input` map (`{"param": "type, description"}`), for test
 * sets whose tools are doc objects only: the declared types, nothing required.
 */
export function docObjectSchema(doc: JsonObject): JsonObject {
  const input = isJsonObject(doc.input) ? doc.input : {};
  const properties: JsonObject = {};
  for (const [key, text] of Object.entries(input)) {
    const type = typeof text === 'string' ? (text.split(',')[0] ?? '').trim() : '';
    properties[key] = DOC_TYPES.has(type) ? { type } : {};
  }
  return { type: 'object', properties };
}
