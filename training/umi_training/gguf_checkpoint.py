"""Rebuild a training checkpoint (``.pt``) from an F32 GGUF that ``export_gguf`` wrote.

The inverse of ``export_gguf.model_tensors``: every tensor is copied back unchanged, so the weights are
bit-identical. It lets a later run start from a shipped model, e.g. replaying stage 2 from the shipped
backbone (``--from-copy`` with ``stage1=0:0``) to check that the role models rebuild bit for bit:

    /usr/bin/python3 -m umi_training.gguf_checkpoint models/umi-tiny-backbone.gguf OUT.pt --seed 1
"""

from __future__ import annotations

import argparse

import numpy as np
import torch

from .checkpoints import save_checkpoint
from .export_gguf import model_tensors
from .gguf_writer import read_gguf
from .model import ModelConfig, TinyLlama


def config_from_metadata(meta: dict, tied: bool) -> ModelConfig:
    """The model shape a ``llama`` GGUF's metadata describes (``n_kv_heads`` None when it equals the heads)."""
    heads, kv_heads = int(meta["llama.attention.head_count"]), int(meta["llama.attention.head_count_kv"])
    return ModelConfig(
        vocab_size=int(meta["llama.vocab_size"]),
        d_model=int(meta["llama.embedding_length"]),
        n_layers=int(meta["llama.block_count"]),
        n_heads=heads,
        n_kv_heads=None if kv_heads == heads else kv_heads,
        d_ff=int(meta["llama.feed_forward_length"]),
        context=int(meta["llama.context_length"]),
        rope_base=_shortest(meta["llama.rope.freq_base"]),
        norm_eps=_shortest(meta["llama.attention.layer_norm_rms_epsilon"]),
        tie_embeddings=tied,
    )


def _shortest(value: float) -> float:
    """A float32 metadata value as the shortest decimal that rounds to it (1e-05, not 9.99999974e-06)."""
    return float(str(np.float32(value)))


def model_from_gguf(path: str) -> TinyLlama:
    """A ``TinyLlama`` holding exactly the GGUF's F32 weights; refuses F16 files (they lost bits)."""
    meta, tensors = read_gguf(path)
    model = TinyLlama(config_from_metadata(meta, tied="output.weight" not in tensors))
    targets = model_tensors(model)
    if set(targets) != set(tensors):
        raise SystemExit(f"{path}: tensors {sorted(set(tensors) ^ set(targets))} do not match the model's")
    for name, array in tensors.items():
        if array.dtype != np.float32:
            raise SystemExit(f"{path}: {name} is {array.dtype}; only F32 GGUFs rebuild a checkpoint exactly")
        # model_tensors' arrays are views of the F32 parameters, so writing them writes the model.
        if not any(_same(param, targets[name]) for param in model.parameters()):
            raise SystemExit(f"{name}: the exporter's array is a copy; cannot write the parameter through it")
        targets[name][...] = array
    return model.eval()


def _same(param: torch.Tensor, array: np.ndarray) -> bool:
    return param.data_ptr() == array.__array_interface__["data"][0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gguf")
    ap.add_argument("out", help="the .pt to write")
    ap.add_argument("--seed", type=int, required=True, help="the seed of the run that trained it (--from-copy checks it)")
    args = ap.parse_args()
    model = model_from_gguf(args.gguf)
    save_checkpoint(model, args.out, {"job": "copy", "role": "copy", "seed": args.seed, "from_gguf": args.gguf})
    print(f"{args.gguf} -> {args.out} ({sum(p.numel() for p in model.parameters()):,} parameters)")


if __name__ == "__main__":
    main()
