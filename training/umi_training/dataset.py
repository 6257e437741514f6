"""GLPFT samples -> token sequences with per-token loss weights, grouped and batched for training.

A sample ``{input, target}`` (``samples/<role>.jsonl`` of ``training/data/generate.ts``; inputs
already carry the ``system: `` prefix and the role suffix, targets exclude EOS) becomes

    BOS + encode(input) + encode(target) + EOS

with ``encode(..., parse_special=True)``, so every literal ``</s>`` of the history is the EOS id
(SPEC §4). Each position gets a loss kind for the token it predicts: TARGET for the target tokens and
the final EOS (weight 1), HISTORY for tokens of the conversation history inside the input (the LM
weight, 0.3 by default: NOTES found this extra signal the biggest gain per minute), NONE for the
rest (the constant doc and template text, which teach nothing). The history is the text after
``The conversation history is:\\n`` (``... conversation history:\\n`` for the summarizer) and
before the template's closing instructions (or the role suffix); tokens are assigned to it by their
byte offsets, so the tokenization itself is that of the whole string.

**Shared prefix.** Every sample whose prompt head (``system: You have assess ... history is:\\n``)
is the same string and whose tokens start with that head's tokens joins the head's group; a batch
draws from one group and computes the head once (``kv.forward_kv``). The last head token is fed
again as the first batch token, so the first history token gets its prediction without the head's
logits.

**Too long.** A sequence longer than the context is cut from the left (BOS re-added, as the
runtime does, SPEC §4), keeping the whole target; it then has no shared head and goes to the group
without one. One whose target alone does not fit is dropped.

**Batches.** Within a group, samples are sorted by length (with a seeded random jitter, so batches
change between epochs), cut into batches of at most ``batch_size`` samples and ``batch_tokens``
padded tokens, and the batches of all groups are shuffled (seed + epoch).
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch

from .tokenizer import ByteBPETokenizer

NONE, HISTORY, TARGET = 0, 1, 2
ROLES = ("planner", "caller", "summarizer", "backbone")

# The prompt head shared by every sample of a tool set ends with one of these.
HEAD_ENDS = ("The conversation history is:\n", "Make a conclusion based on the conversation history:\n")
# Where the history ends: the template's closing text (last occurrence), else the role suffix.
HISTORY_ENDS = (
    "\nYou are the assistant to plan what to do next",  # planner
    "\nThe thought of this step is:\n",  # caller
    "\nYou should answer the action of next step",  # backbone
)
ROLE_SUFFIXES = (" assistant: ", " caller: ", " conclusion: ")


def read_samples(path: str) -> List[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_role_samples(data_dir: str, role: str, limit: Optional[int] = None, seed: int = 0) -> List[dict]:
    """``samples/<role>.jsonl`` of a generated data folder; ``limit``: a seeded random subset (file order kept)."""
    samples = read_samples(os.path.join(data_dir, "samples", f"{role}.jsonl"))
    if limit is not None and limit < len(samples):
        keep = sorted(random.Random(f"{seed}:{role}").sample(range(len(samples)), limit))
        samples = [samples[i] for i in keep]
    return samples


def history_span(text: str) -> Tuple[int, int]:
    """Character span of the conversation history inside a model input ((0, 0) when not found)."""
    start = -1
    for head in HEAD_ENDS:
        at = text.find(head)
        if at >= 0:
            start = at + len(head)
            break
    if start < 0:
        return 0, 0
    end = -1
    for tail in HISTORY_ENDS:
        end = max(end, text.rfind(tail))
    if end < start:
        end = len(text)
        for suffix in ROLE_SUFFIXES:
            if text.endswith(suffix):
                end -= len(suffix)
                break
    return start, max(start, end)


def prompt_head(text: str) -> Optional[str]:
    """The constant prompt head (up to and including the ``... history ...:\\n`` line), if any."""
    for head in HEAD_ENDS:
        at = text.find(head)
        if at >= 0:
            return text[: at + len(head)]
    return None


@dataclass
class Example:
    tokens: np.ndarray  # int64, BOS .. EOS
    kinds: np.ndarray  # int8, kind of the token each position predicts (len(tokens) - 1)
    group: int  # index of the shared head (0: none)
    head_len: int  # tokens of the shared head, BOS included (0 when group 0)


@dataclass
class EncodedSet:
    """All examples of one training job, with their shared heads."""

    examples: List[Example]
    heads: List[List[int]] = field(default_factory=lambda: [[]])  # heads[0] = no head
    dropped: int = 0
    truncated: int = 0

    def stats(self) -> dict:
        lens = np.array([len(e.tokens) for e in self.examples])
        kinds = np.concatenate([e.kinds for e in self.examples]) if self.examples else np.zeros(0)
        head = [len(h) for h in self.heads[1:]]
        return {
            "samples": len(self.examples),
            "tokens": int(lens.sum()),
            "mean_len": float(lens.mean()) if len(lens) else 0.0,
            "max_len": int(lens.max()) if len(lens) else 0,
            "target_tokens": int((kinds == TARGET).sum()),
            "history_tokens": int((kinds == HISTORY).sum()),
            "head_tokens": head,
            "dropped": self.dropped,
            "truncated": self.truncated,
        }


def encode_samples(tok: ByteBPETokenizer, samples: Sequence[dict], context: int) -> EncodedSet:
    """Tokenize samples with loss kinds and shared-head groups (see the module docstring)."""
    tok_bytes = np.array([len(t) for t in tok.tokens])  # byte alphabet: one char per byte; </s> is 4
    head_ids: Dict[str, int] = {}
    out = EncodedSet(examples=[])
    for s in samples:
        inp, tgt = s["input"], s["target"]
        ids_in = tok.encode(inp)
        ids_tgt = tok.encode(tgt) + [tok.eos_id]
        tokens = [tok.bos_id] + ids_in + ids_tgt
        kinds = np.zeros(len(tokens), dtype=np.int8)  # kind of token i (as a prediction target)
        kinds[1 + len(ids_in) :] = TARGET
        c0, c1 = history_span(inp)
        if c1 > c0:
            b0, b1 = len(inp[:c0].encode("utf-8")), len(inp[:c1].encode("utf-8"))
            starts = np.concatenate(([0], np.cumsum(tok_bytes[ids_in])[:-1]))
            in_hist = (starts >= b0) & (starts < b1)
            kinds[1 : 1 + len(ids_in)][in_hist] = HISTORY
        group, head_len = 0, 0
        head = prompt_head(inp)
        if head is not None:
            gid = head_ids.get(head)
            if gid is None:
                gid = head_ids[head] = len(out.heads)
                out.heads.append([tok.bos_id] + tok.encode(head))
            h = out.heads[gid]
            if len(tokens) <= context and tokens[: len(h)] == h:
                group, head_len = gid, len(h)
        if len(tokens) > context:
            if len(ids_tgt) + 2 > context:
                out.dropped += 1
                continue
            tokens = [tok.bos_id] + tokens[len(tokens) - context + 1 :]
            kinds = np.concatenate(([NONE], kinds[len(kinds) - context + 1 :])).astype(np.int8)
            out.truncated += 1
        out.examples.append(Example(np.array(tokens, dtype=np.int64), kinds[1:].copy(), group, head_len))
    return out


@dataclass
class Batch:
    head: List[int]  # shared head tokens minus its last one (empty: none)
    inputs: torch.Tensor  # (B, T) int64, right-padded
    labels: torch.Tensor  # (B, T) int64
    kinds: torch.Tensor  # (B, T) int8, NONE on padding
    real_tokens: int  # sum of the samples' full lengths (head counted per sample)
    computed_tokens: int  # head once + B * T


def make_batch(examples: Sequence[Example], head: List[int]) -> Batch:
    """Right-padded batch; with a head of length H, inputs start at the head's last token."""
    skip = max(len(head) - 1, 0)
    seqs = [e.tokens[skip:] for e in examples]
    T = max(len(s) for s in seqs) - 1
    B = len(seqs)
    inputs = torch.zeros(B, T, dtype=torch.int64)
    labels = torch.zeros(B, T, dtype=torch.int64)
    kinds = torch.zeros(B, T, dtype=torch.int8)
    for i, (e, s) in enumerate(zip(examples, seqs)):
        n = len(s) - 1
        inputs[i, :n] = torch.from_numpy(s[:-1])
        labels[i, :n] = torch.from_numpy(s[1:])
        kinds[i, :n] = torch.from_numpy(e.kinds[skip:])
    return Batch(head[:-1] if skip else [], inputs, labels, kinds,
                 int(sum(len(e.tokens) for e in examples)), skip + B * T)


# A planned batch: (group, example indices, B, T (padded batch length), P (head tokens before it)).
Plan = Tuple[int, List[int], int, int, int]


def step_cost(B: int, T: int, P: int) -> float:
    """Relative time of a training step (B samples of T tokens after a shared head of P tokens).

    Fitted here (d 128, 4 layers, 2 threads, batch 16; ~20% error per step, less on average):
    ~0.13 s per step of fixed overhead (optimiser, small ops), 1.1e-4 s per batch token and as much
    again per 370 keys it attends to. Units: one batch token without attention.
    """
    return 1200.0 + B * T * (1.0 + (P + T) / 370.0)


def epoch_plan(data: EncodedSet, epoch: int, seed: int, batch_size: int, batch_tokens: int) -> List[Plan]:
    """One epoch of length-bucketed batches in a seeded random order (example indices only)."""
    rng = random.Random(f"{seed}:epoch:{epoch}")
    by_group: Dict[int, List[int]] = {}
    for i, e in enumerate(data.examples):
        by_group.setdefault(e.group, []).append(i)
    plan: List[Plan] = []
    for g in sorted(by_group):
        skip = max(len(data.heads[g]) - 1, 0)
        keyed = sorted(
            ((len(data.examples[i].tokens) - skip - 1) * (1.0 + 0.1 * rng.random()), i) for i in by_group[g]
        )
        cur: List[int] = []
        longest = 0
        for _, i in keyed:
            n = len(data.examples[i].tokens) - skip - 1
            if cur and (len(cur) >= batch_size or max(longest, n) * (len(cur) + 1) > batch_tokens):
                plan.append((g, cur, len(cur), longest, skip))
                cur, longest = [], 0
            cur.append(i)
            longest = max(longest, n)
        if cur:
            plan.append((g, cur, len(cur), longest, skip))
    rng.shuffle(plan)
    return plan


class BatchStream:
    """Endless batches: epoch after epoch, each planned and shuffled from (seed, epoch)."""

    def __init__(self, data: EncodedSet, seed: int, batch_size: int, batch_tokens: int):
        self.data, self.seed, self.batch_size, self.batch_tokens = data, seed, batch_size, batch_tokens
        self._plans: Dict[int, List[Plan]] = {}

    def plan(self, e: int) -> List[Plan]:
        if e not in self._plans:
            if len(self._plans) > 4:
                self._plans.clear()
            self._plans[e] = epoch_plan(self.data, e, self.seed, self.batch_size, self.batch_tokens)
        return self._plans[e]

    def batches_per_epoch(self) -> int:
        return len(self.plan(0))

    def locate(self, step: int) -> Tuple[Plan, float]:
        n = self.batches_per_epoch()
        e, i = divmod(step, n)
        return self.plan(e)[i], e + i / n

    def at(self, step: int) -> Tuple[Batch, float]:
        """The batch of a step (0-based) and the epoch position (1.25: a quarter into the 2nd epoch)."""
        (g, idx, _, _, _), ep = self.locate(step)
        return make_batch([self.data.examples[i] for i in idx], self.data.heads[g]), ep

    def cost(self, step: int) -> float:
        (_, _, B, T, P), _ = self.locate(step)
        return step_cost(B, T, P)
