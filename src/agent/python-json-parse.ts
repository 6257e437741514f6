import { type JsonObject, type JsonValue, MAX_JSON_DEPTH } from './json.ts';
import { codePointLength } from './python-text.ts';

/** The outcome of parsing: the value, or Python's error message (`Expecting value: line 1 column 1 (char 0)`). */
export type PythonJsonParse = { ok: true; value: JsonValue } | { ok: false; error: string };

/** Deepest nesting accepted (1000, Python's recursion limit); deeper input is an error, never a throw. */
export { MAX_JSON_DEPTH } from './json.ts';

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const LITERALS: ReadonlyArray<readonly [string, JsonValue]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

class Failure {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

type Frame = { array: JsonValue[] } | { object: JsonObject; key: string };

/** Parses text like Python's `json.loads`: strict JSON plus `NaN`, `Infinity`, `-Infinity`; never throws. */
export function parsePythonJson(text: string): PythonJsonParse {
  try {
    return { ok: true, value: new Parser(text).parseDocument() };
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    const column = codePointLength(before.slice(before.lastIndexOf('\n') + 1)) + 1;
    return {
      ok: false,
      error: `${error.message}: line ${line} column ${column} (char ${codePointLength(before)})`,
    };
  }
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    const stack: Frame[] = [];
    this.skipWhitespace();
    for (;;) {
      let value = this.openValue(stack);
      if (value === undefined) continue;
      // A value is complete: hand it to its container, closing containers as their brackets come.
      for (;;) {
        const top = stack.at(-1);
        if (top === undefined) {
          this.skipWhitespace();
          if (this.pos !== this.text.length) throw new Failure('Extra data', this.pos);
          return value;
        }
        if ('array' in top) top.array.push(value);
        else setKey(top.object, top.key, value);
        this.skipWhitespace();
        const char = this.text[this.pos];
        if (char === ',') {
          this.pos++;
          this.skipWhitespace();
          if ('object' in top) top.key = this.parseKey();
          break;
        }
        if (char !== ('array' in top ? ']' : '}')) throw new Failure("Expecting ',' delimiter", this.pos);
        this.pos++;
        stack.pop();
        value = 'array' in top ? top.array : top.object;
      }
    }
  }

  /** Parses a scalar or an empty container, or opens a container (pushed, `undefined` returned). */
  private openValue(stack: Frame[]): JsonValue | undefined {
    const char = this.text[this.pos];
    if (char === '[' || char === '{') {
      if (stack.length >= MAX_JSON_DEPTH)
        throw new Failure(`Nesting deeper than ${MAX_JSON_DEPTH}`, this.pos);
      this.pos++;
      this.skipWhitespace();
      if (char === '[') {
        if (this.text[this.pos] === ']') return this.advance([], 1);
        stack.push({ array: [] });
        return undefined;
      }
      if (this.text[this.pos] === '}') return this.advance({}, 1);
      stack.push({ object: {}, key: this.parseKey() });
      return undefined;
    }
    if (char === '"') return this.parseString();
    for (const [word, value] of LITERALS)
      if (this.text.startsWith(word, this.pos)) return this.advance(value, word.length);
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) throw new Failure('Expecting value', this.pos);
    this.pos += match[0].length;
    return Number(match[0]);
  }

  /** Parses `"key" :` and leaves the position at the value. */
  private parseKey(): string {
    if (this.text[this.pos] !== '"')
      throw new Failure('Expecting property name enclosed in double quotes', this.pos);
    const key = this.parseString();
    this.skipWhitespace();
    if (this.text[this.pos] !== ':') throw new Failure("Expecting ':' delimiter", this.pos);
    this.pos++;
    this.skipWhitespace();
    return key;
  }

  private parseString(): string {
    const start = this.pos;
    const text = this.text;
    let result = '';
    let chunkStart = ++this.pos;
    for (;;) {
      if (this.pos >= text.length) throw new Failure('Unterminated string starting at', start);
      const code = text.charCodeAt(this.pos);
      if (code === 0x22) {
        result += text.slice(chunkStart, this.pos++);
        return result;
      }
      if (code < 0x20) throw new Failure('Invalid control character at', this.pos);
      if (code !== 0x5c) {
        this.pos++;
        continue;
      }
      result += text.slice(chunkStart, this.pos);
      const escaped = text[this.pos + 1];
      if (escaped === undefined) throw new Failure('Unterminated string starting at', start);
      if (escaped === 'u') {
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Failure('Invalid \\uXXXX escape', this.pos + 1);
        result += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 6;
      } else {
        const replacement = ESCAPES[escaped];
        if (replacement === undefined) throw new Failure('Invalid \\escape', this.pos);
        result += replacement;
        this.pos += 2;
      }
      chunkStart = this.pos;
    }
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const char = text[this.pos];
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') return;
      this.pos++;
    }
  }

  private advance<T extends JsonValue>(value: T, length: number): T {
    this.pos += length;
    return value;
  }
}

/** Sets an own property, even `__proto__`; a repeated key keeps its first position and last value, as in Python. */
function setKey(object: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
