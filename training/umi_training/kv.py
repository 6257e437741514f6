"""``TinyLlama`` forward with cached keys/values: the shared-prefix trick and fast greedy decoding.

``forward_kv(model, tokens, past)`` runs ``tokens`` (B, T) at positions ``P .. P+T-1`` where ``P`` is
the length of ``past`` (one ``(k, v)`` pair per layer, shape ``(1 or B, kv_heads, P, head_dim)``).
Each query attends to every past position and causally to its own sequence, so

    forward_kv(model, s[:, P:], forward_kv(model, s[:1, :P])[1])[0] == model(s)[:, P:]

whenever all rows of ``s`` share their first ``P`` tokens (equal to float rounding, ~1e-6).

Training uses that for the constant prompt head (``system: You have assess to the following apis:
<doc> The conversation history is:\\n``, ~70% of a planner prompt): it is computed once per batch,
with gradients, and every sample of the batch attends to it (NOTES: ~2.5x more samples per minute).
Greedy decoding uses it as an ordinary KV cache.

The computation is the one of ``model.py`` (same modules, same RoPE, softmax in float32); the model
file is left untouched because the GGUF parity checks are tied to it.
"""

from __future__ import annotations

import math
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F

from .model import TinyLlama, apply_rope, rope_tables

KV = List[Tuple[torch.Tensor, torch.Tensor]]


def forward_kv(model: TinyLlama, tokens: torch.Tensor, past: Optional[KV] = None) -> Tuple[torch.Tensor, KV]:
    """Logits (B, T, vocab) for ``tokens`` after ``past``, and the keys/values of past + tokens."""
    cfg = model.cfg
    if tokens.dim() == 1:
        tokens = tokens[None]
    B, T = tokens.shape
    P = 0 if not past else past[0][0].shape[2]
    if P + T > cfg.context:
        raise ValueError(f"{P + T} positions exceed the context of {cfg.context}")
    hd, nh, nkv = cfg.head_dim, cfg.n_heads, cfg.kv_heads
    cos, sin = rope_tables(hd, T, cfg.rope_base, offset=P)
    mask = torch.zeros(T, P + T)
    mask[:, P:] = torch.full((T, T), float("-inf")).triu(1)
    scale = 1.0 / math.sqrt(hd)
    x = model.tok_emb(tokens)
    new: KV = []
    for i, blk in enumerate(model.blocks):
        a = blk.attn
        h = blk.attn_norm(x)
        q = a.wq(h).view(B, T, nh, hd).transpose(1, 2)
        k = a.wk(h).view(B, T, nkv, hd).transpose(1, 2)
        v = a.wv(h).view(B, T, nkv, hd).transpose(1, 2)
        q, k = apply_rope(q, cos, sin), apply_rope(k, cos, sin)
        if P:
            pk, pv = past[i]
            k = torch.cat((pk.expand(B, -1, -1, -1), k), dim=2)
            v = torch.cat((pv.expand(B, -1, -1, -1), v), dim=2)
        new.append((k, v))
        if nkv != nh:
            k = k.repeat_interleave(nh // nkv, dim=1)
            v = v.repeat_interleave(nh // nkv, dim=1)
        att = torch.softmax(((q @ k.transpose(-2, -1)) * scale + mask).float(), dim=-1).to(q.dtype)
        y = (att @ v).transpose(1, 2).reshape(B, T, nh * hd)
        x = x + a.wo(y)
        x = x + blk.ffn(blk.ffn_norm(x))
    return F.linear(model.norm(x), model.output_weight()), new


@torch.no_grad()
def greedy(
    model: TinyLlama,
    prompt: Sequence[int],
    max_new: int,
    stop_at: Optional[int] = None,
    prefix_cache: Optional[Tuple[Sequence[int], KV]] = None,
) -> List[int]:
    """Greedy continuation with a KV cache (ties to the lowest id, as ``model.generate``).

    ``prefix_cache = (tokens, kv)`` reuses the keys/values of a prompt head when ``prompt`` starts
    with ``tokens``. Stops after ``stop_at`` (included) or at the context's end.
    """
    prompt = list(prompt)
    past: Optional[KV] = None
    start = 0
    if prefix_cache is not None:
        head, kv = prefix_cache
        if len(head) < len(prompt) and prompt[: len(head)] == list(head):
            past, start = kv, len(head)
    logits, past = forward_kv(model, torch.tensor([prompt[start:]]), past)
    out: List[int] = []
    for _ in range(max_new):
        nxt = int(torch.argmax(logits[0, -1]))
        out.append(nxt)
        if (stop_at is not None and nxt == stop_at) or len(prompt) + len(out) >= model.cfg.context:
            break
        logits, past = forward_kv(model, torch.tensor([[nxt]]), past)
    return out
