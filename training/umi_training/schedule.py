"""Learning-rate schedule (warm-up, stable, decay) and time budget -> step counts.

A job's LR warms up linearly over ``warmup`` steps, stays at its peak, and from step ``decay_start``
follows a half cosine down to ``min_ratio * peak`` at step ``total``. Neither the warm-up nor the
stable phase depends on the total, so a time budget can fix the two counts late and robustly:
when the job has used ``1 - decay_frac`` of its minutes, ``decay_start`` is the current step and
``total`` comes from the seconds per step measured over the whole stable phase so far (per unit of
``dataset.step_cost``, since batches differ in size), walking the planned batches until their
predicted time fills the rest of the budget. A slow patch (another process on the two cores) then
only shifts when the decay starts, instead of mis-sizing the whole run.

``run.json`` records ``name=decay_start:total`` per job; ``--steps`` with those values replays the
run exactly (same batches, same LRs), whatever the machine's speed; the same weights where the BLAS
kernels are the same (``machine.py``).
"""

from __future__ import annotations

import math
from typing import Callable, Optional, Tuple


def lr_at(step: int, peak: float, warmup: int, decay_start: Optional[int], total: Optional[int],
          min_ratio: float = 0.1) -> float:
    """LR of a 0-based step; ``decay_start``/``total`` None while still undecided (stable phase)."""
    if step < warmup:
        return peak * (step + 1) / warmup
    if decay_start is None or total is None or step < decay_start:
        return peak
    t = min((step - decay_start) / max(total - decay_start, 1), 1.0)
    return peak * (min_ratio + (1.0 - min_ratio) * 0.5 * (1.0 + math.cos(math.pi * t)))


def plan_steps(cost_of: Callable[[int], float], start: int, sec_per_cost: float, seconds_left: float,
               max_steps: int = 10_000_000) -> int:
    """Total steps so that steps ``start..`` take about ``seconds_left`` at ``sec_per_cost``."""
    step, t = start, 0.0
    while step < max_steps:
        t += cost_of(step) * sec_per_cost
        if t > seconds_left:
            break
        step += 1
    return max(step, start + 1)


def parse_fixed(spec: str) -> Tuple[int, int]:
    """``"D:N"`` -> (decay_start D, total N); a bare ``"N"`` decays over its last 25%."""
    if ":" in spec:
        d, n = spec.split(":")
        return int(d), int(n)
    n = int(spec)
    return int(round(n * 0.75)), n
