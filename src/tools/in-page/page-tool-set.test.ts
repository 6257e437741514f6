import { describe, expect, it } from 'vitest';
import type { Tool } from '../tool.ts';
import { withPageTools } from './page-tool-set.ts';

const tool = (name: string, api: string): Tool => ({
  name,
  description: name,
  parameters: { type: 'object' },
  doc: { Name: name },
  mutating: false,
  api,
});

describe('withPageTools', () => {
  it('puts a page function in the place of the REST tool it shares a name with', () => {
    const rest = [tool('a', 'rest'), tool('b', 'rest'), tool('c', 'rest')];
    const merged = withPageTools(rest, [tool('b', 'page')]);
    expect(merged.map((item) => `${item.name}:${item.api}`)).toEqual(['a:rest', 'b:page', 'c:rest']);
  });

  it('appends page functions that replace nothing, in their order', () => {
    const merged = withPageTools([tool('a', 'rest')], [tool('y', 'page'), tool('x', 'page')]);
    expect(merged.map((item) => item.name)).toEqual(['a', 'y', 'x']);
  });

  it('offers only the page functions when there are no REST tools', () => {
    expect(withPageTools([], [tool('x', 'page')]).map((item) => item.name)).toEqual(['x']);
  });
});
