import type { ReactNode } from 'react';
import { type MarkdownBlock, parseInline, parseMarkdown } from './parse-markdown.ts';

/** Inline Markdown as React elements; text is never parsed as HTML. */
function Inline({ text }: { text: string }) {
  return (
    <>
      {parseInline(text).map((piece, index): ReactNode => {
        const key = `${index}-${piece.type}`;
        switch (piece.type) {
          case 'text':
            return <span key={key}>{piece.text}</span>;
          case 'strong':
            return <strong key={key}>{piece.text}</strong>;
          case 'emphasis':
            return <em key={key}>{piece.text}</em>;
          case 'code':
            return <code key={key}>{piece.text}</code>;
          case 'link':
            return (
              <a key={key} href={piece.href} target="_blank" rel="noopener noreferrer nofollow">
                {piece.text}
              </a>
            );
          default:
            return null;
        }
      })}
    </>
  );
}

function Block({ block }: { block: MarkdownBlock }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <Inline text={block.text} />
        </p>
      );
    case 'heading':
      return (
        <p className="umi-app__md-heading">
          <strong>
            <Inline text={block.text} />
          </strong>
        </p>
      );
    case 'list': {
      const items = block.items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: items of one parsed answer never reorder
        <li key={index}>
          <Inline text={item} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'code':
      return <pre className="umi-app__pre">{block.text}</pre>;
    default:
      return null;
  }
}

/** Model-written Markdown rendered as React elements: safe by construction (no HTML is interpreted). */
export function MarkdownText({ source }: { source: string }) {
  return (
    <>
      {parseMarkdown(source).map((block, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks of one parsed answer never reorder
        <Block key={index} block={block} />
      ))}
    </>
  );
}
