import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { GgufFormatError, readGgufHeader } from './gguf-header.ts';

const bytes = new Uint8Array(
  await readFile(new URL('../node-llama/fixtures/tiny-random.gguf', import.meta.url)),
);

describe('readGgufHeader', () => {
  it('reads the architecture, training context, BOS flag and BOS text of a real GGUF', () => {
    expect(readGgufHeader(bytes)).toEqual({
      version: 3,
      architecture: 'llama',
      contextLength: 512,
      addBos: true,
      bosText: '<s>',
    });
  });

  it('says an empty file is empty and other bytes are not a GGUF', () => {
    expect(() => readGgufHeader(new Uint8Array())).toThrow(GgufFormatError);
    expect(() => readGgufHeader(new TextEncoder().encode('<!doctype html><html></html>'))).toThrow(
      /not a GGUF file/,
    );
  });

  it('says a file cut inside its header is truncated', () => {
    expect(() => readGgufHeader(bytes.subarray(0, 200))).toThrow(/truncated/);
  });

  it('refuses a GGUF version it does not know', () => {
    const future = bytes.slice(0, 64);
    new DataView(future.buffer).setUint32(4, 9, true);
    expect(() => readGgufHeader(future)).toThrow(/version 9 is not supported/);
  });
});
