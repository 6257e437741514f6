import { describe, expect, it } from 'vitest';
import { RESPONSE_TEXT_LIMIT, responseRecord } from './run-steps.ts';

describe('responseRecord', () => {
  it('keeps a JSON body pretty-printed and a text body as it came', () => {
    expect(responseRecord({ ok: true, body: { a: [1] }, isJson: true, durationMs: 1 })).toEqual({
      text: '{\n  "a": [\n    1\n  ]\n}',
    });
    expect(responseRecord({ ok: true, body: 'plain', isJson: false, durationMs: 1 })).toEqual({
      text: 'plain',
    });
    expect(responseRecord({ ok: false, error: 'HTTP 500', responseText: 'boom', durationMs: 1 })).toEqual({
      text: 'boom',
    });
  });

  it('cuts a huge body at the limit and says how long it was', () => {
    const body = 'x'.repeat(RESPONSE_TEXT_LIMIT + 5);
    const record = responseRecord({ ok: true, body, isJson: false, durationMs: 1 });
    expect(record?.text).toHaveLength(RESPONSE_TEXT_LIMIT);
    expect(record?.fullLength).toBe(RESPONSE_TEXT_LIMIT + 5);
  });

  it('keeps nothing for an empty body', () => {
    expect(responseRecord({ ok: false, error: 'timeout', responseText: '', durationMs: 1 })).toBeUndefined();
  });
});
