/** How a synthetic tensor's values are made: deterministic from the seed and the tensor's name. */
export type TensorFill =
  | { kind: 'ones' }
  /** Uniform values of standard deviation `std`; the elements in `zero` (start, end) are 0. */
  | { kind: 'random'; seed: number; std: number; zero?: readonly [number, number] };

/** mulberry32: a small, fast, seeded 32-bit generator; returns values in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of the name mixed with the seed, so each tensor has its own stream whatever the order. */
export function tensorSeed(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** IEEE half-precision bits of a float, rounded to nearest even (subnormals included). */
export function toHalfBits(value: number): number {
  scratch[0] = value;
  const bits = scratchBits[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  let mantissa = bits & 0x7fffff;
  if (((bits >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  if (exponent >= 0x1f) return sign | 0x7c00;
  if (exponent <= 0) {
    if (exponent < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - exponent;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const middle = 1 << (shift - 1);
    if (rest > middle || (rest === middle && half & 1)) half++;
    return sign | half;
  }
  let half = (exponent << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return sign | half;
}

/**
 * Yields a tensor's `count` values in chunks of at most `chunk` elements, as little-endian F32 or F16
 * bytes (a fresh buffer per chunk, so a file of any size never needs one large buffer).
 */
export function* tensorChunks(
  fill: TensorFill,
  count: number,
  dtype: 'f32' | 'f16',
  chunk = 1 << 20,
): Generator<Uint8Array> {
  const next = fill.kind === 'random' ? mulberry32(fill.seed) : () => 0;
  // Uniform on [-a, a) has standard deviation a / sqrt(3).
  const scale = fill.kind === 'random' ? 2 * Math.sqrt(3) * fill.std : 0;
  const [zeroFrom, zeroTo] = fill.kind === 'random' && fill.zero ? fill.zero : [0, 0];
  for (let start = 0; start < count; start += chunk) {
    const length = Math.min(chunk, count - start);
    const values = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const index = start + i;
      const random = (next() - 0.5) * scale; // drawn even when zeroed, so the stream stays aligned
      values[i] = fill.kind === 'ones' ? 1 : index >= zeroFrom && index < zeroTo ? 0 : random;
    }
    if (dtype === 'f32') {
      yield new Uint8Array(values.buffer);
      continue;
    }
    const halves = new Uint16Array(length);
    for (let i = 0; i < length; i++) halves[i] = toHalfBits(values[i] ?? 0);
    yield new Uint8Array(halves.buffer);
  }
}
