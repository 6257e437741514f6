import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readGgufKeyValues } from './gguf-key-values.ts';
import { type TensorFill, tensorChunks, tensorSeed } from './synthetic-weights.ts';

/** The shape of a `llama`-architecture model (multi-head attention, tied embeddings). */
export interface ModelShape {
  dModel: number;
  layers: number;
  heads: number;
  ff: number;
  context: number;
}

/** How matrices are stored; norm vectors are always F32, as in the shipped GGUFs. */
export type TensorDtype = 'f32' | 'f16';

/** Where synthetic GGUFs are kept between runs (ignored by git). */
export const SYNTHETIC_DIR = fileURLToPath(new URL('./.cache/', import.meta.url));

/** Parameters of a shape with a given vocabulary (embedding, per-layer weights and norms, final norm). */
export function shapeParams(shape: ModelShape, vocabSize: number): number {
  const { dModel: d, layers, ff } = shape;
  return vocabSize * d + layers * (4 * d * d + 3 * d * ff + 2 * d) + d;
}

/** The file name of a shape, so that an existing file of the same shape is reused. */
export function syntheticFileName(shape: ModelShape, dtype: TensorDtype, seed: number): string {
  const { dModel, layers, heads, ff, context } = shape;
  return `synthetic-d${dModel}-l${layers}-h${heads}-ff${ff}-c${context}-${dtype}-s${seed}.gguf`;
}

interface TensorSpec {
  name: string;
  /** Dimensions in ggml order (fastest-varying first): a PyTorch [out, in] matrix is [in, out]. */
  dims: number[];
  fill: TensorFill;
}

function tensorSpecs(shape: ModelShape, vocab: number, eosId: number, seed: number, std: number) {
  const { dModel: d, ff } = shape;
  const random = (name: string, dims: number[], zero?: readonly [number, number]): TensorSpec => ({
    name,
    dims,
    fill: { kind: 'random', seed: tensorSeed(seed, name), std, ...(zero ? { zero } : {}) },
  });
  const ones = (name: string): TensorSpec => ({ name, dims: [d], fill: { kind: 'ones' } });
  // The EOS row of the tied embedding is zero: its logit is then exactly 0 while the best of the
  // other random logits is above 0, so greedy decoding never stops early.
  const specs = [random('token_embd.weight', [d, vocab], [eosId * d, (eosId + 1) * d])];
  for (let layer = 0; layer < shape.layers; layer++) {
    const p = `blk.${layer}.`;
    specs.push(
      ones(`${p}attn_norm.weight`),
      ...['attn_q', 'attn_k', 'attn_v', 'attn_output'].map((n) => random(`${p}${n}.weight`, [d, d])),
      ones(`${p}ffn_norm.weight`),
      random(`${p}ffn_gate.weight`, [d, ff]),
      random(`${p}ffn_up.weight`, [d, ff]),
      random(`${p}ffn_down.weight`, [ff, d]),
    );
  }
  specs.push(ones('output_norm.weight'));
  return specs;
}

/** Little-endian GGUF encoding of the parts this writer needs. */
class Bytes {
  readonly parts: Uint8Array[] = [];
  length = 0;
  push(part: Uint8Array): this {
    this.parts.push(part);
    this.length += part.byteLength;
    return this;
  }
  number(value: number, size: 4 | 8, kind: 'u' | 'f' = 'u'): this {
    const view = new DataView(new ArrayBuffer(size));
    if (size === 8) view.setBigUint64(0, BigInt(value), true);
    else if (kind === 'f') view.setFloat32(0, value, true);
    else view.setUint32(0, value, true);
    return this.push(new Uint8Array(view.buffer));
  }
  string(text: string): this {
    const encoded = new TextEncoder().encode(text);
    return this.number(encoded.byteLength, 8).push(encoded);
  }
  u32Value(key: string, value: number): this {
    return this.string(key).number(4, 4).number(value, 4);
  }
  f32Value(key: string, value: number): this {
    return this.string(key).number(6, 4).number(value, 4, 'f');
  }
  stringValue(key: string, value: string): this {
    return this.string(key).number(8, 4).string(value);
  }
}

const ALIGNMENT = 32;
const pad = (length: number) => (ALIGNMENT - (length % ALIGNMENT)) % ALIGNMENT;
const elements = (dims: number[]) => dims.reduce((product, dim) => product * dim, 1);

/** What to write: a shape, its storage type, and the GGUF whose `tokenizer.*` key/values it reuses. */
export interface SyntheticOptions {
  shape: ModelShape;
  dtype: TensorDtype;
  /** A GGUF (the shipped planner) whose tokenizer key/values are copied unchanged. */
  tokenizerFrom: string;
  dir?: string;
  seed?: number;
  /** Standard deviation of the random weights (default 0.02). */
  std?: number;
}

/** A written (or reused) synthetic GGUF. */
export interface SyntheticModel {
  path: string;
  file: string;
  bytes: number;
  params: number;
  vocabSize: number;
  /** Whether a complete file of this shape was already there. */
  reused: boolean;
}

/**
 * Writes a `llama`-architecture GGUF v3 with deterministic random weights of `shape`, in chunks (no
 * buffer the size of the file), or reuses a complete file of the same shape, dtype and seed.
 */
export async function writeSyntheticGguf(options: SyntheticOptions): Promise<SyntheticModel> {
  const { shape, dtype, dir = SYNTHETIC_DIR, seed = 1, std = 0.02 } = options;
  if (shape.dModel % shape.heads !== 0) throw new Error('dModel must be a multiple of heads');
  const source = readGgufKeyValues(await readFile(options.tokenizerFrom));
  const tokenizer = source.filter((entry) => entry.key.startsWith('tokenizer.'));
  const vocabSize = tokenizer.find((entry) => entry.key === 'tokenizer.ggml.tokens')?.count;
  const eosId = tokenizer.find((entry) => entry.key === 'tokenizer.ggml.eos_token_id')?.value;
  if (vocabSize === undefined || typeof eosId !== 'number')
    throw new Error(`${options.tokenizerFrom} has no tokenizer tokens or EOS id`);

  const specs = tensorSpecs(shape, vocabSize, eosId, seed, std);
  const typeOf = (spec: TensorSpec) => (dtype === 'f16' && spec.dims.length === 2 ? 1 : 0);
  const sizeOf = (spec: TensorSpec) => elements(spec.dims) * (typeOf(spec) === 1 ? 2 : 4);
  const file = syntheticFileName(shape, dtype, seed);
  const header = new Bytes().push(new TextEncoder().encode('GGUF')).number(3, 4);
  header.number(specs.length, 8).number(14 + tokenizer.length, 8);
  header
    .stringValue('general.architecture', 'llama')
    .stringValue('general.name', file.replace(/\.gguf$/, ''))
    .u32Value('general.file_type', dtype === 'f16' ? 1 : 0)
    .u32Value('general.quantization_version', 2)
    .u32Value('llama.vocab_size', vocabSize)
    .u32Value('llama.context_length', shape.context)
    .u32Value('llama.embedding_length', shape.dModel)
    .u32Value('llama.block_count', shape.layers)
    .u32Value('llama.feed_forward_length', shape.ff)
    .u32Value('llama.attention.head_count', shape.heads)
    .u32Value('llama.attention.head_count_kv', shape.heads)
    .u32Value('llama.rope.dimension_count', shape.dModel / shape.heads)
    .f32Value('llama.attention.layer_norm_rms_epsilon', 1e-5)
    .f32Value('llama.rope.freq_base', 10000);
  for (const entry of tokenizer) header.push(entry.raw);
  let offset = 0;
  for (const spec of specs) {
    header.string(spec.name).number(spec.dims.length, 4);
    for (const dim of spec.dims) header.number(dim, 8);
    header.number(typeOf(spec), 4).number(offset, 8);
    offset += sizeOf(spec) + pad(sizeOf(spec));
  }
  header.push(new Uint8Array(pad(header.length)));
  const bytes = header.length + offset;
  const params = shapeParams(shape, vocabSize);
  const path = join(dir, file);
  const result = { path, file, bytes, params, vocabSize };
  if (existsSync(path) && (await stat(path)).size === bytes) return { ...result, reused: true };

  await mkdir(dir, { recursive: true });
  const partial = `${path}.partial`;
  const handle = await open(partial, 'w');
  try {
    const write = async (part: Uint8Array) => {
      for (let done = 0; done < part.byteLength; )
        done += (await handle.write(part, done, part.byteLength - done)).bytesWritten;
    };
    for (const part of header.parts) await write(part);
    for (const spec of specs) {
      for (const chunk of tensorChunks(spec.fill, elements(spec.dims), typeOf(spec) ? 'f16' : 'f32'))
        await write(chunk);
      await write(new Uint8Array(pad(sizeOf(spec))));
    }
  } catch (error) {
    await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
  await handle.close();
  await rename(partial, path);
  return { ...result, reused: false };
}
