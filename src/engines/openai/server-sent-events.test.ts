import { describe, expect, it } from 'vitest';
import { serverSentData } from './server-sent-events.ts';

/** A byte stream delivering `parts` one chunk each. */
function stream(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

async function all(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const data of serverSentData(body)) out.push(data);
  return out;
}

describe('serverSentData', () => {
  it('yields each event’s data, however the bytes are split', async () => {
    expect(await all(stream('data: {"a":1}\n\nda', 'ta: {"b":2}\n', '\ndata: [DONE]\n\n'))).toEqual([
      '{"a":1}',
      '{"b":2}',
      '[DONE]',
    ]);
  });

  it('joins multi-line data, skips comments and other fields, and accepts CRLF and CR line ends', async () => {
    expect(
      await all(stream(': keep-alive\r\n\r\nevent: x\r\ndata: one\r\ndata:two\r\n\r\ndata: three\r\r')),
    ).toEqual(['one\ntwo', 'three']);
  });

  it('keeps a character split between chunks whole', async () => {
    const bytes = new TextEncoder().encode('data: é😀\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    expect(await all(body)).toEqual(['é😀']);
  });

  it('delivers a last event the stream ends without a blank line after', async () => {
    expect(await all(stream('data: {"a":1}\n\ndata: end'))).toEqual(['{"a":1}', 'end']);
  });
});
