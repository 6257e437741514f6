import type { LlamaModel, Token } from 'node-llama-cpp';

/** Turns generated tokens into text piece by piece; `flush` returns what an unfinished character left. */
export interface TokenTextDecoder {
  push(token: Token): string;
  flush(): string;
}

/** GGUF token types whose text is literal (not spelt in GPT-2's byte alphabet). */
const CONTROL = 3;
const USER_DEFINED = 4;

/**
 * A decoder for the model's vocabulary. For byte-level BPE (`gpt2`) vocabularies each token's
 * bytes come from its vocabulary text through GPT-2's byte alphabet, streamed through a UTF-8
 * decoder, so characters split over tokens come out whole. llama.cpp's detokenizer is avoided
 * there: it deletes spaces before `.,?!` and around apostrophes even within one token's text.
 * Other vocabularies use llama.cpp's per-token pieces, holding back pieces that end in a
 * broken character.
 */
export function createTokenTextDecoder(model: LlamaModel): TokenTextDecoder {
  const ggml = model.fileInfo.metadata.tokenizer?.ggml;
  const texts = ggml?.tokens;
  if (ggml?.model === 'gpt2' && texts && texts.length > 0)
    return byteLevelDecoder(texts, ggml.token_type ?? []);
  return pieceDecoder(model);
}

function byteLevelDecoder(texts: readonly string[], types: readonly number[]): TokenTextDecoder {
  const byteOf = gpt2CharToByte();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // a generated U+FEFF is text, not a BOM
  const cache = new Map<Token, Uint8Array>();
  const bytesOf = (token: Token): Uint8Array => {
    const text = texts[token] ?? '';
    const type = types[token];
    if (type === CONTROL || type === USER_DEFINED) return encoder.encode(text);
    const bytes: number[] = [];
    for (const char of text) {
      const byte = byteOf.get(char);
      if (byte === undefined) bytes.push(...encoder.encode(char));
      else bytes.push(byte);
    }
    return Uint8Array.from(bytes);
  };
  return {
    push(token) {
      const bytes = cache.get(token) ?? bytesOf(token);
      cache.set(token, bytes);
      return decoder.decode(bytes, { stream: true });
    },
    flush: () => decoder.decode(),
  };
}

/** GPT-2's byte alphabet, reversed: printable Latin-1 bytes stand for themselves, the rest map from U+0100 on. */
function gpt2CharToByte(): Map<string, number> {
  const map = new Map<string, number>();
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
    map.set(String.fromCodePoint(printable ? byte : next++), byte);
  }
  return map;
}

function pieceDecoder(model: LlamaModel): TokenTextDecoder {
  let pending: Token[] = [];
  const decode = (tokens: Token[]) => model.detokenize(tokens, true);
  return {
    push(token) {
      pending.push(token);
      const text = decode(pending);
      if (text.endsWith('\uFFFD') && pending.length < 4) return '';
      pending = [];
      return text;
    },
    flush() {
      const text = pending.length > 0 ? decode(pending) : '';
      pending = [];
      return text;
    },
  };
}
