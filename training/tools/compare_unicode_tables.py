"""Compare our pre-tokenizer's character classes with llama.cpp's Unicode tables, code point by code point.

llama.cpp's GPT-2 pre-tokenizer sorts every code point into letter / number / whitespace / other
using tables generated into ``src/unicode-data.cpp``; ours uses the ``regex`` module (plus the
patch in ``umi_training.tokenizer``). A Unicode version bump on either side changes tokenization,
so run this after upgrading node-llama-cpp (or when checking the llama.cpp inside wllama).

node-llama-cpp carries its llama.cpp sources as a git bundle::

    git clone -q /tmp/nlc/node_modules/node-llama-cpp/llama/gitRelease.bundle /tmp/llamacpp-src
    cd training && /usr/bin/python3 tools/compare_unicode_tables.py /tmp/llamacpp-src/src/unicode-data.cpp

Exit status 0 when every code point falls in the same class.
"""

from __future__ import annotations

import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from umi_training.tokenizer import LETTER, NUMBER, WHITESPACE  # noqa: E402

MAX_CODEPOINT = 0x110000
FLAG_NUMBER, FLAG_LETTER = 0x0002, 0x0004  # llama.cpp's unicode_cpt_flags bits


def llama_classes(source: str) -> list:
    """Class letter ('L', 'N', 'W', 'O') of every code point according to unicode-data.cpp."""
    ranges_body = source.split("unicode_ranges_flags = {", 1)[1].split("};", 1)[0]
    starts = [(int(a, 16), int(b, 16)) for a, b in re.findall(r"\{0x([0-9A-Fa-f]+),\s*0x([0-9A-Fa-f]+)\}", ranges_body)]
    ws_body = source.split("unicode_set_whitespace = {", 1)[1].split("};", 1)[0]
    whitespace = {int(x, 16) for x in re.findall(r"0x([0-9A-Fa-f]+)", ws_body)}
    classes = ["O"] * MAX_CODEPOINT
    for (start, flags), (end, _) in zip(starts, starts[1:]):
        cls = "L" if flags & FLAG_LETTER else "N" if flags & FLAG_NUMBER else "O"
        for cp in range(start, min(end, MAX_CODEPOINT)):
            classes[cp] = cls
    for cp in whitespace:
        classes[cp] = "W"
    return classes


def our_class(cp: int) -> str:
    ch = chr(cp)
    if WHITESPACE.match(ch):
        return "W"
    if LETTER.match(ch):
        return "L"
    if NUMBER.match(ch):
        return "N"
    return "O"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        theirs = llama_classes(f.read())
    diffs = [cp for cp in range(MAX_CODEPOINT) if our_class(cp) != theirs[cp]]
    kinds = collections.Counter((our_class(cp), theirs[cp]) for cp in diffs)
    print(f"{MAX_CODEPOINT - len(diffs):,}/{MAX_CODEPOINT:,} code points in the same class")
    for (ours, llama), n in kinds.most_common():
        sample = ", ".join(f"U+{cp:04X}" for cp in diffs if (our_class(cp), theirs[cp]) == (ours, llama))[:120]
        print(f"  ours {ours} / llama.cpp {llama}: {n} ({sample}...)")
    return 0 if not diffs else 1


if __name__ == "__main__":
    sys.exit(main())
