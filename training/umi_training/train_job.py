"""One training job: AdamW over a batch stream, for a time budget or fixed step counts, with progress lines."""

from __future__ import annotations

import time
import zlib
from dataclasses import asdict
from typing import Optional, Tuple

import torch
import torch.nn.functional as F

from .dataset import HISTORY, TARGET, BatchStream, EncodedSet
from .jobs import Job
from .kv import forward_kv
from .model import TinyLlama
from .progress import Reporter, fmt_time
from .schedule import lr_at, plan_steps


def param_groups(model: TinyLlama, wd: float):
    """AdamW groups: weight decay on matrices only."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    other = [p for p in model.parameters() if p.dim() < 2]
    return [{"params": decay, "weight_decay": wd}, {"params": other, "weight_decay": 0.0}]


def train_job(job: Job, model: TinyLlama, data: EncodedSet, args, rep: Reporter, fixed: Optional[Tuple[int, int]],
              later_seconds: float) -> dict:
    """Train ``model`` in place for the job's budget (or the fixed ``(decay_start, total)``); returns its summary."""
    model.train()
    opt = torch.optim.AdamW(param_groups(model, args.weight_decay), lr=job.lr, betas=(0.9, 0.95), eps=1e-8)
    stream = BatchStream(data, zlib.crc32(f"{args.seed}:{job.name}".encode()), job.batch_size or args.batch_size,
                         args.batch_tokens)
    budget = job.minutes * 60
    decay_start, total = fixed if fixed else (None, None)
    tag = f"[{job.stage} {job.name}]"
    print(f"{tag} {data.stats()['samples']:,} samples, {stream.batches_per_epoch():,} batches/epoch, "
          f"budget {job.minutes:.1f} min, peak lr {job.lr:g}, warm-up {job.warmup} steps"
          + (f", fixed steps: decay from {decay_start} to {total}" if fixed else
             f", decay over the last {args.decay_frac:.0%} of the budget"), flush=True)
    t_start = time.time()
    t_first = t_start
    step = 0
    acc = dict(t=0.0, nt=0, h=0.0, nh=0, real=0, comp=0)
    tail = dict(t=0.0, nt=0, h=0.0, nh=0)
    totals = dict(real=0, comp=0, target=0)
    last_log = time.time()
    lm_w = args.lm_weight
    stopped_early = False
    while total is None or step < total:
        lr = lr_at(step, job.lr, job.warmup, decay_start, total, args.min_lr_ratio)
        for g in opt.param_groups:
            g["lr"] = lr
        batch, _ = stream.at(step)
        past = forward_kv(model, torch.tensor([batch.head]))[1] if batch.head else None
        logits, _ = forward_kv(model, batch.inputs, past)
        ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), batch.labels.reshape(-1), reduction="none")
        kinds = batch.kinds.reshape(-1)
        is_t, is_h = kinds == TARGET, kinds == HISTORY
        w = is_t.float() + lm_w * is_h.float()
        loss = (ce * w).sum() / w.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if args.clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        with torch.no_grad():
            st, nt = float(ce[is_t].sum()), int(is_t.sum())
            sh, nh = float(ce[is_h].sum()), int(is_h.sum())
        for d in (acc, tail):
            d["t"] += st
            d["nt"] += nt
            d["h"] += sh
            d["nh"] += nh
        acc["real"] += batch.real_tokens
        acc["comp"] += batch.computed_tokens
        totals["real"] += batch.real_tokens
        totals["comp"] += batch.computed_tokens
        totals["target"] += nt
        step += 1
        if job.role != "copy":
            rep.maybe_snapshot(job, model)
        now = time.time()
        if step == 1:
            t_first = now  # the first step (allocations) is not timed
        if total is None and (now - t_start >= budget * (1 - args.decay_frac) or step >= args.max_steps):
            decay_start = step
            spc = (now - t_first) / max(sum(stream.cost(s) for s in range(1, step)), 1.0)
            total = plan_steps(stream.cost, step, spc, budget - (now - t_start), args.max_steps)
            print(f"{tag} decay from step {decay_start:,} to {total:,} (~{total / stream.batches_per_epoch():.2f} "
                  f"epochs; {(now - t_first) / max(step - 1, 1):.2f} s/step so far)", flush=True)
        if total is not None and step == max(total - max(total // 10, 1), 0):
            tail = dict(t=0.0, nt=0, h=0.0, nh=0)  # final losses: mean over the last 10% of steps
        done = total is not None and step >= total
        if not fixed and now - t_start > budget * 1.3 + 30:
            print(f"{tag} WARNING: {fmt_time(now - t_start)} is well past the budget; stopping at step {step}", flush=True)
            stopped_early = done = True
        if now - last_log >= args.log_every or done:
            dt = now - last_log
            job_el = now - t_start
            left = (job_el / step) * (total - step) if total else budget - job_el
            rec = {
                "job": job.name, "role": job.role, "stage": job.stage, "step": step, "steps": total,
                "epoch": round(step / stream.batches_per_epoch(), 4), "minutes": round(rep.minutes(), 3),
                "job_minutes": round(job_el / 60, 3), "lr": lr,
                "loss_target": acc["t"] / acc["nt"] if acc["nt"] else None,
                "loss_lm": acc["h"] / acc["nh"] if acc["nh"] else None,
                "tokens_per_s": round(acc["real"] / dt), "computed_tokens_per_s": round(acc["comp"] / dt),
                "tokens": totals["real"],
            }
            rep.record(rec)
            lt = f"{rec['loss_target']:.3f}" if rec["loss_target"] is not None else "-"
            ll = f"{rec['loss_lm']:.3f}" if rec["loss_lm"] is not None else "-"
            print(f"{tag} step {step:,}/{total or '?'} ep {rec['epoch']:.2f} | loss target {lt} lm {ll} | lr {lr:.2e} | "
                  f"{rec['tokens_per_s']:,} tok/s ({rec['computed_tokens_per_s']:,} computed) | "
                  f"job {fmt_time(job_el)}/{fmt_time(budget)} | run {fmt_time(rep.minutes() * 60)} "
                  f"ETA {fmt_time(left + later_seconds)}", flush=True)
            acc = dict(t=0.0, nt=0, h=0.0, nh=0, real=0, comp=0)
            last_log = now
        if done:
            break
    secs = time.time() - t_start
    return {
        **asdict(job), "steps": step, "decay_start": decay_start, "planned_steps": total,
        "stopped_early": stopped_early, "epochs": round(step / stream.batches_per_epoch(), 3),
        "train_minutes": round(secs / 60, 2), "tokens": totals["real"], "computed_tokens": totals["comp"],
        "target_tokens": totals["target"], "tokens_per_s": round(totals["real"] / secs),
        "computed_tokens_per_s": round(totals["comp"] / secs),
        "final_loss_target": round(tail["t"] / tail["nt"], 4) if tail["nt"] else None,
        "final_loss_lm": round(tail["h"] / tail["nh"], 4) if tail["nh"] else None,
        "data": data.stats(),
    }
