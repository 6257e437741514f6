"""Byte-level BPE tokenizer that llama.cpp reproduces exactly.

Design (every choice is dictated by what llama.cpp implements for ``tokenizer.ggml.model = gpt2``):

* **Bytes.** Every UTF-8 byte is a base token, spelt in GPT-2's byte-to-unicode alphabet (printable
  Latin-1 bytes stand for themselves, the other 68 bytes map to U+0100 onwards). No text can be
  out of vocabulary, so there is no unknown token.
* **Pre-tokenizer.** GPT-2's split, which llama.cpp selects for ``tokenizer.ggml.pre = "gpt-2"``
  (note the hyphen: ``"gpt2"`` is not a pre-tokenizer name llama.cpp knows)::

      's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+

  llama.cpp runs a hand-written scanner equivalent to this pattern and classifies code points with
  its own Unicode tables. Those tables are one Unicode version ahead of the ``regex`` module here:
  the only difference is CJK Extension I (U+2EBF0..U+2EE5D, Unicode 15.1), which llama.cpp counts
  as letters. ``\\s`` is Unicode's White_Space property in both (so U+001C..U+001F are not spaces).
* **Merges.** Standard BPE: within one pre-token, repeatedly merge the adjacent pair with the lowest
  merge rank, leftmost first. That is what llama.cpp's priority queue computes.
* **Special tokens.** ``<s>`` (BOS) and ``</s>`` (EOS) are CONTROL tokens. With special-token
  parsing on, llama.cpp first cuts the text at every literal occurrence of a control token's text
  (longest texts first), so ``</s>`` inside a prompt becomes the EOS id, never five characters.
  ``encode(..., parse_special=True)`` does the same.

Ids: ``<s>`` = 0, ``</s>`` = 1, then the 256 bytes in byte order, then one id per distinct merge
result in merge order. Two merges that spell the same string (``ab+c`` and ``a+bc``) share one id,
since llama.cpp requires token texts to be unique.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import regex

BOS = "<s>"
EOS = "</s>"
SPECIAL_TOKENS = (BOS, EOS)
PRE_TOKENIZER = "gpt-2"

# Letters that llama.cpp's Unicode tables know and the regex module's do not (CJK Extension I).
_EXTRA_LETTERS = "\U0002ebf0-\U0002ee5d"
_L = r"\p{L}" + _EXTRA_LETTERS
# The three classes the split distinguishes (anything else is "other"), for checking against llama.cpp.
LETTER = regex.compile(rf"[{_L}]")
NUMBER = regex.compile(r"\p{N}")
WHITESPACE = regex.compile(r"\s")
GPT2_SPLIT = regex.compile(
    r"'s|'t|'re|'ve|'m|'ll|'d"
    rf"| ?[{_L}]+"
    r"| ?\p{N}+"
    rf"| ?[^\s{_L}\p{{N}}]+"
    r"|\s+(?!\S)|\s+"
)


def bytes_to_unicode() -> Dict[int, str]:
    """GPT-2's reversible map from the 256 byte values to printable characters.

    Bytes that are printable and not space-like in Latin-1 ('!'..'~', '¡'..'¬', '®'..'ÿ') map to
    themselves; the remaining bytes, in increasing order, map to U+0100, U+0101, ...
    """
    keep = set(range(ord("!"), ord("~") + 1))
    keep |= set(range(ord("¡"), ord("¬") + 1))
    keep |= set(range(ord("®"), ord("ÿ") + 1))
    table: Dict[int, str] = {}
    shifted = 0
    for b in range(256):
        if b in keep:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + shifted)
            shifted += 1
    return table


BYTE_TO_CHAR = bytes_to_unicode()
CHAR_TO_BYTE = {c: b for b, c in BYTE_TO_CHAR.items()}


def pre_tokenize(text: str) -> List[str]:
    """Split ordinary text (no special tokens) into GPT-2 pre-tokens."""
    return GPT2_SPLIT.findall(text)


def split_special(text: str, specials: Sequence[str] = SPECIAL_TOKENS) -> List[Tuple[bool, str]]:
    """Cut text at literal special-token strings: a list of (is_special, piece), pieces non-empty.

    Like llama.cpp's partition, longer special texts take precedence, then the leftmost match.
    """
    if not specials:
        return [(False, text)] if text else []
    ordered = sorted(specials, key=len, reverse=True)
    pattern = regex.compile("|".join(regex.escape(s) for s in ordered))
    out: List[Tuple[bool, str]] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append((False, text[pos : m.start()]))
        out.append((True, m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append((False, text[pos:]))
    return out


class ByteBPETokenizer:
    """A trained byte-level BPE vocabulary: token strings, merges and the two control tokens."""

    def __init__(self, tokens: List[str], merges: List[Tuple[str, str]], specials: Sequence[str] = SPECIAL_TOKENS):
        self.tokens = list(tokens)
        self.merges = [tuple(m) for m in merges]
        self.specials = tuple(specials)
        self.token_to_id = {t: i for i, t in enumerate(self.tokens)}
        if len(self.token_to_id) != len(self.tokens):
            raise ValueError("token texts must be unique")
        for s in self.specials:
            if s not in self.token_to_id:
                raise ValueError(f"special token {s!r} missing from vocabulary")
        for b, ch in BYTE_TO_CHAR.items():
            if ch not in self.token_to_id:
                raise ValueError(f"byte {b} missing from vocabulary")
        self.ranks = {m: i for i, m in enumerate(self.merges)}
        self._cache: Dict[str, List[int]] = {}

    # ------------------------------------------------------------------ ids
    @property
    def vocab_size(self) -> int:
        return len(self.tokens)

    @property
    def bos_id(self) -> int:
        return self.token_to_id[BOS]

    @property
    def eos_id(self) -> int:
        return self.token_to_id[EOS]

    def token_type(self, token_id: int) -> str:
        """'control' for the special tokens, else 'normal' (byte tokens included, as in GPT-2 vocabularies)."""
        return "control" if self.tokens[token_id] in self.specials else "normal"

    # ------------------------------------------------------------- encoding
    def _bpe(self, word: str) -> List[int]:
        """Merge one pre-token (already in the byte alphabet) and return its ids."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        parts = list(word)
        while len(parts) > 1:
            best_rank = None
            best_at = -1
            for i in range(len(parts) - 1):
                r = self.ranks.get((parts[i], parts[i + 1]))
                if r is not None and (best_rank is None or r < best_rank):
                    best_rank, best_at = r, i
            if best_rank is None:
                break
            left, right = self.merges[best_rank]
            merged: List[str] = []
            i = 0
            while i < len(parts):
                if i < len(parts) - 1 and parts[i] == left and parts[i + 1] == right:
                    merged.append(left + right)
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            parts = merged
        ids = [self.token_to_id[p] for p in parts]
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def encode_ordinary(self, text: str) -> List[int]:
        """Encode text with no special-token parsing (``<s>`` stays three characters)."""
        ids: List[int] = []
        for piece in pre_tokenize(text):
            word = "".join(BYTE_TO_CHAR[b] for b in piece.encode("utf-8"))
            ids.extend(self._bpe(word))
        return ids

    def encode(self, text: str, parse_special: bool = True, add_bos: bool = False) -> List[int]:
        """Encode text; with ``parse_special`` every literal ``<s>``/``</s>`` becomes its control id.

        ``add_bos`` prepends BOS (llama.cpp does so when asked to add special tokens, since the
        GGUF says ``add_bos_token``).
        """
        ids: List[int] = [self.bos_id] if add_bos else []
        if not parse_special:
            return ids + self.encode_ordinary(text)
        for is_special, piece in split_special(text, self.specials):
            if is_special:
                ids.append(self.token_to_id[piece])
            else:
                ids.extend(self.encode_ordinary(piece))
        return ids

    def decode(self, ids: Iterable[int], keep_special: bool = True) -> str:
        """Ids back to text; special tokens as their text (or dropped); invalid UTF-8 replaced."""
        out = bytearray()
        for i in ids:
            tok = self.tokens[i]
            if tok in self.specials:
                if keep_special:
                    out.extend(tok.encode("utf-8"))
            else:
                out.extend(CHAR_TO_BYTE[c] for c in tok)
        return out.decode("utf-8", errors="replace")

    # ---------------------------------------------------------- persistence
    def to_dict(self) -> dict:
        return {
            "type": "byte-bpe",
            "pre_tokenizer": PRE_TOKENIZER,
            "special_tokens": list(self.specials),
            "bos_token": BOS,
            "eos_token": EOS,
            "tokens": self.tokens,
            "merges": [f"{a} {b}" for a, b in self.merges],
        }

    def save(self, path: str) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, ensure_ascii=False, indent=0)
            f.write("\n")

    @classmethod
    def from_dict(cls, d: dict) -> "ByteBPETokenizer":
        if d.get("type") != "byte-bpe" or d.get("pre_tokenizer") != PRE_TOKENIZER:
            raise ValueError("not a byte-bpe tokenizer with the gpt-2 pre-tokenizer")
        merges = [tuple(m.split(" ", 1)) for m in d["merges"]]
        return cls(d["tokens"], merges, d.get("special_tokens", SPECIAL_TOKENS))

    @classmethod
    def load(cls, path: str) -> "ByteBPETokenizer":
        """Load from the JSON written by ``save``, or from a GGUF written by ``export_gguf``."""
        if path.endswith(".gguf"):
            from .gguf_writer import read_gguf

            meta, _ = read_gguf(path)
            if meta.get("tokenizer.ggml.model") != "gpt2" or meta.get("tokenizer.ggml.pre") != PRE_TOKENIZER:
                raise ValueError(f"{path}: not a gpt2 tokenizer with the {PRE_TOKENIZER} pre-tokenizer")
            tokens = meta["tokenizer.ggml.tokens"]
            merges = [tuple(m.split(" ", 1)) for m in meta["tokenizer.ggml.merges"]]
            specials = [t for t, ty in zip(tokens, meta["tokenizer.ggml.token_type"]) if ty == 3]
            return cls(tokens, merges, specials)
        with open(path, encoding="utf-8") as f:
            return cls.from_dict(json.load(f))


def train_bpe(
    texts: Iterable[str],
    vocab_size: int = 1300,
    min_frequency: int = 2,
    specials: Sequence[str] = SPECIAL_TOKENS,
    progress: Optional[callable] = None,
) -> ByteBPETokenizer:
    """Learn merges on ``texts`` until the vocabulary has ``vocab_size`` tokens.

    Special-token strings in the texts are cut out first (they are never merged into words). Each
    step merges the most frequent adjacent pair over all pre-tokens (ties: the pair whose merged
    text sorts first, so training is deterministic). Pair counts are updated incrementally and
    kept in a lazy max-heap, so a step costs only the words that contain the merged pair.
    """
    word_counts: Counter = Counter()
    for text in texts:
        for is_special, piece in split_special(text, specials):
            if not is_special:
                for w in pre_tokenize(piece):
                    word_counts[w] += 1

    tokens: List[str] = list(specials) + [BYTE_TO_CHAR[b] for b in range(256)]
    known = set(tokens)
    merges: List[Tuple[str, str]] = []

    words: List[List[str]] = []
    freqs: List[int] = []
    for w, c in word_counts.items():
        words.append([BYTE_TO_CHAR[b] for b in w.encode("utf-8")])
        freqs.append(c)

    pair_count: Dict[Tuple[str, str], int] = defaultdict(int)
    pair_words: Dict[Tuple[str, str], set] = defaultdict(set)
    for wi, (sym, c) in enumerate(zip(words, freqs)):
        for a, b in zip(sym, sym[1:]):
            pair_count[(a, b)] += c
            pair_words[(a, b)].add(wi)

    heap = [(-c, a + b, a, b) for (a, b), c in pair_count.items()]
    heapq.heapify(heap)

    while len(tokens) < vocab_size and heap:
        negc, _, a, b = heapq.heappop(heap)
        count = pair_count.get((a, b), 0)
        if count != -negc:  # stale entry: re-push with the current count
            if count > 0:
                heapq.heappush(heap, (-count, a + b, a, b))
            continue
        if count < min_frequency:
            break
        merged = a + b
        merges.append((a, b))
        if merged not in known:
            known.add(merged)
            tokens.append(merged)
        touched: Dict[Tuple[str, str], int] = {}
        for wi in list(pair_words[(a, b)]):
            sym, c = words[wi], freqs[wi]
            for x, y in zip(sym, sym[1:]):  # remove this word's old pairs
                pair_count[(x, y)] -= c
                touched[(x, y)] = 0
            new_sym: List[str] = []
            i = 0
            while i < len(sym):
                if i < len(sym) - 1 and sym[i] == a and sym[i + 1] == b:
                    new_sym.append(merged)
                    i += 2
                else:
                    new_sym.append(sym[i])
                    i += 1
            words[wi] = new_sym
            for x, y in zip(new_sym, new_sym[1:]):
                pair_count[(x, y)] += c
                pair_words[(x, y)].add(wi)
                touched[(x, y)] = 0
        for p in touched:
            c = pair_count[p]
            if c > 0:
                heapq.heappush(heap, (-c, p[0] + p[1], p[0], p[1]))
        pair_count.pop((a, b), None)
        pair_words.pop((a, b), None)
        if progress is not None:
            progress(len(tokens), count)
    return ByteBPETokenizer(tokens, merges, specials)
