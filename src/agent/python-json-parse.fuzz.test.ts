import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenJson, deepNesting, jsonValue, modelOutput } from '../testing/fuzz-arbitraries.ts';
import { checkFuzz, reportFuzzTotal } from '../testing/fuzz-runs.ts';
import { pythonJsonDumps } from './python-json.ts';
import { parsePythonJson } from './python-json-parse.ts';

reportFuzzTotal('python-json-parse');

const PYTHON_ERROR = /: line \d+ column \d+ \(char \d+\)$/;

describe('parsePythonJson under fuzzing', () => {
  it('never throws, and every failure is a Python-style message with line, column and char', async () => {
    await checkFuzz(
      'parsePythonJson any text',
      fc.property(fc.oneof(modelOutput, deepNesting), (text) => {
        const parsed = parsePythonJson(text);
        if (!parsed.ok) expect(parsed.error).toMatch(PYTHON_ERROR);
      }),
      { runs: 200 },
    );
  });

  it('accepts and rejects strict JSON exactly as JSON.parse does, with the same values', async () => {
    const strictText = fc
      .oneof(fc.json({ maxDepth: 4 }), brokenJson)
      .filter((text) => !/NaN|Infinity/.test(text));
    await checkFuzz(
      'parsePythonJson agrees with JSON.parse',
      fc.property(strictText, (text) => {
        let expected: { ok: true; value: unknown } | { ok: false };
        try {
          expected = { ok: true, value: JSON.parse(text) };
        } catch {
          expected = { ok: false };
        }
        const parsed = parsePythonJson(text);
        expect(parsed.ok).toBe(expected.ok);
        if (parsed.ok && expected.ok) expect(parsed.value).toEqual(expected.value);
      }),
      { runs: 200 },
    );
  });

  it('reads back what pythonJsonDumps writes, any JSON value included', async () => {
    await checkFuzz(
      'parsePythonJson round trip',
      fc.property(jsonValue(4), (value) => {
        const text = pythonJsonDumps(value);
        const parsed = parsePythonJson(text);
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(pythonJsonDumps(parsed.value)).toBe(text);
      }),
      { runs: 200 },
    );
  });

  it('returns only values that can be serialized, copied and dumped again, however deep the input', async () => {
    await checkFuzz(
      'parsePythonJson deep nesting',
      fc.property(deepNesting, (text) => {
        const parsed = parsePythonJson(text);
        if (!parsed.ok) return;
        // What the agent does with parsed arguments: a step record, a copy in the run-end event, a prompt.
        expect(JSON.parse(JSON.stringify(parsed.value))).toEqual(parsed.value);
        expect(structuredClone(parsed.value)).toEqual(parsed.value);
        expect(parsePythonJson(pythonJsonDumps(parsed.value)).ok).toBe(true);
      }),
      { runs: 100 },
    );
  });
});
