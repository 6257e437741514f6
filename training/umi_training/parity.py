"""Parity of the Python side (tokenizer, PyTorch model, GGUF export) with native llama.cpp.

Run from ``training/``::

    /usr/bin/python3 -m umi_training.parity [--gen-tokens 40] [--corpus FILE ...] [--keep DIR]

What it does:

1. trains a byte-level BPE (default 1,300 tokens) on the α-UMi fixture prompts
   (``fixtures/alpha-umi/train-example``);
2. builds small random-init models (fixed seed) in three variants and exports each to GGUF:
   ``tied-f32`` (tied embeddings, F32 weights, F32 KV cache), ``untied-gqa-f32`` (separate
   output matrix, 2 KV heads for 4 query heads) and ``tied-f16`` (F16 matrices and llama.cpp's
   default F16 KV cache, compared with PyTorch running the F16-rounded weights);
3. through ``tools/llama-check.mjs`` (node-llama-cpp) checks
   (a) token ids equal on every corpus string — the fixture prompts and targets, every string of
       the out-of-domain reference test set, ``training/data`` when present, ``--corpus`` files —
       and on hand-written edge cases (``</s>`` inside text, unicode, astral characters, digits,
       whitespace runs, ...);
   (b) next-token logits equal PyTorch's within a tolerance on fixed prompts (max abs diff);
   (c) greedy continuations equal for ``--gen-tokens`` tokens (not stopping at EOS); for the F16
       variant a run may split only where PyTorch's two candidate tokens are closer than the
       logit tolerance (a near-tie that F16 rounding legitimately flips);
4. prints a PASS/FAIL summary; the exit status is 0 only when everything passes.

Weights are drawn with std 0.2 (not the training init's 0.02): near-uniform logits would make
greedy decoding repeat one token and the comparison weak. The smallest top-1/top-2 logit margin
along PyTorch's greedy paths is printed, to show the agreement is not luck.
"""

from __future__ import annotations

import argparse
import copy
import glob
import json
import os
import shutil
import sys
import tempfile
import time
from typing import Any, Dict, Iterable, List, Tuple

import numpy as np
import torch

from .export_gguf import export_gguf, load_checkpoint, model_tensors
from .gguf_writer import read_gguf
from .llamacpp import TRAINING_DIR, run_llama_check
from .model import ModelConfig, TinyLlama
from .tokenizer import ByteBPETokenizer, train_bpe

REPO_ROOT = os.path.dirname(TRAINING_DIR)
FIXTURES = os.path.join(REPO_ROOT, "fixtures", "alpha-umi")

EDGE_CASES: List[str] = [
    "", " ", "  ", "\n", "\n\n\n", "\t", " \t \n ", "a  b", "a   b", "a\n\nb", "x \n y", "trailing   ",
    "   leading", "   \n   \n", "end with space ", "tab\tseparated\tvalues", "\r\n crlf \r",
    "</s>", "<s>", "</s></s>", "<s></s>", "a</s>b", "user: hi</s>assistant: ok</s>", "<</s>>", "</s",
    "<s", "s>", "<S>", "< /s>", "<s> </s>", " </s> ", "\n</s>\n", "</s> assistant: ", "x</s></s>y<s>z",
    "it's I'm we're they've she'll he'd don't IT'S 'S 's", "'''", "rock'n'roll", "' s",
    "0", "7", "42", "123456789012345", "3.14159", "-12,345.67", "1e-9", "٣٤٥ Arabic-Indic digits",
    "½ ² Ⅻ ①", "mixed123abc456", "ABCdef", "__init__", "--flag=value", "a/b/c?x=1&y=2#frag",
    "café", "cafe\u0301 combining", "naïve Ünïcödé", "Straße", "日本語のテキスト", "中文 测试", "한국어",
    "עברית", "العربية", "हिन्दी", "ไทย", "Ελληνικά", "русский",
    "😀", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𠜎𠜱", "\U0002ebf0\U0002ebf1 CJK extension I",
    "x\U0002ee5dy", "\U0001f600\U0001f601", "\u0378 unassigned", "\ue000 private use", "\uffff",
    "\U0010fffd", "\u00a0nbsp", "\u3000ideographic space", "a\u2028line sep", "\u200bzero width",
    "\x1c\x1d\x1e\x1f unit separators", "\x0b\x0c vertical tab", "\x85 next line", "\x7f del",
    "\x01\x02 controls", "\x00 nul",
    '{"city": "Paris", "amount": 12.5, "ok": true, "list": [1, 2, 3], "nested": {"a": null}}',
    '{\n  "pretty": "json",\n  "n": 10\n}',
    'Action: get_weather_for_demo\nAction Input: {"city": "S\\u00e3o Paulo"}',
    'observation: {"error": "", "response": "..."}', "$& $` $' $$", "C:\\path\\to",
]


# ------------------------------------------------------------------------------------------ corpus
def _string_leaves(obj: Any) -> Iterable[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _string_leaves(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _string_leaves(v)


def _load_any(path: str) -> List[str]:
    """Strings of a file: every string leaf of a JSON/JSONL file, else the whole text."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".jsonl"):
        return [s for line in text.splitlines() if line.strip() for s in _string_leaves(json.loads(line))]
    if path.endswith(".json"):
        return list(_string_leaves(json.loads(text)))
    return [text]


def fixture_training_texts() -> List[str]:
    """Rendered role samples as models see them: input + target + EOS, with and without ``system: ``."""
    texts = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "train-example", "train_*.json"))):
        with open(path, encoding="utf-8") as f:
            for s in json.load(f):
                texts.append(s["input"] + s["target"] + "</s>")
                texts.append("system: " + s["input"] + s["target"] + "</s>")
    return texts


def parity_corpus(extra: List[str]) -> Dict[str, List[str]]:
    """Named groups of strings whose tokenization must agree."""
    groups: Dict[str, List[str]] = {"edge cases": EDGE_CASES, "fixture prompts": fixture_training_texts()}
    ood = os.path.join(FIXTURES, "test", "out_of_domain.json")
    if os.path.exists(ood):
        with open(ood, encoding="utf-8") as f:
            dialogues = json.load(f)
        strings = list(_string_leaves(dialogues))
        strings += [json.dumps(d["tools"]) for d in dialogues if "tools" in d]
        strings += [json.dumps(d["tools"], ensure_ascii=False) for d in dialogues if "tools" in d]
        groups["out-of-domain test set"] = strings
    data_files = sorted(
        p for ext in ("json", "jsonl", "txt") for p in glob.glob(os.path.join(TRAINING_DIR, "data", "**", f"*.{ext}"), recursive=True)
    )
    if data_files:
        groups["training/data"] = [s for p in data_files for s in _load_any(p)]
    for p in extra:
        groups[os.path.relpath(p)] = _load_any(p)
    return groups


# ------------------------------------------------------------------------------------------ checks
def check_tokenization(tok: ByteBPETokenizer, gguf: str, groups: Dict[str, List[str]]) -> Dict[str, Any]:
    """Compare ids for every string; llama.cpp's detokenized text is compared too (reported only)."""
    names, texts = [], []
    for name, strings in groups.items():
        for s in dict.fromkeys(strings):  # unique, order kept
            names.append(name)
            texts.append(s)
    resp = run_llama_check({"model": gguf, "tokenize": texts})
    per_group: Dict[str, List[int]] = {}
    mismatches, roundtrip_diffs = [], []
    n_tokens = 0
    for name, text, got in zip(names, texts, resp["tokenize"]):
        want = tok.encode(text, parse_special=True)
        ok = want == got["ids"]
        n_tokens += len(want)
        stats = per_group.setdefault(name, [0, 0])
        stats[0] += ok
        stats[1] += 1
        if not ok:
            mismatches.append((name, text, want, got["ids"]))
        if got["text"] != text:
            roundtrip_diffs.append((text, got["text"]))
    return {
        "per_group": per_group,
        "mismatches": mismatches,
        "roundtrip_diffs": roundtrip_diffs,
        "n_strings": len(texts),
        "n_tokens": n_tokens,
        "info": resp["info"],
    }


def logit_prompts(tok: ByteBPETokenizer, context: int, n_gen: int) -> List[List[int]]:
    """Fixed prompts (BOS first): short ones, unicode, and role prompts cut from the left to fit."""
    texts = [
        "",
        "user: hi</s>",
        "user: What's the weather in São Paulo? 😀 Ünïcode 日本</s>assistant: ",
    ]
    for role, idx in (("planner", 0), ("caller", 3), ("summarizer", 1), ("backbone", 5)):
        with open(os.path.join(FIXTURES, "train-example", f"train_{role}.json"), encoding="utf-8") as f:
            texts.append(json.load(f)[idx]["input"])
    keep = context - n_gen - 1
    return [[tok.bos_id] + tok.encode(t)[-keep:] if t else [tok.bos_id] for t in texts]


def f16_rounded(model: TinyLlama) -> TinyLlama:
    """A copy whose matrices are rounded to F16 (as exported with dtype f16); vectors stay F32."""
    m = copy.deepcopy(model)
    with torch.no_grad():
        for p in m.parameters():
            if p.dim() == 2:
                p.copy_(p.half().float())
    return m


def check_model(
    model: TinyLlama,
    tok: ByteBPETokenizer,
    gguf: str,
    kv: str,
    prompts: List[List[int]],
    n_gen: int,
    reference: TinyLlama,
) -> Dict[str, Any]:
    """Logits at the last position of every prompt (and of every generation prompt) and greedy runs."""
    gen_prompts = prompts[1:]
    resp = run_llama_check(
        {
            "model": gguf,
            "kvCacheType": kv,
            "logits": prompts,
            "generate": [{"tokens": p, "n": n_gen} for p in gen_prompts],
        }
    )
    diffs, scales = [], []
    with torch.no_grad():
        for p, got in zip(prompts, resp["logits"]):
            want = reference(torch.tensor(p))[0, -1].double().numpy()
            diffs.append(float(np.abs(np.asarray(got) - want).max()))
            scales.append(float(np.abs(want).max()))
    agree, total, full, margins, splits = 0, 0, 0, [], []
    for p, got in zip(gen_prompts, resp["generate"]):
        want = reference.generate(p, n_gen)
        g = got["tokens"]
        prefix = next((i for i, (a, b) in enumerate(zip(want, g)) if a != b), min(len(want), len(g)))
        agree += prefix
        total += len(want)
        full += want == g
        with torch.no_grad():
            lg = reference(torch.tensor(p + want))[0, len(p) - 1 : -1]
            top2 = lg.topk(2, dim=-1).values
            margins.append(float((top2[:, 0] - top2[:, 1]).min()))
            if prefix < min(len(want), len(g)):
                # how far apart PyTorch put the two tokens where the runs split
                splits.append(float(lg[prefix, want[prefix]] - lg[prefix, g[prefix]]))
    return {
        "max_logit_diff": max(diffs),
        "logit_diffs": diffs,
        "logit_scale": max(scales),
        "greedy_agree_tokens": agree,
        "greedy_total_tokens": total,
        "greedy_full_matches": full,
        "greedy_runs": len(gen_prompts),
        "min_margin": min(margins),
        "split_margins": splits,
        "distinct_generated": len({t for r in resp["generate"] for t in r["tokens"]}),
        "info": resp["info"],
    }


def gguf_reads_back(model: TinyLlama, tok: ByteBPETokenizer, path: str, dtype: str) -> bool:
    """Our reader finds the tokenizer and every tensor (rounded like the export) unchanged."""
    meta, tensors = read_gguf(path)
    want = model_tensors(model)
    if list(tensors) != list(want) or meta["tokenizer.ggml.tokens"] != tok.tokens:
        return False
    for name, arr in want.items():
        ref = arr.astype(np.float16) if dtype == "f16" and arr.ndim == 2 else arr
        if tensors[name].shape != ref.shape or not np.array_equal(tensors[name], ref):
            return False
    return True


# -------------------------------------------------------------------------------------------- main
VARIANTS = [
    # name, tie embeddings, kv heads, weight dtype, KV cache type, logit tolerance, greedy must be exact
    ("tied-f32", True, None, "f32", "F32", 1e-3, True),
    ("untied-gqa-f32", False, 2, "f32", "F32", 1e-3, True),
    # F16 weights and KV cache: logits move by up to ~4e-2 here, so greedy runs may split where
    # PyTorch's top two tokens are closer than the tolerance (a near-tie), and only there.
    ("tied-f16", True, None, "f16", "F16", 1e-1, False),
]


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Parity of tokenizer, model and GGUF export with llama.cpp")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--vocab-size", type=int, default=1300)
    ap.add_argument("--d-model", type=int, default=128)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ff", type=int, default=352)
    ap.add_argument("--context", type=int, default=768)
    ap.add_argument("--init-std", type=float, default=0.2)
    ap.add_argument("--gen-tokens", type=int, default=40)
    ap.add_argument("--corpus", nargs="*", default=[], help="more files whose strings must tokenize alike")
    ap.add_argument("--keep", help="write the tokenizer and GGUFs here instead of a temporary folder")
    ap.add_argument("--checkpoint", help="check a trained checkpoint (.pt) instead of random-init models")
    ap.add_argument("--tokenizer", help="the checkpoint's tokenizer (JSON, or a GGUF holding it)")
    args = ap.parse_args(argv)

    torch.set_num_threads(2)
    t0 = time.time()
    out_dir = args.keep or tempfile.mkdtemp(prefix="umi-parity-")
    os.makedirs(out_dir, exist_ok=True)
    failures: List[str] = []

    if args.checkpoint:
        if not args.tokenizer:
            ap.error("--checkpoint needs --tokenizer")
        tok = ByteBPETokenizer.load(args.tokenizer)
        trained = load_checkpoint(args.checkpoint)
        print(f"checkpoint {args.checkpoint}: {trained.num_params():,} params, {trained.cfg.to_dict()}")
        variants = [(f"checkpoint-{dtype}", dtype, kv, tol, exact) for _, _, _, dtype, kv, tol, exact in VARIANTS[1:]]
        context = trained.cfg.context
    else:
        tok = train_bpe(fixture_training_texts(), vocab_size=args.vocab_size)
        tok_path = os.path.join(out_dir, "tokenizer.json")
        tok.save(tok_path)
        print(f"tokenizer: {tok.vocab_size} tokens, {len(tok.merges)} merges, pre-tokenizer gpt-2 -> {tok_path}")
        variants = [(name, dtype, kv, tol, exact) for name, _, _, dtype, kv, tol, exact in VARIANTS]
        context = args.context

    results = []
    prompts = logit_prompts(tok, context, args.gen_tokens)
    readback_ok = True
    for i, (name, dtype, kv, tol, exact) in enumerate(variants):
        if args.checkpoint:
            model = trained
        else:
            _, tied, kv_heads, *_ = VARIANTS[i]
            torch.manual_seed(args.seed)
            cfg = ModelConfig(
                vocab_size=tok.vocab_size, d_model=args.d_model, n_layers=args.layers, n_heads=args.heads,
                n_kv_heads=kv_heads, d_ff=args.ff, context=context, tie_embeddings=tied,
            )
            model = TinyLlama(cfg).eval()
            model.init_weights(args.init_std)
        path = os.path.join(out_dir, f"{name}.gguf")
        size = export_gguf(model, tok, path, dtype=dtype, name=f"umi-parity-{name}")
        readback_ok &= gguf_reads_back(model, tok, path, dtype)
        print(f"{name}: {model.num_params():,} params, {size:,} bytes -> {path}")
        if i == 0:
            tk = check_tokenization(tok, path, parity_corpus(args.corpus))
        reference = f16_rounded(model) if dtype == "f16" else model
        r = check_model(model, tok, path, kv, prompts, args.gen_tokens, reference)
        r.update(name=name, tol=tol, exact=exact)
        results.append(r)
    print(f"GGUF read back by our reader: {'identical metadata and tensors' if readback_ok else 'MISMATCH'}")
    if not readback_ok:
        failures.append("GGUF read-back")

    info = tk["info"]
    print()
    print(f"llama.cpp via node-llama-cpp {info['nodeLlamaCpp']} ({info['entry']})")
    print(f"llama.cpp BOS/EOS: {info['bos']}/{info['eos']} ({info['eosString']!r}); ours {tok.bos_id}/{tok.eos_id}")
    if (info["bos"], info["eos"], info["eosString"]) != (tok.bos_id, tok.eos_id, "</s>"):
        failures.append("special token ids")

    print(f"\n(a) tokenization: {tk['n_strings']:,} distinct strings, {tk['n_tokens']:,} tokens")
    for group, (ok, n) in tk["per_group"].items():
        print(f"    {group:<28} {ok:>6,}/{n:<6,} equal")
    for group, text, want, got in tk["mismatches"][:10]:
        print(f"    MISMATCH [{group}] {text[:80]!r}\n      ours  {want[:30]}\n      llama {got[:30]}")
    if tk["mismatches"]:
        failures.append(f"tokenization ({len(tk['mismatches'])} strings differ)")
    if tk["roundtrip_diffs"]:
        text, back = tk["roundtrip_diffs"][0]
        print(
            f"    note: llama.cpp's detokenize changed {len(tk['roundtrip_diffs'])} strings (its BPE"
            f" clean-up of spaces etc.), e.g. {text[:60]!r} -> {back[:60]!r}"
        )

    print(f"\n(b) logits at the last position of {len(prompts)} prompts ({[len(p) for p in prompts]} tokens)")
    print(f"(c) greedy, {args.gen_tokens} tokens from {len(prompts) - 1} prompts")
    for r in results:
        ok_logits = r["max_logit_diff"] <= r["tol"]
        ok_greedy = r["greedy_full_matches"] == r["greedy_runs"]
        if not r["exact"]:
            ok_greedy = all(m <= r["tol"] for m in r["split_margins"])
        print(
            f"    {r['name']:<15} max |Δlogit| {r['max_logit_diff']:.2e} (tol {r['tol']:.0e}, logits up to"
            f" {r['logit_scale']:.1f}) {'ok' if ok_logits else 'FAIL'};"
            f" greedy {r['greedy_agree_tokens']}/{r['greedy_total_tokens']} tokens,"
            f" {r['greedy_full_matches']}/{r['greedy_runs']} runs equal {'ok' if ok_greedy else 'FAIL'}"
            f" (min top-2 margin {r['min_margin']:.3f}, {r['distinct_generated']} distinct tokens)"
        )
        if r["split_margins"]:
            print(
                f"    {'':<15} runs split at near-ties: PyTorch's logit gap between the two tokens"
                f" {', '.join(f'{m:.3f}' for m in r['split_margins'])}"
                f" ({'within' if ok_greedy else 'NOT within'} the tolerance)"
            )
        if not ok_logits:
            failures.append(f"{r['name']} logits")
        if not ok_greedy:
            failures.append(f"{r['name']} greedy")

    if not args.keep:
        shutil.rmtree(out_dir, ignore_errors=True)
    print(f"\n{'PASS' if not failures else 'FAIL: ' + ', '.join(failures)}  ({time.time() - t0:.0f} s)")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
