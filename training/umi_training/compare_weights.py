"""Compare the weights of two models tensor by tensor: checkpoints (``.pt``) or F32 GGUFs that ``export_gguf`` wrote.

Proves a replay rebuilt a shipped model bit for bit (``docs/training/second-run/``), e.g.

    /usr/bin/python3 -m umi_training.compare_weights training/out/tiny/alpha-umi/caller.pt ../models/umi-tiny-caller.gguf

Exits 0 when every tensor is bit-identical, 1 otherwise (printing the largest difference per tensor).
"""

from __future__ import annotations

import argparse
import sys
from typing import Dict

import numpy as np

from .export_gguf import load_checkpoint, model_tensors
from .gguf_checkpoint import model_from_gguf


def load_tensors(path: str) -> Dict[str, np.ndarray]:
    """The tensors, as ``export_gguf`` writes them, of a checkpoint or of an F32 GGUF."""
    return model_tensors(model_from_gguf(path) if path.endswith(".gguf") else load_checkpoint(path))


def compare(a: Dict[str, np.ndarray], b: Dict[str, np.ndarray]) -> Dict[str, float]:
    """Largest absolute difference per tensor that is not bit-identical (inf where a tensor is missing or reshaped)."""
    out = {}
    for name in sorted(set(a) | set(b)):
        x, y = a.get(name), b.get(name)
        if x is None or y is None or x.shape != y.shape:
            out[name] = float("inf")
        elif not np.array_equal(x, y):
            out[name] = float(np.max(np.abs(x.astype(np.float64) - y.astype(np.float64))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a")
    ap.add_argument("b")
    args = ap.parse_args()
    a, b = load_tensors(args.a), load_tensors(args.b)
    diff = compare(a, b)
    total = len(set(a) | set(b))
    print(f"{total - len(diff)} of {total} tensors bit-identical")
    for name, d in diff.items():
        print(f"  {name}: max |Δ| {d:.3g}")
    sys.exit(1 if diff else 0)


if __name__ == "__main__":
    main()
