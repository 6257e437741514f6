"""A tiny LLaMA-architecture decoder whose computation matches llama.cpp's ``llama`` graph.

Per block: ``x += Wo·attn(RoPE(Wq·n), RoPE(Wk·n), Wv·n)`` with ``n = RMSNorm(x)``, then
``x += Wdown·(silu(Wgate·m) * Wup·m)`` with ``m = RMSNorm(x)``; a final RMSNorm and the output
projection give the logits. No biases anywhere, as in llama.cpp's ``llama`` tensors.

Choices made for an exact export:

* **RoPE layout: interleaved.** Each head's dimensions are rotated in consecutive pairs
  ``(x[2i], x[2i+1])`` by angle ``pos * base**(-2i/head_dim)``. That is llama.cpp's "normal" RoPE,
  the one the ``llama`` architecture uses, so q/k weights are exported as they are: no permutation.
  (A Hugging Face style model rotates halves ``(x[i], x[i+d/2])`` and needs its q/k rows permuted
  on export; this model never does.)
* **Tied embeddings by default.** The output projection reuses the token embedding matrix; the
  GGUF then has no ``output.weight`` and llama.cpp falls back to ``token_embd.weight``. With a
  ~1.3k vocabulary this saves ``vocab * d_model`` parameters, a large share of a tiny model.
  ``tie_embeddings=False`` gives a separate ``output.weight``.
* **Grouped-query attention** is supported (``n_kv_heads`` dividing ``n_heads``); the default is
  plain multi-head attention.
* Attention is written out by hand (torch 1.13 has no ``scaled_dot_product_attention``):
  scores scaled by ``1/sqrt(head_dim)``, causal mask, softmax in float32.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelConfig:
    """Hyperparameters; every field maps to a ``llama.*`` GGUF key on export."""

    vocab_size: int = 1300
    d_model: int = 128
    n_layers: int = 4
    n_heads: int = 4
    n_kv_heads: Optional[int] = None  # None: same as n_heads
    d_ff: int = 352
    context: int = 768
    rope_base: float = 10000.0
    norm_eps: float = 1e-5
    tie_embeddings: bool = True

    @property
    def head_dim(self) -> int:
        return self.d_model // self.n_heads

    @property
    def kv_heads(self) -> int:
        return self.n_kv_heads or self.n_heads

    def validate(self) -> None:
        if self.d_model % self.n_heads:
            raise ValueError("d_model must be a multiple of n_heads")
        if self.head_dim % 2:
            raise ValueError("head_dim must be even for RoPE")
        if self.n_heads % self.kv_heads:
            raise ValueError("n_heads must be a multiple of n_kv_heads")

    def to_dict(self) -> dict:
        return asdict(self)


class RMSNorm(nn.Module):
    """``x / sqrt(mean(x^2) + eps) * weight``, as llama.cpp's ``rms_norm`` followed by a multiply."""

    def __init__(self, dim: int, eps: float):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(head_dim: int, length: int, base: float, offset: int = 0):
    """cos/sin of shape (length, head_dim/2) for positions offset..offset+length-1."""
    inv_freq = base ** (-torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    pos = torch.arange(offset, offset + length, dtype=torch.float64)
    ang = torch.outer(pos, inv_freq)
    return ang.cos().float(), ang.sin().float()


def apply_rope(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotate consecutive pairs of the last dimension. x: (B, H, T, D); cos/sin: (T, D/2)."""
    x0 = x[..., 0::2]
    x1 = x[..., 1::2]
    r0 = x0 * cos - x1 * sin
    r1 = x0 * sin + x1 * cos
    return torch.stack((r0, r1), dim=-1).flatten(-2)


class Attention(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.n_heads, self.n_kv, self.hd = cfg.n_heads, cfg.kv_heads, cfg.head_dim
        self.wq = nn.Linear(cfg.d_model, cfg.n_heads * self.hd, bias=False)
        self.wk = nn.Linear(cfg.d_model, self.n_kv * self.hd, bias=False)
        self.wv = nn.Linear(cfg.d_model, self.n_kv * self.hd, bias=False)
        self.wo = nn.Linear(cfg.n_heads * self.hd, cfg.d_model, bias=False)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        B, T, _ = x.shape
        q = self.wq(x).view(B, T, self.n_heads, self.hd).transpose(1, 2)
        k = self.wk(x).view(B, T, self.n_kv, self.hd).transpose(1, 2)
        v = self.wv(x).view(B, T, self.n_kv, self.hd).transpose(1, 2)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        if self.n_kv != self.n_heads:
            rep = self.n_heads // self.n_kv
            k = k.repeat_interleave(rep, dim=1)
            v = v.repeat_interleave(rep, dim=1)
        scores = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(self.hd)) + mask
        att = torch.softmax(scores.float(), dim=-1).to(q.dtype)
        y = (att @ v).transpose(1, 2).reshape(B, T, self.n_heads * self.hd)
        return self.wo(y)


class FeedForward(nn.Module):
    """SwiGLU: ``w_down(silu(w_gate x) * w_up x)``."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.w_gate = nn.Linear(cfg.d_model, cfg.d_ff, bias=False)
        self.w_up = nn.Linear(cfg.d_model, cfg.d_ff, bias=False)
        self.w_down = nn.Linear(cfg.d_ff, cfg.d_model, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.w_down(F.silu(self.w_gate(x)) * self.w_up(x))


class Block(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.attn_norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.attn = Attention(cfg)
        self.ffn_norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.ffn = FeedForward(cfg)

    def forward(self, x, cos, sin, mask):
        x = x + self.attn(self.attn_norm(x), cos, sin, mask)
        return x + self.ffn(self.ffn_norm(x))


class TinyLlama(nn.Module):
    """Decoder-only LLaMA. ``forward(tokens) -> logits`` for every position."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        cfg.validate()
        self.cfg = cfg
        self.tok_emb = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layers))
        self.norm = RMSNorm(cfg.d_model, cfg.norm_eps)
        self.out = None if cfg.tie_embeddings else nn.Linear(cfg.d_model, cfg.vocab_size, bias=False)
        self.init_weights()

    def init_weights(self, std: float = 0.02) -> None:
        """Normal(0, std) for matrices; residual output projections scaled by 1/sqrt(2*n_layers)."""
        for name, p in self.named_parameters():
            if p.dim() == 2:
                s = std / math.sqrt(2 * self.cfg.n_layers) if name.endswith(("wo.weight", "w_down.weight")) else std
                nn.init.normal_(p, 0.0, s)

    def output_weight(self) -> torch.Tensor:
        return self.tok_emb.weight if self.out is None else self.out.weight

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        """tokens: (B, T) int64 -> logits (B, T, vocab) float32."""
        if tokens.dim() == 1:
            tokens = tokens[None]
        T = tokens.shape[1]
        if T > self.cfg.context:
            raise ValueError(f"sequence of {T} tokens exceeds the context of {self.cfg.context}")
        cos, sin = rope_tables(self.cfg.head_dim, T, self.cfg.rope_base)
        mask = torch.full((T, T), float("-inf")).triu(1)
        x = self.tok_emb(tokens)
        for blk in self.blocks:
            x = blk(x, cos, sin, mask)
        return F.linear(self.norm(x), self.output_weight())

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())

    @torch.no_grad()
    def generate(self, prompt: List[int], n: int, stop_at: Optional[int] = None) -> List[int]:
        """Greedy continuation without a KV cache: the full sequence is re-run for every token.

        Ties go to the lowest id (``argmax``'s first maximum), as llama.cpp's greedy sampler does.
        """
        seq = list(prompt)
        out: List[int] = []
        for _ in range(n):
            logits = self.forward(torch.tensor(seq[-self.cfg.context :]))[0, -1]
            nxt = int(torch.argmax(logits))
            out.append(nxt)
            seq.append(nxt)
            if stop_at is not None and nxt == stop_at:
                break
        return out
