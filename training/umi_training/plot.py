"""Loss curves from ``metrics.jsonl``: a PNG with matplotlib (``apt-get install python3-matplotlib``),
else a hand-written SVG. x: minutes since training started; y (log): target loss (solid) and
history LM loss (dashed), one colour per job.

``python -m umi_training.plot RUN_DIR`` redraws a run's curves.
"""

from __future__ import annotations

import json
import math
import os
import sys
from typing import Dict, List

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def read_metrics(path: str) -> Dict[str, List[dict]]:
    jobs: Dict[str, List[dict]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            jobs.setdefault(r["job"], []).append(r)
    return jobs


def _series(rows: List[dict], key: str):
    return [(r["minutes"], r[key]) for r in rows if r.get(key) is not None and r[key] > 0]


def plot_png(jobs: Dict[str, List[dict]], path: str, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    for i, (job, rows) in enumerate(jobs.items()):
        c = COLORS[i % len(COLORS)]
        for key, style, label in (("loss_target", "-", "target"), ("loss_lm", "--", "history LM")):
            pts = _series(rows, key)
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], style, color=c, label=f"{job} {label}", lw=1.4)
    ax.set_yscale("log")
    ax.set_xlabel("training minutes")
    ax.set_ylabel("cross-entropy (nats/token)")
    ax.set_title(title)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def plot_svg(jobs: Dict[str, List[dict]], path: str, title: str) -> None:
    W, H, L, R, T, B = 900, 500, 70, 20, 40, 50
    pts_all = [p for rows in jobs.values() for k in ("loss_target", "loss_lm") for p in _series(rows, k)]
    if not pts_all:
        pts_all = [(0.0, 1.0), (1.0, 10.0)]
    x1 = max(p[0] for p in pts_all) or 1.0
    y0 = math.log10(min(p[1] for p in pts_all))
    y1 = math.log10(max(p[1] for p in pts_all))
    y0, y1 = math.floor(y0 * 2) / 2, math.ceil(y1 * 2) / 2 + 1e-9

    def sx(x):
        return L + (W - L - R) * x / x1

    def sy(y):
        return T + (H - T - B) * (1 - (math.log10(y) - y0) / (y1 - y0))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="11">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2}" y="22" text-anchor="middle" font-size="14">{title}</text>',
           f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
           f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H - B}" stroke="black"/>',
           f'<text x="{W / 2}" y="{H - 12}" text-anchor="middle">training minutes</text>']
    e = y0
    while e <= y1:
        y = sy(10 ** e)
        out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:.3g}</text>')
        e += 0.5
    for k in range(6):
        x = x1 * k / 5
        out.append(f'<text x="{sx(x):.1f}" y="{H - B + 16}" text-anchor="middle">{x:.0f}</text>')
    ly = T + 10
    for i, (job, rows) in enumerate(jobs.items()):
        c = COLORS[i % len(COLORS)]
        for key, dash, label in (("loss_target", "", "target"), ("loss_lm", ' stroke-dasharray="5,3"', "history LM")):
            pts = _series(rows, key)
            if not pts:
                continue
            d = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
            out.append(f'<polyline fill="none" stroke="{c}" stroke-width="1.5"{dash} points="{d}"/>')
            out.append(f'<line x1="{W - R - 190}" y1="{ly}" x2="{W - R - 165}" y2="{ly}" stroke="{c}" stroke-width="2"{dash}/>')
            out.append(f'<text x="{W - R - 160}" y="{ly + 4}">{job} {label}</text>')
            ly += 15
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def plot_run(run_dir: str, title: str = "umi tiny models: training loss") -> str:
    """Write ``loss.png`` (or ``loss.svg`` without matplotlib) into the run folder; returns its path."""
    jobs = read_metrics(os.path.join(run_dir, "metrics.jsonl"))
    try:
        path = os.path.join(run_dir, "loss.png")
        plot_png(jobs, path, title)
    except ImportError:
        path = os.path.join(run_dir, "loss.svg")
        plot_svg(jobs, path, title)
    return path


if __name__ == "__main__":
    print(plot_run(sys.argv[1]))
