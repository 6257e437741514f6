/** A block of the small Markdown subset answers use. */
export type MarkdownBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'code'; text: string };

/** Inline pieces of a block's text. */
export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; text: string }
  | { type: 'emphasis'; text: string }
  | { type: 'code'; text: string }
  | { type: 'link'; text: string; href: string };

const LIST_ITEM = /^\s*(?:([-*+])|(\d+)[.)])\s+(.*)$/;

/**
 * Splits Markdown into blocks: fenced code, `#` headings, bullet and numbered lists, paragraphs.
 * Raw HTML is not a block: it stays text, so the renderer shows it literally.
 */
export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join('\n') });
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^\s*```/.test(line)) {
      flush();
      const code: string[] = [];
      for (index++; index < lines.length && !/^\s*```/.test(lines[index] ?? ''); index++)
        code.push(lines[index] ?? '');
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const ordered = item[2] !== undefined;
      const previous = blocks.at(-1);
      if (previous?.type === 'list' && previous.ordered === ordered) previous.items.push(item[3] ?? '');
      else blocks.push({ type: 'list', ordered, items: [item[3] ?? ''] });
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

// Emphasis only with `*`: underscores inside names (`city_id`, `__init__`) stay as written.
const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|(\[[^\]]+\]\([^)\s]+\))/g;

/** Inline code, bold, emphasis and links; links only to http(s) and mailto, others stay text. */
export function parseInline(text: string): MarkdownInline[] {
  const pieces: MarkdownInline[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const at = match.index ?? 0;
    if (at > last) pieces.push({ type: 'text', text: text.slice(last, at) });
    const [whole, code, strong, emphasis, link] = match;
    if (code) pieces.push({ type: 'code', text: code.slice(1, -1) });
    else if (strong) pieces.push({ type: 'strong', text: strong.slice(2, -2) });
    else if (emphasis) pieces.push({ type: 'emphasis', text: emphasis.slice(1, -1) });
    else if (link) {
      const split = link.indexOf('](');
      const label = link.slice(1, split);
      const href = link.slice(split + 2, -1);
      if (/^(https?:|mailto:)/i.test(href)) pieces.push({ type: 'link', text: label, href });
      else pieces.push({ type: 'text', text: whole });
    }
    last = at + whole.length;
  }
  if (last < text.length) pieces.push({ type: 'text', text: text.slice(last) });
  return pieces;
}
