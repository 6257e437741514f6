import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './parse-markdown.ts';

describe('the answer Markdown subset', () => {
  it('splits paragraphs, headings, lists and fenced code', () => {
    const source = '# Weather\nIt is **mild**.\n\n- 12 degrees\n- light rain\n1. first\n```\n<b>raw</b>\n```';
    expect(parseMarkdown(source)).toEqual([
      { type: 'heading', level: 1, text: 'Weather' },
      { type: 'paragraph', text: 'It is **mild**.' },
      { type: 'list', ordered: false, items: ['12 degrees', 'light rain'] },
      { type: 'list', ordered: true, items: ['first'] },
      { type: 'code', text: '<b>raw</b>' },
    ]);
  });

  it('leaves underscores in names as written', () => {
    expect(parseInline('use city_id and __umi__ or _x_')).toEqual([
      { type: 'text', text: 'use city_id and __umi__ or _x_' },
    ]);
  });

  it('keeps HTML as plain text and links only to http, https and mailto', () => {
    const source = '<img src=x onerror=alert(1)> and [x](javascript:alert(1))';
    const pieces = parseInline(source);
    expect(pieces.every((piece) => piece.type === 'text')).toBe(true);
    expect(pieces.map((piece) => piece.text).join('')).toBe(source);
    expect(parseInline('see [docs](https://example.com) or `code` and *this*')).toEqual([
      { type: 'text', text: 'see ' },
      { type: 'link', text: 'docs', href: 'https://example.com' },
      { type: 'text', text: ' or ' },
      { type: 'code', text: 'code' },
      { type: 'text', text: ' and ' },
      { type: 'emphasis', text: 'this' },
    ]);
  });
});
