"""Checkpoints of the trained models, the copy warm-up's reuse by a later run, and its greedy copy check."""

from __future__ import annotations

from typing import List

import torch

from .copy_warmup import synthetic_samples
from .kv import greedy
from .model import ModelConfig, TinyLlama
from .tokenizer import ByteBPETokenizer


def check_copy(model: TinyLlama, tok: ByteBPETokenizer, words: List[str], seed: int, n: int = 200) -> dict:
    """Greedy exact-match rate of the warm-up task on fresh synthetic samples (a seed the job never saw)."""
    hits, example = 0, None
    for s in synthetic_samples(words, n, seed + 7919):
        ids = greedy(model, [tok.bos_id] + tok.encode(s["input"]), 96, stop_at=tok.eos_id)
        out = tok.decode([i for i in ids if i != tok.eos_id], keep_special=False)
        hits += out == s["target"]
        if example is None or (out != s["target"] and example["output"] == example["target"]):
            example = {"target": s["target"], "output": out}
    return {"exact": 100.0 * hits / n, "samples": n, "example": example}


def load_reused_copy(path: str, cfg: ModelConfig, seed: int) -> TinyLlama:
    """The warm-up of an earlier run; refused unless its model shape and seed match this run's."""
    ck = torch.load(path, map_location="cpu")
    if ck["config"] != cfg.to_dict() or ck.get("meta", {}).get("seed") != seed:
        raise SystemExit(f"--from-copy {path}: trained with config {ck['config']} and seed {ck.get('meta', {}).get('seed')},"
                         f" this run needs {cfg.to_dict()} and seed {seed}; train the warm-up again (drop --from-copy)")
    model = TinyLlama(ModelConfig(**ck["config"]))
    model.load_state_dict(ck["state_dict"])
    return model.eval()


def save_checkpoint(model: TinyLlama, path: str, meta: dict) -> None:
    """A model's config, weights and run metadata in one ``.pt`` file."""
    torch.save({"config": model.cfg.to_dict(), "state_dict": model.state_dict(), "meta": meta}, path)
