"""A copy warm-up before GLPFT: synthetic samples whose targets repeat strings found in their inputs.

The α-UMi models start from a pretrained LLaMA, which can already copy a name from the user's words
into a call and a value from an observation into an answer. Our models start from scratch, and a
run trained on the task data alone never learned to copy within two hours: the caller wrote frequent
training entities instead of the user's (OOD task success 19%, 0 of 48 weather tasks). This warm-up
stands in for that pretraining: a few minutes on short synthetic samples (no tool docs, so ~20×
cheaper per sample than a planner prompt) where every target token is a copy of input text, so
the model grows a copy mechanism (induction heads) before it meets the real data. Every variant
(α-UMi and both baselines) starts from it, so the comparison stays fair.

Three formats, mixed, in the shapes the roles see:

* call:    ``user: <sentence with 1-3 entities>\\nAction Input: `` -> ``{"<key>": <entity>, ...}``
* answer:  ``Observation: {"<key>": <value>, ...}\\nanswer: `` -> ``The <key> is <value> and ...``
* repeat:  ``text: <words and entities>\\nagain: `` -> the same text

Entities are random made-up names (1-2 capitalised syllable words), numbers (integers, decimals,
negatives), three-letter codes and short lowercase phrases of corpus words, so none can be memorised.
"""

from __future__ import annotations

import json
import random
import re
from typing import Dict, List, Sequence

SYLLABLE_ONSETS = "b br c ch d dr f g gr h j k kl l m n p pl r s sh st t tr v w z".split()
SYLLABLE_VOWELS = "a e i o u ai ou ea y".split()
SYLLABLE_CODAS = ["", "", "", "n", "r", "l", "s", "th", "m", "ck", "rd", "x"]
KEYS = ["name", "city", "country", "text", "source", "target", "amount", "todo_id", "city_id", "units",
        "due", "limit", "temperature", "conditions", "population", "capital", "currency", "local_time"]


def made_up_word(rng: random.Random) -> str:
    syllables = rng.randint(1, 3)
    return "".join(rng.choice(SYLLABLE_ONSETS) + rng.choice(SYLLABLE_VOWELS) + rng.choice(SYLLABLE_CODAS)
                   for _ in range(syllables))


def entity(rng: random.Random, words: Sequence[str]):
    """A random value: a made-up name, a number, a code or a phrase (str or int/float for JSON)."""
    kind = rng.random()
    if kind < 0.4:
        parts = [made_up_word(rng).capitalize() for _ in range(1 if rng.random() < 0.7 else 2)]
        return " ".join(parts)
    if kind < 0.6:
        digits = rng.randint(1, 7)
        value = rng.randint(10 ** (digits - 1) if digits > 1 else 0, 10**digits - 1)
        return -value if rng.random() < 0.05 else value
    if kind < 0.7:
        return round(rng.uniform(-40, 2000), rng.choice((1, 2, 2, 6)))
    if kind < 0.8:
        return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
    return " ".join(rng.choice(words) for _ in range(rng.randint(2, 5)))


def sentence_with(rng: random.Random, words: Sequence[str], values: Sequence) -> str:
    """Filler words with the values inserted in order at random places."""
    filler = [rng.choice(words) for _ in range(rng.randint(3, 12))]
    slots = sorted(rng.sample(range(len(filler) + 1), len(values)))
    out: List[str] = []
    for i in range(len(filler) + 1):
        for slot, value in zip(slots, values):
            if slot == i:
                out.append(str(value))
        if i < len(filler):
            out.append(filler[i])
    text = " ".join(out)
    return text[0].upper() + text[1:] + rng.choice(("?", ".", "", "!"))


def synthetic_sample(rng: random.Random, words: Sequence[str]) -> Dict[str, str]:
    """One ``{input, target}`` sample of a random format."""
    values = [entity(rng, words) for _ in range(rng.randint(1, 3))]
    keys = rng.sample(KEYS, len(values))
    form = rng.random()
    if form < 0.45:
        text = sentence_with(rng, words, values)
        return {"input": f"user: {text}\nAction Input: ", "target": json.dumps(dict(zip(keys, values)))}
    if form < 0.8:
        observation = json.dumps(dict(zip(keys, values)), ensure_ascii=False)
        said = " and ".join(f"the {key.replace('_', ' ')} is {value}" for key, value in zip(keys, values))
        return {"input": f"Observation: {observation}\nanswer: ", "target": said[0].upper() + said[1:] + "."}
    text = sentence_with(rng, words, values)
    return {"input": f"text: {text}\nagain: ", "target": text}


def corpus_words(texts: Sequence[str], limit: int = 3000) -> List[str]:
    """The most frequent lowercase words of the training texts (filler for synthetic sentences)."""
    counts: Dict[str, int] = {}
    for text in texts:
        for word in re.findall(r"\b[a-z]{2,12}\b", text):
            counts[word] = counts.get(word, 0) + 1
    return [w for w, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:limit]]


def synthetic_samples(words: Sequence[str], n: int, seed: int) -> List[Dict[str, str]]:
    """``n`` seeded synthetic copy samples."""
    rng = random.Random(f"copy-warmup:{seed}")
    return [synthetic_sample(rng, words) for _ in range(n)]
