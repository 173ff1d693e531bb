"""Learned word cues: English word stems and the Korean/Japanese character pairs
that co-occur with them in professionally translated news.

The built-in lexicon (lexicon.py) is a few hundred hand-written entries; these
cues are learned. Over the 1-1 line pairs of NTREX-128's calibration documents
(the even-numbered ones; the odd ones stay held out for bench/align_bench.py)
we count, for each English stem (a lower-cased word of 3+ letters cut to 7
characters, function words left out) and each pair of adjacent hangul, kana or
kanji characters, the lines holding both; the Dice coefficient
2·c(e,f) / (c(e) + c(f)) keeps, per stem, up to three character pairs
scoring 0.3 or more in 3 or more lines ("governm" -> 정부; "concern" -> 懸念).
A sentence pair's cue count is how many of the English sentence's stems have
one of their character pairs in the target sentence.

The fitted tables are package data (data/cues_ko.tsv, data/cues_ja.tsv; derived
from NTREX-128, CC BY-SA 4.0, Microsoft). Refit: `python bench/align_fit.py cues`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MIN_LINES = 3
MIN_DICE = 0.3
PER_STEM = 3
STEM = 7

_EN_WORD = re.compile(r"[A-Za-z]+")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]+")


def _function_words() -> frozenset[str]:
    lines = (DATA / "function_words_en.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


_FUNCTION = _function_words()


def english_stems(text: str) -> frozenset[str]:
    return frozenset(
        w.lower()[:STEM]
        for w in _EN_WORD.findall(text)
        if len(w) >= 3 and w.lower() not in _FUNCTION
    )


def character_pairs(text: str) -> frozenset[str]:
    """Adjacent hangul/kana/kanji character pairs (not across spaces or punctuation)."""
    return frozenset(run[k : k + 2] for run in _CJK_RUN.findall(text) for k in range(len(run) - 1))


def fit_cues(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """English stem -> its best character pairs, from (English, target) line pairs."""
    stems: Counter = Counter()
    chars: Counter = Counter()
    joint: Counter = Counter()
    for source, target in pairs:
        es, ts = english_stems(source), character_pairs(target)
        stems.update(es)
        chars.update(ts)
        joint.update((e, f) for e in es for f in ts)
    best: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for (e, f), c in joint.items():
        if c >= MIN_LINES:
            dice = 2 * c / (stems[e] + chars[f])
            if dice >= MIN_DICE:
                best[e].append((dice, f))
    return {
        e: tuple(f for _, f in sorted(v, key=lambda x: (-x[0], x[1]))[:PER_STEM])
        for e, v in sorted(best.items())
    }


def write_cues(cues: dict[str, tuple[str, ...]], path: Path) -> None:
    lines = [f"{e}\t{' '.join(fs)}" for e, fs in sorted(cues.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def cues_for(lang: str) -> dict[str, frozenset[str]]:
    """The shipped cue table for "ko" or "ja" (empty for another language)."""
    path = DATA / f"cues_{lang}.tsv"
    if not path.exists():
        return {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        stem, _, chars = line.partition("\t")
        if stem and chars:
            table[stem] = frozenset(chars.split())
    return table


def source_cues(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """For each stem of the English text that has cues: its character pairs."""
    table = cues_for(lang)
    return tuple(table[s] for s in sorted(english_stems(text)) if s in table)
