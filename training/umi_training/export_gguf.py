"""Export a ``TinyLlama`` and its ``ByteBPETokenizer`` as a ``llama``-architecture GGUF.

Tensor names and shapes follow llama.cpp's ``llama`` loader (PyTorch ``[out, in]`` matrices are
ggml ``{in, out}``, written unchanged). The model rotates consecutive RoPE pairs, like llama.cpp's
``llama`` architecture, so q/k weights need no permutation. With tied embeddings no
``output.weight`` is written and llama.cpp uses ``token_embd.weight`` for the output projection.

Tokenizer keys: ``tokenizer.ggml.model = gpt2`` (byte-level BPE), ``tokenizer.ggml.pre = gpt-2``
(GPT-2's pre-tokenizer regex), tokens in id order, token types (3 = CONTROL for ``<s>``/``</s>``,
1 = NORMAL otherwise), merges as ``"left right"``, BOS/EOS ids, ``add_bos_token = true``,
``add_eos_token = false``. Because ``</s>`` is a CONTROL token and the EOS, llama.cpp parses a
literal ``</s>`` in a prompt (with special-token parsing on) as the EOS id and stops generating
at it.

Usage: ``/usr/bin/python3 -m umi_training.export_gguf CHECKPOINT.pt TOKENIZER.json OUT.gguf``.
"""

from __future__ import annotations

import argparse
from typing import Dict, Optional

import numpy as np
import torch

from .gguf_writer import GGUFWriter, TensorType, ValueType
from .model import ModelConfig, TinyLlama
from .tokenizer import PRE_TOKENIZER, ByteBPETokenizer

TOKEN_TYPE_IDS = {"normal": 1, "unknown": 2, "control": 3, "user_defined": 4, "unused": 5, "byte": 6}
FILE_TYPE = {"f32": 0, "f16": 1}  # general.file_type: ALL_F32, MOSTLY_F16


def model_tensors(model: TinyLlama) -> Dict[str, np.ndarray]:
    """llama.cpp tensor name -> row-major float32 array, in the order they are written."""
    cfg = model.cfg

    def a(t: torch.Tensor) -> np.ndarray:
        return t.detach().to(torch.float32).cpu().numpy()

    out = {"token_embd.weight": a(model.tok_emb.weight)}
    for i, blk in enumerate(model.blocks):
        p = f"blk.{i}."
        out[p + "attn_norm.weight"] = a(blk.attn_norm.weight)
        out[p + "attn_q.weight"] = a(blk.attn.wq.weight)
        out[p + "attn_k.weight"] = a(blk.attn.wk.weight)
        out[p + "attn_v.weight"] = a(blk.attn.wv.weight)
        out[p + "attn_output.weight"] = a(blk.attn.wo.weight)
        out[p + "ffn_norm.weight"] = a(blk.ffn_norm.weight)
        out[p + "ffn_gate.weight"] = a(blk.ffn.w_gate.weight)
        out[p + "ffn_up.weight"] = a(blk.ffn.w_up.weight)
        out[p + "ffn_down.weight"] = a(blk.ffn.w_down.weight)
    out["output_norm.weight"] = a(model.norm.weight)
    if not cfg.tie_embeddings:
        out["output.weight"] = a(model.out.weight)
    return out


def export_gguf(
    model: TinyLlama,
    tok: ByteBPETokenizer,
    path: str,
    dtype: str = "f32",
    name: str = "umi-tiny",
    extra_metadata: Optional[Dict[str, str]] = None,
) -> int:
    """Write the GGUF; matrices in ``dtype`` ("f32" or "f16"), norm vectors always F32. Returns bytes."""
    cfg: ModelConfig = model.cfg
    if tok.vocab_size != cfg.vocab_size:
        raise ValueError(f"tokenizer has {tok.vocab_size} tokens, model {cfg.vocab_size}")
    if dtype not in FILE_TYPE:
        raise ValueError("dtype must be f32 or f16")
    w = GGUFWriter()
    arch = "llama"
    w.add_string("general.architecture", arch)
    w.add_string("general.name", name)
    w.add_uint32("general.file_type", FILE_TYPE[dtype])
    w.add_uint32("general.quantization_version", 2)
    for k, v in (extra_metadata or {}).items():
        w.add_string(k, v)

    w.add_uint32(f"{arch}.vocab_size", cfg.vocab_size)
    w.add_uint32(f"{arch}.context_length", cfg.context)
    w.add_uint32(f"{arch}.embedding_length", cfg.d_model)
    w.add_uint32(f"{arch}.block_count", cfg.n_layers)
    w.add_uint32(f"{arch}.feed_forward_length", cfg.d_ff)
    w.add_uint32(f"{arch}.attention.head_count", cfg.n_heads)
    w.add_uint32(f"{arch}.attention.head_count_kv", cfg.kv_heads)
    w.add_uint32(f"{arch}.rope.dimension_count", cfg.head_dim)
    w.add_float32(f"{arch}.attention.layer_norm_rms_epsilon", cfg.norm_eps)
    w.add_float32(f"{arch}.rope.freq_base", cfg.rope_base)

    w.add_string("tokenizer.ggml.model", "gpt2")
    w.add_string("tokenizer.ggml.pre", PRE_TOKENIZER)
    w.add_array("tokenizer.ggml.tokens", tok.tokens, ValueType.STRING)
    w.add_array(
        "tokenizer.ggml.token_type",
        [TOKEN_TYPE_IDS[tok.token_type(i)] for i in range(tok.vocab_size)],
        ValueType.INT32,
    )
    w.add_array("tokenizer.ggml.merges", [f"{a} {b}" for a, b in tok.merges], ValueType.STRING)
    w.add_uint32("tokenizer.ggml.bos_token_id", tok.bos_id)
    w.add_uint32("tokenizer.ggml.eos_token_id", tok.eos_id)
    w.add_bool("tokenizer.ggml.add_bos_token", True)
    w.add_bool("tokenizer.ggml.add_eos_token", False)

    mat_type = TensorType.F16 if dtype == "f16" else TensorType.F32
    for tname, arr in model_tensors(model).items():
        w.add_tensor(tname, arr, mat_type if arr.ndim == 2 else TensorType.F32)
    return w.write(path)


def load_checkpoint(path: str) -> TinyLlama:
    """Load a checkpoint saved as ``{"config": ModelConfig.to_dict(), "state_dict": ...}``."""
    ck = torch.load(path, map_location="cpu")
    model = TinyLlama(ModelConfig(**ck["config"]))
    model.load_state_dict(ck["state_dict"])
    return model.eval()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkpoint")
    ap.add_argument("tokenizer")
    ap.add_argument("out")
    ap.add_argument("--dtype", choices=sorted(FILE_TYPE), default="f16")
    ap.add_argument("--name", default="umi-tiny")
    args = ap.parse_args()
    n = export_gguf(load_checkpoint(args.checkpoint), ByteBPETokenizer.load(args.tokenizer), args.out, args.dtype, args.name)
    print(f"wrote {args.out} ({n} bytes)")


if __name__ == "__main__":
    main()
