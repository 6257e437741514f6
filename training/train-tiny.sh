#!/usr/bin/env bash
# `npm run train:tiny [-- --baselines [--only backbone|one-stage]] [-- --out DIR] [-- --seed N] [-- --budget] [-- --minutes-stage1 M] [-- --minutes-stage2 M]`
# Rebuilds the embedded α-UMi models from scratch: data over a live demo API, GLPFT training on the
# CPU, GGUF export, then (unless --no-ship) the GGUFs, manifest and training log are copied into
# models/ and docs/. By default every job trains the step counts of the shipped run
# (docs/training/run.json's replay_steps), so the same commit and seed rebuild the shipped models bit
# for bit however busy the machine is, on the same CPU kernels (on others the weights drift); --budget (or a --minutes-stage* option) trains against the clock
# instead (stage 1 62 min, stage 2 9 min per role) and records the steps it took, for a changed recipe. With --baselines it trains the single-LLM backbone and the multi-LLM one-stage
# variant on the same data instead, into <out>/backbone and <out>/one-stage: both start from the α-UMi
# run's copy warm-up when it exists and train on as many tokens as that run's stage 1 + 2 (the one-stage
# role models the same number of epochs each). `--only backbone` or `--only one-stage` trains one of them.
set -euo pipefail
cd "$(dirname "$0")/.."

out=training/out/tiny
seed=1
stage1=62
stage2=9
baselines=0
only=
ship=1
budget=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --baselines) baselines=1 ;;
    --no-ship) ship=0 ;;
    --budget) budget=1 ;;
    --only) only="$2"; shift ;;
    --out) out="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --minutes-stage1) stage1="$2"; budget=1; shift ;;
    --minutes-stage2) stage2="$2"; budget=1; shift ;;
    *) extra+=("$1") ;;
  esac
  shift
done

case "$only" in
  ""|backbone|one-stage) ;;
  *) echo "--only takes backbone or one-stage, not '$only'" >&2; exit 2 ;;
esac
python=/usr/bin/python3
if ! "$python" -c 'import torch, regex, numpy' 2>/dev/null; then
  echo "train:tiny needs PyTorch, regex and numpy for $python. On Debian/Ubuntu:" >&2
  echo "  apt-get install -y python3-torch libopenblas0-pthread python3-regex python3-numpy python3-matplotlib" >&2
  exit 1
fi

# The shipped run trained on OpenBLAS's SkylakeX kernels: only with them does a replay match its losses to
# the last digit (measured: the first 49 copy warm-up steps; Haswell and Zen kernels differ from the 9th
# digit on). Pin them on any CPU that can run them, so the replay rebuilds the shipped weights. Some
# machines preset OPENBLAS_CORETYPE=Haswell in the environment (seen here on AMD Zen 5, where OpenBLAS
# alone picks Cooperlake; Haswell is 1.6× slower), so a preset value is replaced too, with a note;
# UMI_KEEP_OPENBLAS_CORETYPE=1 keeps it.
if [ "${UMI_KEEP_OPENBLAS_CORETYPE:-0}" != 1 ] && [ "${OPENBLAS_CORETYPE:-}" != SkylakeX ] \
  && grep -qw avx512bw /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo; then
  if [ -n "${OPENBLAS_CORETYPE:-}" ]; then
    echo "note: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment replaced by SkylakeX, the shipped run's kernels" \
      "(UMI_KEEP_OPENBLAS_CORETYPE=1 keeps it)" >&2
  fi
  export OPENBLAS_CORETYPE=SkylakeX
fi
if [ "$budget" = 0 ] && [ "${OPENBLAS_CORETYPE:-}" != SkylakeX ]; then
  echo "note: OpenBLAS runs ${OPENBLAS_CORETYPE:-its own pick of} kernels here, not SkylakeX (they need AVX-512);" \
    "the shipped run's step counts will give other weights than the shipped ones (docs/training/second-run/)" >&2
fi

# glibc hands large freed tensors back to the kernel and faults them in again on the next step; on these
# VMs page faults are slow (stage 1 trained 4× slower than the shipped run: 14 steps a minute against 57,
# about a third of the CPU time in the kernel). Keeping freed memory in the process changes no arithmetic.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4294967296}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-68719476736}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-1073741824}"

# OpenBLAS's worker thread spins (sched_yield) for about 2^28 cycles after each matrix product, and PyTorch's
# OpenMP worker spins after each parallel loop: on 2 cores each steals the core the other one computes on. Both
# now sleep at once. Measured here, 100 steps from the shipped backbone: stage 1 2.42 -> 1.20 min, the summarizer
# 1.18 -> 0.52 min, weights bit-identical (docs/training/second-run/). Only scheduling changes, no arithmetic.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

out=$(realpath -m "$out")
mkdir -p "$out"
echo "== 1/3 data: seed $seed -> $out/data"
npx --no-install tsx training/data/generate.ts --out "$out/data" --seed "$seed" | tail -n 4

train() { # variant, run folder
  if [[ " ${extra[*]} " == *" --steps "* ]]; then
    echo "== 2/3 training: $1 (fixed step counts) -> $2"
  else
    echo "== 2/3 training: $1 (stage 1 $stage1 min, stage 2 $stage2 min per role) -> $2"
  fi
  (cd training && "$python" -m umi_training.train --data "$out/data" --out "$2" --variant "$1" \
    --seed "$seed" --minutes-stage1 "$stage1" --minutes-stage2 "$stage2" "${extra[@]}") 2>&1 | tee "$2.log"
}

if [ "$baselines" = 1 ]; then
  mkdir -p "$out/backbone" "$out/one-stage"
  ref="$out/alpha-umi/run.json"
  if [ -f "$ref" ] && [ -f "$out/alpha-umi/copy.pt" ]; then
    # Same start (the α-UMi run's copy warm-up) and, for the backbone, the same number of training
    # tokens as stage 1 + stage 2 of that run: its stage-1 steps scaled by total / stage-1 tokens.
    backbone_steps=$("$python" -c '
import json, sys
jobs = {j["name"]: j for j in json.load(open(sys.argv[1]))["jobs"]}
total = sum(j["tokens"] for n, j in jobs.items() if n != "copy")
n = round(jobs["stage1"]["steps"] * total / jobs["stage1"]["tokens"])
print(f"{round(n * 0.75)}:{n}")' "$ref")
    # One-stage: the same total tokens, every role model the same number of epochs of its own data.
    one_stage_steps=$("$python" -c '
import json, sys
jobs = {j["name"]: j for j in json.load(open(sys.argv[1]))["jobs"]}
total = sum(j["tokens"] for n, j in jobs.items() if n != "copy")
roles = ("planner", "caller", "summarizer")
epochs = total / sum(jobs[r]["data"]["tokens"] for r in roles)
steps = {r: round(epochs * jobs[r]["steps"] / jobs[r]["epochs"]) for r in roles}
print(",".join(f"{r}={round(n * 0.75)}:{n}" for r, n in steps.items()))' "$ref")
    echo "== baselines start from $out/alpha-umi/copy.pt; backbone token-matched to $ref: --steps backbone=$backbone_steps"
    echo "== one-stage token-matched too, the same epochs per role: --steps $one_stage_steps"
    extra+=(--from-copy "$out/alpha-umi/copy.pt")
    extra_backbone=(--steps "backbone=$backbone_steps")
  else
    echo "== no $ref: baselines train their own warm-up and use the time budgets" >&2
    extra_backbone=()
  fi
  saved=("${extra[@]}")
  extra+=("${extra_backbone[@]}")
  [ "$only" != one-stage ] && train backbone "$out/backbone"
  extra=("${saved[@]}")
  [ -n "${one_stage_steps:-}" ] && extra+=(--steps "$one_stage_steps")
  [ "$only" != backbone ] && train one-stage "$out/one-stage"
  echo "== baselines written to $out/backbone and $out/one-stage"
  exit 0
fi

mkdir -p "$out/alpha-umi"
shipped=docs/training/run.json
if [ "$budget" = 0 ] && [[ " ${extra[*]} " != *" --steps "* ]]; then
  if [ ! -f "$shipped" ]; then
    echo "no $shipped to take the shipped step counts from: train with time budgets, --budget" >&2
    exit 2
  fi
  replay=$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["replay_steps"])' "$shipped")
  echo "== the shipped run's step counts ($shipped; --budget to train against the clock): --steps $replay"
  extra+=(--steps "$replay")
fi
train alpha-umi "$out/alpha-umi"
if [ "$ship" = 1 ]; then
  echo "== 3/3 shipping: models/ and docs/"
  npx --no-install tsx training/ship-models.ts --run "$out/alpha-umi" --data "$out/data" --log "$out/alpha-umi.log"
fi
