import { describe, expect, it } from 'vitest';
import { complete, setupFixtureEngines } from './test-support.ts';

const { keeper } = setupFixtureEngines();

describe('NodeLlamaEngine constraints', { timeout: 10_000 }, () => {
  it('a GBNF grammar allows only the caller format, whatever the sampling', async () => {
    const grammar = 'root ::= "Action: " ("a" | "b") "\\nAction Input: {}"';
    const texts = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const request = { prompt: `Task ${seed}:`, sampling: { temperature: 1, seed }, maxTokens: 40 };
      const finish = await complete(keeper, { ...request, constraint: { type: 'grammar', grammar } });
      expect(finish.reason).toBe('stop');
      texts.add(finish.text);
    }
    for (const text of texts)
      expect(['Action: a\nAction Input: {}', 'Action: b\nAction Input: {}']).toContain(text);
  });

  it('a JSON Schema constraint yields JSON that matches the schema, without the trailing newlines', async () => {
    const schema = {
      type: 'object',
      properties: {
        unit: { enum: ['celsius', 'kelvin'] },
        days: { type: 'array', items: { type: 'boolean' }, maxItems: 3 },
      },
      required: ['unit', 'days'],
    };
    for (const seed of [1, 2, 3]) {
      const request = { prompt: 'Action Input:', sampling: { temperature: 1, seed }, maxTokens: 80 };
      const finish = await complete(keeper, { ...request, constraint: { type: 'json-schema', schema } });
      expect(finish.reason).toBe('stop');
      expect(finish.text).toBe(finish.text.trim());
      const value = JSON.parse(finish.text);
      expect(Object.keys(value).sort()).toEqual(['days', 'unit']);
      expect(['celsius', 'kelvin']).toContain(value.unit);
      expect(value.days.length).toBeLessThanOrEqual(3);
      for (const day of value.days) expect(typeof day).toBe('boolean');
    }
  });

  it('builds text from token bytes: spaces before punctuation stay and split characters come out whole', async () => {
    const text = 'a , b . c ? d ! e \' f "é" ü€😀 end';
    const grammar = `root ::= ${JSON.stringify(text)}`;
    const finish = await complete(keeper, {
      prompt: 'Say:',
      maxTokens: 80,
      constraint: { type: 'grammar', grammar },
    });
    expect(finish.text).toBe(text);
  });

  it('refuses an invalid GBNF grammar with generation-failed, and the engine still generates', async () => {
    const constraint = { type: 'grammar', grammar: 'root ::= "unterminated' } as const;
    const error = await complete(keeper, { prompt: 'Say:', constraint }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'EngineError', code: 'generation-failed' });
    expect((await complete(keeper, { prompt: 'Say:', maxTokens: 2 })).usage.completionTokens).toBeGreaterThan(
      0,
    );
  });
});
