"""GLPFT training of umi's tiny α-UMi role models on the CPU, and the paper's two baselines.

Run from ``training/`` (data from ``npx tsx training/data/generate.ts --out /tmp/umi-data``)::

    /usr/bin/python3 -m umi_training.train --data /tmp/umi-data --out /tmp/umi-run \\
        [--variant alpha-umi|backbone|one-stage] [--minutes-stage1 80] [--minutes-stage2 10] [--seed 1]

Variants (SPEC §7; all trained from scratch on the same samples, same total minutes
``M = minutes_stage1 + 3 * minutes_stage2``):

* ``alpha-umi`` (GLPFT): stage 1 trains ONE model on the backbone samples (whole trajectories in the
  single-LLM format) for ``minutes_stage1``; stage 2 copies it three times and fine-tunes each copy
  on its role's samples (planner, caller, summarizer) for ``minutes_stage2`` each, at a lower LR.
  Exports ``planner/caller/summarizer.gguf`` and ``stage1.gguf`` (the stage-1 model, backbone format).
* ``backbone`` (single-LLM): one model on the backbone samples for ``M`` minutes -> ``backbone.gguf``.
* ``one-stage`` (multi-LLM without the global stage): three models from scratch on their role
  samples; ``M`` is split between them in proportion to one epoch's compute -> role GGUFs.

Pipeline: byte-level BPE trained on the train samples (inputs and targets, ``--vocab`` tokens,
~1k merges) -> ``tokenizer.json``; samples -> ``BOS + input + target + EOS`` with loss weight 1 on
the target and EOS and ``--lm-weight`` on the history (``dataset.py``); batches of similar lengths
sharing the constant prompt head, computed once per batch (``kv.py``); AdamW with warm-up and cosine
decay over a step count fixed from the time budget after a few timed steps (``schedule.py``);
progress every ``--log-every`` seconds; then checkpoints (``<name>.pt``), F32 GGUFs, a greedy check on
held-out out-of-domain steps (``check.py``), llama.cpp parity on one exported model
(``parity.py --checkpoint``), ``metrics.jsonl``, ``loss.png`` (``plot.py``) and ``run.json``.

Deterministic for a seed given the step counts and the machine's BLAS kernels: ``run.json`` records
the counts as a ``--steps`` argument that replays the run (the time budget only decides the counts), and
the CPU and kernels (``machine.py``), since other kernels round differently and the weights drift apart.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import subprocess
import sys
import time
import zlib
from typing import Dict, List, Optional

import torch

from . import check
from .checkpoints import check_copy, load_reused_copy, save_checkpoint
from .copy_warmup import corpus_words, synthetic_samples
from .dataset import ROLES, BatchStream, EncodedSet, encode_samples, load_role_samples, read_samples
from .export_gguf import export_gguf
from .jobs import Job, build_jobs, parse_steps, reused_summary
from .machine import machine_info
from .model import ModelConfig, TinyLlama
from .plot import plot_run
from .progress import Reporter, fmt_time
from .tokenizer import train_bpe
from .train_job import train_job

TRAINING_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sha256_file(path: str) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def git_info() -> dict:
    """The commit the run trains from and whether the work tree had changes."""
    def git(*a):
        return subprocess.run(["git", *a], cwd=TRAINING_DIR, capture_output=True, text=True).stdout.strip()

    try:
        return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}
    except OSError:
        return {}


def main(argv: Optional[List[str]] = None) -> int:
    """Train the variant's jobs, export GGUFs, check them and write run.json; 1 if llama.cpp parity fails."""
    ap = argparse.ArgumentParser(description="GLPFT training of the tiny α-UMi role models (and baselines)")
    ap.add_argument("--data", required=True, help="folder written by training/data/generate.ts")
    ap.add_argument("--out", required=True, help="run folder (created)")
    ap.add_argument("--variant", choices=("alpha-umi", "backbone", "one-stage"), default="alpha-umi")
    ap.add_argument("--minutes-stage1", type=float, default=80.0, help="stage 1 (global) training minutes")
    ap.add_argument("--minutes-stage2", type=float, default=10.0, help="stage 2 minutes per role model")
    ap.add_argument("--minutes-copy", type=float, default=14.0,
                    help="copy warm-up minutes before every variant (copy_warmup.py; 0: none)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--from-copy", help="reuse this finished copy warm-up checkpoint (copy.pt of a run on the same data "
                    "and seed) instead of training the warm-up again")
    ap.add_argument("--steps", help="fixed steps instead of time budgets, name=decay_start:total per job, e.g. "
                    "stage1=3000:4000,planner=500:660,... (run.json's replay_steps)")
    g = ap.add_argument_group("model")
    g.add_argument("--vocab", type=int, default=1300, help="tokenizer size (258 bytes/specials + merges)")
    g.add_argument("--d-model", type=int, default=128)
    g.add_argument("--layers", type=int, default=4)
    g.add_argument("--heads", type=int, default=4)
    g.add_argument("--kv-heads", type=int, default=None)
    g.add_argument("--ff", type=int, default=352)
    g.add_argument("--context", type=int, default=1024,
                   help="context (the longest generated sample is ~920 tokens; longer ones are cut from the left)")
    g = ap.add_argument_group("optimisation")
    g.add_argument("--lm-weight", type=float, default=0.3, help="loss weight of history tokens (target: 1)")
    g.add_argument("--lr1", type=float, default=3e-3, help="peak LR from scratch (stage 1, baselines)")
    g.add_argument("--lr2", type=float, default=1e-3, help="peak LR of the stage-2 fine-tunes")
    g.add_argument("--warmup1", type=int, default=100)
    g.add_argument("--warmup2", type=int, default=20)
    g.add_argument("--min-lr-ratio", type=float, default=0.1, help="final LR / peak LR")
    g.add_argument("--decay-frac", type=float, default=0.25, help="share of each job's minutes spent decaying the LR")
    g.add_argument("--max-steps", type=int, default=10_000_000, help="cap on any job's steps")
    g.add_argument("--batch-size", type=int, default=16, help="max samples per batch")
    g.add_argument("--batch-tokens", type=int, default=8192, help="max padded tokens per batch (after the shared head)")
    g.add_argument("--weight-decay", type=float, default=0.1)
    g.add_argument("--copy-batch-size", type=int, default=64, help="max samples per batch of the copy warm-up")
    g.add_argument("--copy-samples", type=int, default=100_000, help="synthetic samples of the copy warm-up")
    g.add_argument("--clip", type=float, default=1.0)
    g = ap.add_argument_group("run")
    g.add_argument("--max-samples", type=int, help="seeded subset of at most N samples per role (smoke runs)")
    g.add_argument("--threads", type=int, default=2)
    g.add_argument("--log-every", type=float, default=30.0, help="seconds between progress lines")
    g.add_argument("--check-steps", type=int, default=20, help="held-out steps per role for the greedy check (0: none)")
    g.add_argument("--no-parity", action="store_true", help="skip the llama.cpp parity check")
    g.add_argument("--snapshot-minutes", type=float, default=10.0,
                   help="every M training minutes, export the model in training to snapshots/ (learning curve; 0: never)")
    args = ap.parse_args(argv)

    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    t0 = time.time()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    git = git_info()  # the code as it was when the run started
    machine = machine_info()
    blas = machine["blas"]["core"] if machine["blas"] else "not OpenBLAS"
    print(f"machine: {machine['cpu']} ({', '.join(machine['vector_extensions']) or 'no AVX2'}), BLAS kernels {blas}, "
          f"{args.threads} threads", flush=True)
    fixed = parse_steps(args.steps)
    with open(os.path.join(args.data, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    system_prefix = bool(manifest.get("systemPrefix", True))

    # 1. tokenizer, on all train samples (inputs and targets)
    texts = []
    for role in ROLES:
        for s in read_samples(os.path.join(args.data, "samples", f"{role}.jsonl")):
            texts += (s["input"], s["target"])
    tok = train_bpe(texts, vocab_size=args.vocab)
    words = corpus_words(texts[::7])
    tok_path = os.path.join(args.out, "tokenizer.json")
    tok.save(tok_path)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts[::97])
    bpt = n_bytes / sum(len(tok.encode(t)) for t in texts[::97])
    print(f"tokenizer: {tok.vocab_size} tokens ({len(tok.merges)} merges) on {len(texts):,} texts, "
          f"{bpt:.2f} bytes/token, {time.time() - t0:.0f} s -> {tok_path}", flush=True)
    del texts

    # 2. data
    cfg = ModelConfig(vocab_size=tok.vocab_size, d_model=args.d_model, n_layers=args.layers, n_heads=args.heads,
                      n_kv_heads=args.kv_heads, d_ff=args.ff, context=args.context)
    needed = {"alpha-umi": ROLES, "backbone": ("backbone",), "one-stage": ROLES[:3]}[args.variant]
    datasets: Dict[str, EncodedSet] = {}
    for role in needed:
        t = time.time()
        datasets[role] = encode_samples(tok, load_role_samples(args.data, role, args.max_samples, args.seed), cfg.context)
        st = datasets[role].stats()
        print(f"data {role}: {st['samples']:,} samples, {st['tokens']:,} tokens (mean {st['mean_len']:.0f}, max "
              f"{st['max_len']}), target {st['target_tokens']:,}, history {st['history_tokens']:,}, shared head "
              f"{st['head_tokens']} tokens, truncated {st['truncated']}, dropped {st['dropped']} ({time.time() - t:.0f} s)",
              flush=True)
    role_cost = {}  # one epoch's compute per role: how one-stage splits its minutes
    for r, d in list(datasets.items()):
        bs = BatchStream(d, 0, args.batch_size, args.batch_tokens)
        role_cost[r] = sum(bs.cost(i) for i in range(bs.batches_per_epoch()))
    jobs = build_jobs(args, role_cost)
    if args.minutes_copy > 0:
        t = time.time()
        datasets["copy"] = encode_samples(tok, synthetic_samples(words, args.copy_samples, args.seed), cfg.context)
        st = datasets["copy"].stats()
        print(f"data copy warm-up: {st['samples']:,} synthetic samples from {len(words):,} corpus words, "
              f"{st['tokens']:,} tokens (mean {st['mean_len']:.0f}), target {st['target_tokens']:,} "
              f"({time.time() - t:.0f} s)", flush=True)
    probe = TinyLlama(cfg)
    n_params = probe.num_params()
    print(f"model: {n_params:,} params ({json.dumps(cfg.to_dict())}); variant {args.variant}: "
          + ", ".join(f"{j.name} {j.minutes:.1f} min" for j in jobs), flush=True)

    # 3. training
    snap_dir = os.path.join(args.out, "snapshots")

    def snapshot(job: Job, model: TinyLlama, minutes: float) -> None:
        os.makedirs(snap_dir, exist_ok=True)
        path = os.path.join(snap_dir, f"{int(round(minutes)):03d}min-{job.name}.gguf")
        export_gguf(model, tok, path, dtype="f32", name=f"umi-tiny-{job.name}-{int(round(minutes))}min",
                    extra_metadata={"umi.role": job.role, "umi.variant": args.variant, "umi.seed": str(args.seed)})
        print(f"[{job.stage} {job.name}] snapshot at {minutes:g} training minutes -> {path}", flush=True)

    rep = Reporter(os.path.join(args.out, "metrics.jsonl"), time.time(), args.snapshot_minutes, snapshot)
    models: Dict[str, TinyLlama] = {}
    summaries = []
    for i, job in enumerate(jobs):
        if job.init is None:
            torch.manual_seed(zlib.crc32(f"{args.seed}:{job.name}:init".encode()))
            model = TinyLlama(copy.deepcopy(cfg))
        else:
            model = copy.deepcopy(models[job.init])
        later = sum(j.minutes for j in jobs[i + 1 :]) * 60
        if job.role == "copy" and args.from_copy:
            models[job.name] = load_reused_copy(args.from_copy, cfg, args.seed)
            summaries.append(reused_summary(job, args.from_copy))
            print(f"[{job.stage}] reused {args.from_copy} instead of training it again", flush=True)
            continue
        s = train_job(job, model, datasets[job.role], args, rep, fixed.get(job.name), later)
        summaries.append(s)
        models[job.name] = model.eval()
        if job.role == "copy":
            rep.skip_to_now()
            s["check"] = check_copy(model, tok, words, args.seed)
            print(f"[{job.stage}] greedy exact copies on 200 fresh synthetic samples: {s['check']['exact']:.1f}% "
                  f"(e.g. want {s['check']['example']['target']!r}, got {s['check']['example']['output']!r})",
                  flush=True)
        save_checkpoint(model, os.path.join(args.out, f"{job.name}.pt"),
                        {"job": job.name, "role": job.role, "variant": args.variant, "seed": args.seed,
                         "steps": s["steps"], "system_prefix": system_prefix})
        print(f"[{job.stage} {job.name}] done: {s['steps']:,} steps, {s['epochs']} epochs, {s['tokens']:,} tokens in "
              f"{s['train_minutes']} min ({s['tokens_per_s']:,} tok/s, {s['computed_tokens_per_s']:,} computed); "
              f"final loss target {s['final_loss_target']} lm {s['final_loss_lm']}", flush=True)
    rep.close()
    train_minutes = rep.minutes()

    # 4. export
    tok_sha = sha256_file(tok_path)
    manifest_sha = sha256_file(os.path.join(args.data, "manifest.json"))
    exported = {}
    for name, model in models.items():
        if name == "copy":
            continue  # a warm-up, not a model anyone runs
        path = os.path.join(args.out, f"{name}.gguf")
        role = next(j.role for j in jobs if j.name == name)
        size = export_gguf(model, tok, path, dtype="f32", name=f"umi-tiny-{name}", extra_metadata={
            "umi.role": role, "umi.variant": args.variant, "umi.seed": str(args.seed),
            "umi.system_prefix": "true" if system_prefix else "false",
            "umi.tokenizer_sha256": tok_sha, "umi.data_manifest_sha256": manifest_sha})
        exported[name] = {"role": role, "gguf": os.path.basename(path), "bytes": size, "sha256": sha256_file(path),
                          "checkpoint": f"{name}.pt"}
        print(f"exported {path} ({size:,} bytes, F32)", flush=True)

    # 5. held-out greedy check (PyTorch)
    checks = {}
    ood = os.path.join(args.data, "test-out-of-domain.json")
    if args.check_steps > 0 and os.path.exists(ood):
        sdir = check.render_split(ood, os.path.join(args.out, "test-ood-samples"), system_prefix)
        if sdir:
            print(f"\ngreedy check, PyTorch, teacher-forced, {args.check_steps} out-of-domain steps per model:", flush=True)
            for name, model in models.items():
                if name not in exported:
                    continue
                role = exported[name]["role"]
                t = time.time()
                r = check.check_model(model, tok, role, check.load_test_samples(sdir, role), args.check_steps)
                checks[name] = r
                print(f"  {name:<11} ({role:<10}) " + "  ".join(f"{k} {v}" for k, v in r["scores"].items())
                      + f"  ({time.time() - t:.0f} s)", flush=True)
                ex = r["examples"][0]
                print(f"    e.g. want {ex['target']!r}\n         got  {ex['output']!r}", flush=True)

    # 6. parity of one exported model with llama.cpp
    parity = None
    if not args.no_parity:
        name = next(n for n in ("planner", "backbone", "caller") if n in models)
        cmd = [sys.executable, "-m", "umi_training.parity", "--checkpoint", os.path.join(args.out, f"{name}.pt"),
               "--tokenizer", tok_path]
        print(f"\nparity with llama.cpp on {name}: {' '.join(cmd[1:])}", flush=True)
        t = time.time()
        p = subprocess.run(cmd, cwd=TRAINING_DIR, capture_output=True, text=True)
        with open(os.path.join(args.out, "parity.log"), "w", encoding="utf-8") as f:
            f.write(p.stdout + p.stderr)
        lines = [ln for ln in (p.stdout + p.stderr).splitlines() if ln.strip()]
        summary = [ln for ln in lines if "max |Δlogit|" in ln or ln.startswith(("PASS", "FAIL"))]
        for ln in summary:
            print("  " + ln.strip(), flush=True)
        parity = {"model": name, "passed": p.returncode == 0, "seconds": round(time.time() - t), "log": "parity.log",
                  "summary": [ln.strip() for ln in summary] or lines[-3:]}

    # 7. curves and run.json
    curve = plot_run(args.out, f"umi tiny models ({args.variant}, seed {args.seed}): training loss")
    replay = ",".join(f"{s['name']}={s['decay_start']}:{s['steps']}" for s in summaries if "reused_from" not in s)
    run = {
        "variant": args.variant, "seed": args.seed, "started": started, "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "command": [sys.executable, "-m", "umi_training.train", *(argv if argv is not None else sys.argv[1:])],
        "replay_steps": replay, "git": git, "torch": torch.__version__, "threads": args.threads, "machine": machine,
        "minutes": {"copy": args.minutes_copy, "stage1": args.minutes_stage1, "stage2_per_role": args.minutes_stage2,
                    "training": round(train_minutes, 2), "total": round((time.time() - t0) / 60, 2)},
        "model": {**cfg.to_dict(), "params": n_params},
        "tokenizer": {"file": "tokenizer.json", "sha256": tok_sha, "vocab_size": tok.vocab_size,
                      "merges": len(tok.merges), "bytes_per_token": round(bpt, 3)},
        "data": {"dir": os.path.abspath(args.data), "manifest_sha256": manifest_sha, "system_prefix": system_prefix,
                 "generator_seed": manifest.get("seed"), "max_samples": args.max_samples,
                 "files": {k: v["sha256"] for k, v in manifest.get("files", {}).items()}},
        "training": {k: getattr(args, k) for k in ("minutes_copy", "copy_samples", "copy_batch_size", "lm_weight", "lr1", "lr2", "warmup1", "warmup2", "min_lr_ratio", "decay_frac",
                                                   "batch_size", "batch_tokens", "weight_decay", "clip")},
        "jobs": summaries, "models": exported,
        "check": {n: r["scores"] for n, r in checks.items()}, "parity": parity, "loss_curve": os.path.basename(curve),
    }
    with open(os.path.join(args.out, "run.json"), "w", encoding="utf-8") as f:
        json.dump(run, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"\nrun.json, metrics.jsonl, {os.path.basename(curve)} -> {args.out}; replay with --steps {replay}; "
          f"total {fmt_time(time.time() - t0)}", flush=True)
    return 0 if parity is None or parity["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
