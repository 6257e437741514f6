"""The jobs a variant trains (copy warm-up, stage 1, stage 2 per role, or a baseline) and ``--steps`` parsing."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Dict, List, Optional, Tuple

from .schedule import parse_fixed


@dataclass
class Job:
    """One model trained for a time budget (or fixed steps) on one role's samples."""

    name: str  # checkpoint/GGUF base name and --steps key
    role: str  # which samples: backbone, planner, caller, summarizer
    stage: str  # "stage 1", "stage 2", "single-LLM", "one-stage"
    init: Optional[str]  # None: from scratch; else the job whose weights it starts from
    minutes: float
    lr: float
    warmup: int
    batch_size: int = 0  # 0: --batch-size


def parse_steps(text: Optional[str]) -> Dict[str, Tuple[int, int]]:
    """``stage1=3000:4000,planner=500:660`` -> {job: (decay_start, total)}."""
    if not text:
        return {}
    return {k.strip(): parse_fixed(v) for k, v in (part.split("=") for part in text.split(","))}


def build_jobs(args, role_cost: Dict[str, float]) -> List[Job]:
    """The variant's jobs, after the copy warm-up every variant starts from (when ``--minutes-copy`` > 0)."""
    m1, m2 = args.minutes_stage1, args.minutes_stage2
    total = m1 + 3 * m2
    roles = ("planner", "caller", "summarizer")
    warm = [Job("copy", "copy", "copy warm-up", None, args.minutes_copy, args.lr1, args.warmup1, args.copy_batch_size)]
    if args.minutes_copy <= 0:
        warm = []
    start = "copy" if warm else None
    if args.variant == "alpha-umi":
        return warm + [Job("stage1", "backbone", "stage 1", start, m1, args.lr1, args.warmup1)] + [
            Job(r, r, "stage 2", "stage1", m2, args.lr2, args.warmup2) for r in roles
        ]
    if args.variant == "backbone":
        return warm + [Job("backbone", "backbone", "single-LLM", start, total, args.lr1, args.warmup1)]
    share = sum(role_cost[r] for r in roles)
    return warm + [Job(r, r, "one-stage", start, total * role_cost[r] / share, args.lr1, args.warmup1) for r in roles]


def reused_summary(job: Job, path: str) -> dict:
    """run.json's record of a warm-up that was loaded rather than trained."""
    return {**asdict(job), "steps": 0, "decay_start": 0, "planned_steps": 0, "reused_from": path, "train_minutes": 0.0,
            "tokens": 0, "epochs": 0, "tokens_per_s": 0, "computed_tokens_per_s": 0}
