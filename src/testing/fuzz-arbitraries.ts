// Test helper: fast-check arbitraries of untrusted model output, shared by the fuzz tests.
import fc from 'fast-check';
import type { JsonValue } from '../agent/json.ts';

/** Any JSON value with strings of any code point (fast-check types object members as optional; none is missing). */
export const jsonValue = (maxDepth: number): fc.Arbitrary<JsonValue> =>
  fc.jsonValue({ maxDepth, stringUnit: 'binary' }) as fc.Arbitrary<JsonValue>;

/** Pieces models write (tags, their fragments, JSON punctuation, odd whitespace), to mix with noise. */
const FRAGMENTS = [
  'Next: caller.',
  'Next: call',
  'Next: conclusion.',
  'Next: give up.',
  'Next:',
  ': ',
  'Action:',
  'Action: ',
  'Action Input:',
  'Action Input: {',
  'conclusion: ',
  'conclusion: give up',
  'search_city',
  'get_weather',
  '{"name": "Oslo"}',
  '{"city_id": 1}',
  '{"thought": "Find it.", "next": "caller"}',
  '{"name": "search_city", "arguments": {"name": "Oslo"}}',
  '"next": ',
  '"arguments": ',
  '{',
  '}',
  '[',
  ']',
  '"',
  '\\',
  '\\u',
  ':',
  ',',
  '.',
  '```json\n',
  '```',
  '</s>',
  'NaN',
  '-Infinity',
  '1e999',
  ' ',
  '\n',
  '\t',
  '\r\n',
  '\u0000',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
];

/** One UTF-16 code unit of a surrogate pair, alone: not valid Unicode, yet possible in JS strings. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
);

/** Random text made of model-output fragments, any code point and lone surrogates. */
export const fragmentText = (maxLength = 40): fc.Arbitrary<string> => fc.string({ unit, maxLength });

/** A JSON text broken by a cut, an inserted piece or a removed character. */
export const brokenJson: fc.Arbitrary<string> = fc
  .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('cut', 'insert', 'delete'), fragmentText(3))
  .map(([text, at, how, piece]) => {
    const index = at % (text.length + 1);
    if (how === 'cut') return text.slice(0, index);
    if (how === 'insert') return text.slice(0, index) + piece + text.slice(index);
    return text.slice(0, index) + text.slice(index + 1);
  });

/** Where deep JSON sits: alone, as a caller's arguments, or inside a chat caller's reply. */
const DEEP_WRAPPERS: ReadonlyArray<readonly [string, string]> = [
  ['', ''],
  ['Action: search_city\nAction Input: {"name": ', '}'],
  ['{"name": "search_city", "arguments": {"name": ', '}}'],
];

/** Brackets nested up to 12,000 deep (past every parser's limit), closed or left open, maybe wrapped. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 12_000 }),
    fc.constantFrom('[', '{"a":'),
    fc.boolean(),
    fc.constantFrom(...DEEP_WRAPPERS),
  )
  .map(([depth, open, closed, [before, after]]) => {
    const close = open === '[' ? ']' : '}';
    return closed
      ? `${before}${open.repeat(depth)}1${close.repeat(depth)}${after}`
      : before + open.repeat(depth);
  });

/** Text of 100 KB to 1.1 MB (one piece repeated), without whitespace so a scripted engine streams few tokens. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fragmentText(8), fc.integer({ min: 100_000, max: 1_100_000 }))
  .map(([piece, length]) => {
    const solid = piece.replace(/\s/g, '') || 'x';
    return solid.repeat(Math.ceil(length / solid.length));
  });

/** Arguments a caller might write: JSON values, mostly objects. */
const argumentsText = fc.oneof(
  fc.constantFrom('{"name": "Oslo"}', '{"city_id": 1}', '{}', '{"city_id": "one"}'),
  fc.json({ maxDepth: 2 }),
  brokenJson,
);

/** Outputs a well-behaved model of each role and profile would write. */
export const wellFormedOutput: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fragmentText(12), fc.constantFrom('Next: caller.', 'Next: conclusion.', 'Next: give up.'))
    .map(([thought, tag]) => `${thought} ${tag}`),
  fc
    .tuple(fc.constantFrom('search_city', 'get_weather', 'no_such_api'), argumentsText)
    .map(([name, args]) => `Action: ${name}\nAction Input: ${args}`),
  fc
    .tuple(fragmentText(12), fc.constantFrom('search_city', 'get_weather'), argumentsText)
    .map(([thought, name, args]) => `${thought}\nAction: ${name}\nAction Input: ${args}`),
  fragmentText(20).map((answer) => `Done.\nconclusion: ${answer}`),
  fc
    .tuple(fragmentText(12), fc.constantFrom('caller', 'conclusion', 'give up', 'elsewhere'))
    .map(([thought, next]) => JSON.stringify({ thought, next })),
  fc
    .tuple(fc.constantFrom('search_city', 'get_weather', 'no_such_api'), fc.jsonValue({ maxDepth: 2 }))
    .map(([name, args]) => JSON.stringify({ name, arguments: args })),
);

/** Any model output: garbage, broken or deep JSON, huge text, or valid-looking replies. */
export const modelOutput: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fragmentText() },
  { weight: 5, arbitrary: wellFormedOutput },
  { weight: 2, arbitrary: brokenJson },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeText },
);

/** Model output for whole runs: as above, with huge text rarer (each one is copied into later prompts). */
export const loopOutput: fc.Arbitrary<string> = fc.oneof(
  { weight: 50, arbitrary: fragmentText() },
  { weight: 50, arbitrary: wellFormedOutput },
  { weight: 20, arbitrary: brokenJson },
  { weight: 5, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeText },
);
