"""Quick held-out greedy check in PyTorch (not the evaluation: that runs through llama.cpp).

Teacher-forced, like the step metrics of SPEC §6: each model gets the gold prompt of a held-out
step, decodes greedily to EOS, and its output is parsed as SPEC §5 does:

* planner: the plan tag (give up > conclusion > caller) against the reference's; also the whole
  thought, exactly;
* caller: the action name (text after the last ``Action:``, cut at ``Action Input:``) and the whole
  call (action equal and Action Input equal as JSON);
* summarizer: the answer exactly, and its word-level F1 with the reference;
* backbone: the plan (``conclusion: give up`` / ``conclusion: `` / call) and, on call steps, the action.

The steps are ``n`` evenly spaced samples of each role's file (rendered from
``test-out-of-domain.json`` by ``render_samples.ts``).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from typing import Dict, List, Optional

import torch

from .dataset import prompt_head, read_samples
from .kv import forward_kv, greedy
from .model import TinyLlama
from .tokenizer import ByteBPETokenizer

MAX_NEW = {"planner": 48, "caller": 96, "summarizer": 128, "backbone": 160}
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def render_split(split_json: str, out_dir: str, system_prefix: bool = True) -> Optional[str]:
    """Render a dialogue file's samples with the TypeScript renderers; None (and a note) if that fails."""
    cmd = ["npx", "--no-install", "tsx", "training/umi_training/render_samples.ts", "--in", split_json, "--out", out_dir]
    if not system_prefix:
        cmd.append("--no-system-prefix")
    try:
        subprocess.run(cmd, cwd=REPO_ROOT, check=True, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as e:
        print(f"note: could not render {split_json} ({e}); skipping the held-out check", flush=True)
        return None
    return out_dir


def plan_label(text: str) -> str:
    if "Next: give up." in text:
        return "give up"
    if "Next: conclusion." in text:
        return "finish"
    return "call"


def parse_call(text: str):
    """(action, action input) as SPEC §5 parses a caller output."""
    action, args = "none", "{}"
    if "Action Input:" in text:
        args = text.rsplit("Action Input:", 1)[1].strip()
    if "Action:" in text:
        action = text.rsplit("Action:", 1)[1].split("Action Input:", 1)[0].strip()
    return action, args


def backbone_label(text: str) -> str:
    if "conclusion: give up" in text:
        return "give up"
    if "conclusion: " in text:
        return "finish"
    return "call"


def same_json(a: str, b: str) -> bool:
    try:
        return json.loads(a) == json.loads(b)
    except ValueError:
        return a.strip() == b.strip()


def word_f1(pred: str, ref: str) -> float:
    p, r = Counter(pred.split()), Counter(ref.split())
    common = sum((p & r).values())
    if not common:
        return 0.0
    prec, rec = common / sum(p.values()), common / sum(r.values())
    return 2 * prec * rec / (prec + rec)


def pick(samples: List[dict], n: int) -> List[dict]:
    if len(samples) <= n:
        return samples
    return [samples[(i * len(samples)) // n] for i in range(n)]


@torch.no_grad()
def check_model(model: TinyLlama, tok: ByteBPETokenizer, role: str, samples: List[dict], n: int = 20) -> Dict:
    """Greedy outputs on ``n`` held-out steps of ``role``; returns the scores and a few examples."""
    model.eval()
    picked = pick(samples, n)
    head_cache = {}
    scores: Dict[str, List[float]] = {}
    examples = []

    def add(key: str, ok) -> None:
        scores.setdefault(key, []).append(float(ok))

    for s in picked:
        prompt = [tok.bos_id] + tok.encode(s["input"])
        limit = model.cfg.context - MAX_NEW[role] - 8  # the runtime's cut (SPEC §4), BOS re-added
        if len(prompt) > limit:
            prompt = [tok.bos_id] + prompt[len(prompt) - limit + 1 :]
        head = prompt_head(s["input"])
        cache = None
        if head is not None:
            if head not in head_cache:
                ids = [tok.bos_id] + tok.encode(head)
                head_cache[head] = (ids, forward_kv(model, torch.tensor([ids]))[1])
            cache = head_cache[head]
        out = greedy(model, prompt, MAX_NEW[role], stop_at=tok.eos_id, prefix_cache=cache)
        text = tok.decode([t for t in out if t != tok.eos_id])
        ref = s["target"]
        if role == "planner":
            add("plan_acc", plan_label(text) == plan_label(ref))
            add("thought_em", text.strip() == ref.strip())
        elif role == "caller":
            (pa, pi), (ra, ri) = parse_call(text), parse_call(ref)
            add("action_em", pa == ra)
            add("call_em", pa == ra and same_json(pi, ri))
        elif role == "summarizer":
            add("answer_em", text.strip() == ref.strip())
            add("answer_f1", word_f1(text, ref))
        else:
            pl, rl = backbone_label(text), backbone_label(ref)
            add("plan_acc", pl == rl)
            if rl == "call":
                (pa, pi), (ra, ri) = parse_call(text), parse_call(ref)
                add("action_em", pl == "call" and pa == ra)
                add("call_em", pl == "call" and pa == ra and same_json(pi, ri))
        add("ends_with_eos", bool(out) and out[-1] == tok.eos_id)
        if len(examples) < 3:
            examples.append({"target": ref, "output": text})
    result = {k: round(100.0 * sum(v) / len(v), 1) for k, v in scores.items()}
    result["steps"] = len(picked)
    return {"scores": result, "examples": examples}


def load_test_samples(sample_dir: str, role: str) -> List[dict]:
    return read_samples(os.path.join(sample_dir, f"{role}.jsonl"))
