/** What the engine needs from a GGUF's key/values before handing the file to wllama. */
export interface GgufHeader {
  version: number;
  architecture: string;
  /** `<architecture>.context_length`: the training context in tokens. */
  contextLength?: number;
  /** `tokenizer.ggml.add_bos_token`; llama.cpp's default for the vocabulary applies when absent. */
  addBos?: boolean;
  /** The text of the BOS token (a control token: written in a prompt, llama.cpp parses it as BOS). */
  bosText?: string;
}

/** Why bytes are not a readable GGUF; the caller names the model in its message. */
export class GgufFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GgufFormatError';
  }
}

const STRING = 8;
const ARRAY = 9;
/** Byte sizes of GGUF's fixed-size value types, by type id. */
const SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

class Reader {
  readonly #view: DataView;
  readonly #bytes: Uint8Array;
  offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(count: number): void {
    if (this.offset + count > this.#bytes.byteLength)
      throw new GgufFormatError(
        `it ends inside its header (at byte ${this.#bytes.byteLength}): it is truncated`,
      );
  }
  u32(): number {
    this.need(4);
    this.offset += 4;
    return this.#view.getUint32(this.offset - 4, true);
  }
  u64(): number {
    this.need(8);
    this.offset += 8;
    const value = this.#view.getBigUint64(this.offset - 8, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
      throw new GgufFormatError(`it holds an impossible count ${value}`);
    return Number(value);
  }
  string(): string {
    const length = this.u64();
    this.need(length);
    this.offset += length;
    return new TextDecoder().decode(this.#bytes.subarray(this.offset - length, this.offset));
  }
  /** Reads a scalar value (number or boolean) of a fixed-size type. */
  scalar(type: number): number | boolean {
    const size = SIZES[type];
    if (size === undefined) throw new GgufFormatError(`it uses an unknown value type ${type}`);
    this.need(size);
    const at = this.offset;
    this.offset += size;
    const view = this.#view;
    const readers: Record<number, () => number | boolean> = {
      0: () => view.getUint8(at),
      1: () => view.getInt8(at),
      2: () => view.getUint16(at, true),
      3: () => view.getInt16(at, true),
      4: () => view.getUint32(at, true),
      5: () => view.getInt32(at, true),
      6: () => view.getFloat32(at, true),
      7: () => view.getUint8(at) !== 0,
      10: () => Number(view.getBigUint64(at, true)),
      11: () => Number(view.getBigInt64(at, true)),
      12: () => view.getFloat64(at, true),
    };
    return (readers[type] as () => number | boolean)();
  }
  /** Skips an array's items, or returns the strings of a string array when `keep` is set. */
  array(keep: boolean): string[] | undefined {
    const type = this.u32();
    const count = this.u64();
    if (type === STRING) {
      const items: string[] = [];
      for (let i = 0; i < count; i++) items.push(this.string());
      return keep ? items : undefined;
    }
    if (type === ARRAY) throw new GgufFormatError('it nests arrays, which llama.cpp does not write');
    const size = SIZES[type];
    if (size === undefined) throw new GgufFormatError(`it uses an unknown array type ${type}`);
    this.need(size * count);
    this.offset += size * count;
    return undefined;
  }
}

/**
 * Reads the header and key/values of a GGUF (v2 or v3) and returns what loading needs. Throws a
 * GgufFormatError saying what is wrong when the bytes are not a GGUF or end inside the header.
 */
export function readGgufHeader(bytes: Uint8Array): GgufHeader {
  const reader = new Reader(bytes);
  reader.need(4);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== 'GGUF')
    throw new GgufFormatError(
      bytes.byteLength === 0 ? 'it is empty' : 'it is not a GGUF file (no GGUF magic)',
    );
  reader.offset = 4;
  const version = reader.u32();
  if (version < 2 || version > 3) throw new GgufFormatError(`its GGUF version ${version} is not supported`);
  reader.u64(); // tensor count
  const count = reader.u64();
  const values = new Map<string, number | boolean | string>();
  let tokens: string[] | undefined;
  for (let i = 0; i < count; i++) {
    const key = reader.string();
    const type = reader.u32();
    if (type === STRING) values.set(key, reader.string());
    else if (type === ARRAY) {
      const items = reader.array(key === 'tokenizer.ggml.tokens');
      if (items) tokens = items;
    } else values.set(key, reader.scalar(type));
  }
  const architecture = values.get('general.architecture');
  if (typeof architecture !== 'string') throw new GgufFormatError('it has no general.architecture');
  const header: GgufHeader = { version, architecture };
  const context = values.get(`${architecture}.context_length`);
  if (typeof context === 'number') header.contextLength = context;
  const addBos = values.get('tokenizer.ggml.add_bos_token');
  if (typeof addBos === 'boolean') header.addBos = addBos;
  const bosId = values.get('tokenizer.ggml.bos_token_id');
  const bosText = typeof bosId === 'number' ? tokens?.[bosId] : undefined;
  if (bosText !== undefined) header.bosText = bosText;
  return header;
}
