/** One key/value of a GGUF as it lies in the file, with its value read when it is a scalar or a string. */
export interface GgufKeyValue {
  key: string;
  /** The entry's bytes (key, type, value), to copy into another GGUF unchanged. */
  raw: Uint8Array;
  /** A scalar or string value; undefined for arrays. */
  value?: number | bigint | boolean | string;
  /** The item count of an array. */
  count?: number;
}

const STRING = 8;
const ARRAY = 9;
/** Byte sizes of GGUF's fixed-size value types, by type id. */
const SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/**
 * Every key/value of a GGUF (v3) in file order, from bytes that hold at least its key/value section.
 * Throws when the bytes are not a GGUF or end inside that section.
 */
export function readGgufKeyValues(bytes: Uint8Array): GgufKeyValue[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (count: number) => {
    if (at + count > bytes.byteLength) throw new Error(`the GGUF ends inside its key/values (at ${at})`);
  };
  const u32 = () => {
    need(4);
    at += 4;
    return view.getUint32(at - 4, true);
  };
  const u64 = () => {
    need(8);
    at += 8;
    return Number(view.getBigUint64(at - 8, true));
  };
  const string = () => {
    const length = u64();
    need(length);
    at += length;
    return new TextDecoder().decode(bytes.subarray(at - length, at));
  };
  const scalar = (type: number): number | bigint | boolean => {
    const size = SIZES[type];
    if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
    need(size);
    at += size;
    const p = at - size;
    if (type === 7) return view.getUint8(p) !== 0;
    if (type === 6) return view.getFloat32(p, true);
    if (type === 12) return view.getFloat64(p, true);
    if (type === 10) return view.getBigUint64(p, true);
    if (type === 11) return view.getBigInt64(p, true);
    const signed = type % 2 === 1;
    if (size === 1) return signed ? view.getInt8(p) : view.getUint8(p);
    if (size === 2) return signed ? view.getInt16(p, true) : view.getUint16(p, true);
    return signed ? view.getInt32(p, true) : view.getUint32(p, true);
  };

  need(4);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== 'GGUF') throw new Error('not a GGUF file');
  at = 4;
  const version = u32();
  if (version !== 3) throw new Error(`GGUF version ${version}, expected 3`);
  u64(); // tensor count
  const count = u64();
  const entries: GgufKeyValue[] = [];
  for (let i = 0; i < count; i++) {
    const start = at;
    const key = string();
    const type = u32();
    const entry: Omit<GgufKeyValue, 'raw'> & { raw?: Uint8Array } = { key };
    if (type === STRING) entry.value = string();
    else if (type === ARRAY) {
      const itemType = u32();
      entry.count = u64();
      for (let item = 0; item < entry.count; item++) {
        if (itemType === STRING) string();
        else scalar(itemType);
      }
    } else entry.value = scalar(type);
    entries.push({ ...entry, raw: bytes.subarray(start, at) });
  }
  return entries;
}
