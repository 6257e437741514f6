"""A small GGUF v3 writer (and reader, for checking what was written).

File layout, all little-endian:

1. header: magic ``GGUF``, uint32 version (3), uint64 tensor count, uint64 key/value count;
2. key/values: key (uint64 length + UTF-8 bytes), uint32 value type, value; arrays are an
   element type, a uint64 count and the elements;
3. tensor infos: name, uint32 n_dims, n_dims x uint64 dims **in ggml order** (fastest-varying
   first, i.e. the reverse of a row-major/PyTorch shape), uint32 ggml type, uint64 offset of the
   data relative to the start of the data section (a multiple of the alignment);
4. padding to ``general.alignment`` (32 unless the file says otherwise), then the tensor data, each
   tensor padded to the alignment.

A row-major array of shape (rows, cols) is written as is with dims ``[cols, rows]``.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

import numpy as np

GGUF_MAGIC = b"GGUF"
GGUF_VERSION = 3
DEFAULT_ALIGNMENT = 32


class ValueType:
    """GGUF metadata value types."""

    UINT8 = 0
    INT8 = 1
    UINT16 = 2
    INT16 = 3
    UINT32 = 4
    INT32 = 5
    FLOAT32 = 6
    BOOL = 7
    STRING = 8
    ARRAY = 9
    UINT64 = 10
    INT64 = 11
    FLOAT64 = 12


_SCALAR_FORMATS = {
    ValueType.UINT8: "<B",
    ValueType.INT8: "<b",
    ValueType.UINT16: "<H",
    ValueType.INT16: "<h",
    ValueType.UINT32: "<I",
    ValueType.INT32: "<i",
    ValueType.FLOAT32: "<f",
    ValueType.BOOL: "<?",
    ValueType.UINT64: "<Q",
    ValueType.INT64: "<q",
    ValueType.FLOAT64: "<d",
}


class TensorType:
    """The ggml tensor types this writer emits."""

    F32 = 0
    F16 = 1


_NUMPY_DTYPES = {TensorType.F32: np.dtype("<f4"), TensorType.F16: np.dtype("<f2")}


@dataclass
class _Tensor:
    name: str
    data: np.ndarray  # row-major, already in the target dtype
    ggml_type: int


def _pad(n: int, align: int) -> int:
    return (align - n % align) % align


def _string(s: str) -> bytes:
    b = s.encode("utf-8")
    return struct.pack("<Q", len(b)) + b


class GGUFWriter:
    """Collects key/values and tensors, then writes one GGUF v3 file.

    Key/values keep insertion order. ``add_*`` helpers pick the value type explicitly, because
    llama.cpp checks types (e.g. ``llama.context_length`` must be UINT32).
    """

    def __init__(self, alignment: int = DEFAULT_ALIGNMENT):
        self.alignment = alignment
        self.kv: List[Tuple[str, int, Any, int]] = []  # key, type, value, array element type
        self.tensors: List[_Tensor] = []
        if alignment != DEFAULT_ALIGNMENT:
            self.add_uint32("general.alignment", alignment)

    # ------------------------------------------------------------ metadata
    def _add(self, key: str, vtype: int, value: Any, elem: int = -1) -> None:
        if any(k == key for k, *_ in self.kv):
            raise ValueError(f"duplicate key {key}")
        self.kv.append((key, vtype, value, elem))

    def add_uint8(self, k, v):
        self._add(k, ValueType.UINT8, int(v))

    def add_int8(self, k, v):
        self._add(k, ValueType.INT8, int(v))

    def add_uint16(self, k, v):
        self._add(k, ValueType.UINT16, int(v))

    def add_int16(self, k, v):
        self._add(k, ValueType.INT16, int(v))

    def add_uint32(self, k, v):
        self._add(k, ValueType.UINT32, int(v))

    def add_int32(self, k, v):
        self._add(k, ValueType.INT32, int(v))

    def add_uint64(self, k, v):
        self._add(k, ValueType.UINT64, int(v))

    def add_int64(self, k, v):
        self._add(k, ValueType.INT64, int(v))

    def add_float32(self, k, v):
        self._add(k, ValueType.FLOAT32, float(v))

    def add_float64(self, k, v):
        self._add(k, ValueType.FLOAT64, float(v))

    def add_bool(self, k, v):
        self._add(k, ValueType.BOOL, bool(v))

    def add_string(self, k, v):
        self._add(k, ValueType.STRING, str(v))

    def add_array(self, k, values, elem_type: int):
        if elem_type == ValueType.ARRAY:
            raise ValueError("nested arrays are not supported")
        self._add(k, ValueType.ARRAY, list(values), elem_type)

    # -------------------------------------------------------------- tensors
    def add_tensor(self, name: str, array: np.ndarray, ggml_type: int = TensorType.F32) -> None:
        """Add a row-major array (any float dtype); it is converted to F32 or F16."""
        if len(name.encode("utf-8")) >= 64:
            raise ValueError(f"tensor name too long for ggml: {name}")
        if any(t.name == name for t in self.tensors):
            raise ValueError(f"duplicate tensor {name}")
        data = np.ascontiguousarray(np.asarray(array), dtype=_NUMPY_DTYPES[ggml_type])
        if not np.all(np.isfinite(data)):
            raise ValueError(f"tensor {name} has non-finite values (after conversion)")
        self.tensors.append(_Tensor(name, data, ggml_type))

    # ------------------------------------------------------------ encoding
    def _value(self, vtype: int, value: Any, elem: int) -> bytes:
        if vtype == ValueType.STRING:
            return _string(value)
        if vtype == ValueType.ARRAY:
            parts = [struct.pack("<IQ", elem, len(value))]
            if elem == ValueType.STRING:
                parts.extend(_string(v) for v in value)
            else:
                fmt = _SCALAR_FORMATS[elem]
                parts.append(b"".join(struct.pack(fmt, v) for v in value))
            return b"".join(parts)
        return struct.pack(_SCALAR_FORMATS[vtype], value)

    def to_bytes(self) -> bytes:
        out = bytearray()
        out += GGUF_MAGIC + struct.pack("<IQQ", GGUF_VERSION, len(self.tensors), len(self.kv))
        for key, vtype, value, elem in self.kv:
            out += _string(key) + struct.pack("<I", vtype) + self._value(vtype, value, elem)
        offset = 0
        offsets = []
        for t in self.tensors:
            dims = list(reversed(t.data.shape)) or [1]
            out += _string(t.name) + struct.pack("<I", len(dims))
            out += b"".join(struct.pack("<Q", d) for d in dims)
            out += struct.pack("<IQ", t.ggml_type, offset)
            offsets.append(offset)
            offset += t.data.nbytes + _pad(t.data.nbytes, self.alignment)
        out += b"\0" * _pad(len(out), self.alignment)
        for t in self.tensors:
            out += t.data.tobytes()
            out += b"\0" * _pad(t.data.nbytes, self.alignment)
        return bytes(out)

    def write(self, path: str) -> int:
        """Write the file; returns its size in bytes."""
        data = self.to_bytes()
        with open(path, "wb") as f:
            f.write(data)
        return len(data)


# ---------------------------------------------------------------- reading back
def read_gguf(path: str) -> Tuple[Dict[str, Any], Dict[str, np.ndarray]]:
    """Parse a GGUF v3 file written with F32/F16 tensors: (metadata dict, name -> row-major array)."""
    with open(path, "rb") as f:
        buf = f.read()
    pos = 0

    def take(fmt):
        nonlocal pos
        vals = struct.unpack_from(fmt, buf, pos)
        pos += struct.calcsize(fmt)
        return vals[0] if len(vals) == 1 else vals

    def string():
        nonlocal pos
        n = take("<Q")
        s = buf[pos : pos + n].decode("utf-8")
        pos += n
        return s

    def value(vtype):
        if vtype == ValueType.STRING:
            return string()
        if vtype == ValueType.ARRAY:
            elem, n = take("<I"), take("<Q")
            return [value(elem) for _ in range(n)]
        return take(_SCALAR_FORMATS[vtype])

    if buf[:4] != GGUF_MAGIC:
        raise ValueError("not a GGUF file")
    pos = 4
    version, n_tensors, n_kv = take("<I"), take("<Q"), take("<Q")
    if version != GGUF_VERSION:
        raise ValueError(f"GGUF version {version}, expected {GGUF_VERSION}")
    meta: Dict[str, Any] = {}
    for _ in range(n_kv):
        key = string()
        meta[key] = value(take("<I"))
    infos = []
    for _ in range(n_tensors):
        name = string()
        nd = take("<I")
        dims = [take("<Q") for _ in range(nd)]
        infos.append((name, dims, take("<I"), take("<Q")))
    align = int(meta.get("general.alignment", DEFAULT_ALIGNMENT))
    data_start = pos + _pad(pos, align)
    tensors: Dict[str, np.ndarray] = {}
    for name, dims, ttype, off in infos:
        if off % align:
            raise ValueError(f"tensor {name} is not aligned")
        dt = _NUMPY_DTYPES[ttype]
        count = int(np.prod(dims))
        start = data_start + off
        if start + count * dt.itemsize > len(buf):
            raise ValueError(f"tensor {name} runs past the end of the file (truncated?)")
        arr = np.frombuffer(buf, dtype=dt, count=count, offset=start)
        tensors[name] = arr.reshape(list(reversed(dims)))
    return meta, tensors
