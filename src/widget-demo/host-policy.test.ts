import { describe, expect, it } from 'vitest';
import { hostPolicy } from './host-policy.ts';

describe('the host page policy', () => {
  const policy = hostPolicy('http://widget.test', ['https://api.test']);
  const directive = (name: string) =>
    policy
      .split('; ')
      .find((part) => part.startsWith(`${name} `))
      ?.slice(name.length + 1);

  it('allows wasm, blob workers and the widget and API origins, and no eval or inline code', () => {
    expect(directive('script-src')).toBe("'self' http://widget.test 'wasm-unsafe-eval'");
    expect(directive('worker-src')).toBe('blob:');
    expect(directive('connect-src')).toBe("'self' http://widget.test https://api.test");
    expect(directive('style-src')).toBe("'self'");
    expect(directive('default-src')).toBe("'none'");
    expect(policy).not.toMatch(/'unsafe-(eval|inline)'/);
  });

  it('names the widget origin once when it also serves the API', () => {
    expect(hostPolicy('http://w.test', ['http://w.test'])).toContain("connect-src 'self' http://w.test;");
  });
});
