"""Progress of a training run: elapsed-time formatting, progress records and learning-curve snapshots."""

from __future__ import annotations

import json
import time

from .jobs import Job
from .model import TinyLlama


def fmt_time(s: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour."""
    s = int(max(s, 0))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Reporter:
    """Progress lines on stdout and ``metrics.jsonl`` records."""

    def __init__(self, path: str, t0: float, snapshot_minutes: float = 0.0, snapshot=None):
        self.f = open(path, "w", encoding="utf-8")
        self.t0 = t0
        self.snapshot_minutes = snapshot_minutes
        self.next_snapshot = snapshot_minutes
        self.snapshot = snapshot  # (job, model, minutes) -> None: a GGUF for the learning curve

    def maybe_snapshot(self, job: Job, model: TinyLlama) -> None:
        """Export a learning-curve snapshot when the next snapshot minute has passed."""
        if self.snapshot is None or self.snapshot_minutes <= 0 or self.minutes() < self.next_snapshot:
            return
        self.snapshot(job, model, self.next_snapshot)
        self.next_snapshot += self.snapshot_minutes

    def skip_to_now(self) -> None:
        """No snapshot for minutes already past (the copy warm-up takes none: it is not a tool-use model)."""
        while self.snapshot_minutes > 0 and self.next_snapshot <= self.minutes():
            self.next_snapshot += self.snapshot_minutes

    def minutes(self) -> float:
        return (time.time() - self.t0) / 60

    def record(self, rec: dict) -> None:
        self.f.write(json.dumps(rec) + "\n")
        self.f.flush()

    def close(self) -> None:
        self.f.close()
