import { describe, expect, it } from 'vitest';
import { stringConstraint } from './string-constraint.ts';

describe('string constraint', () => {
  it('tests a pattern as JSON Schema does, anywhere in the string unless anchored', () => {
    const anchored = stringConstraint({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
    expect(anchored?.('2026-12-05')).toBe(true);
    expect(anchored?.('due 2026-12-05')).toBe(false);
    expect(stringConstraint({ pattern: '\\d' })?.('room 4')).toBe(true);
  });

  it('knows the common formats and requires a pattern and a format together', () => {
    expect(stringConstraint({ format: 'date' })?.('buy milk')).toBe(false);
    expect(stringConstraint({ format: 'date-time' })?.('2026-12-05T10:30:00Z')).toBe(true);
    expect(stringConstraint({ format: 'email' })?.('ana@example.org')).toBe(true);
    expect(stringConstraint({ format: 'date', pattern: '^2026' })?.('2025-01-01')).toBe(false);
  });

  it('constrains nothing without a pattern or a known format, or with a pattern JavaScript cannot compile', () => {
    expect(stringConstraint({ type: 'string' })).toBeUndefined();
    expect(stringConstraint({ format: 'hostname' })).toBeUndefined();
    expect(stringConstraint({ pattern: '(?<' })).toBeUndefined();
  });
});
