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
MODEL1_ITERATIONS = 5
MODEL1_MIN = 0.1
_NULL = "\0"  # Model 1's empty English word

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


def fit_cues(pairs: Iterable[tuple[str, str]], min_dice: float = MIN_DICE,
             per_stem: int = PER_STEM, min_lines: int = MIN_LINES
             ) -> dict[str, tuple[str, ...]]:
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
        if c >= min_lines:
            dice = 2 * c / (stems[e] + chars[f])
            if dice >= min_dice:
                best[e].append((dice, f))
    return {
        e: tuple(f for _, f in sorted(v, key=lambda x: (-x[0], x[1]))[:per_stem])
        for e, v in sorted(best.items())
    }


def fit_model1_cues(pairs: Iterable[tuple[str, str]], iterations: int = MODEL1_ITERATIONS,
                    min_probability: float = MODEL1_MIN, per_stem: int = PER_STEM,
                    min_lines: int = MIN_LINES) -> dict[str, tuple[str, ...]]:
    """English stem -> its most probable character pairs under IBM Model 1.

    Dice rewards any pair that co-occurs with a stem, so endings that are in
    every line (습니, した) compete with the stem's real translation. Model 1
    explains each target character pair by one English stem of the line (or by
    the empty word), and EM shares the pair out between the stems: a pair that
    every line has goes to the empty word, and a stem keeps the pairs that only
    it explains. Kept per stem: up to ``per_stem`` pairs whose translation
    probability t(pair | stem) is at least ``min_probability``, for stems in
    at least ``min_lines`` lines.
    """
    data = [(sorted(english_stems(s)), sorted(character_pairs(t))) for s, t in pairs]
    lines: Counter = Counter(e for es, _ in data for e in es)
    # Uniform start: every pair equally likely from every stem.
    prob: dict[str, dict[str, float]] = defaultdict(dict)
    for es, fs in data:
        for e in (*es, _NULL):
            row = prob[e]
            for f in fs:
                row[f] = 1.0
    for _ in range(iterations):
        counts: dict[str, Counter] = defaultdict(Counter)
        for es, fs in data:
            sources = (*es, _NULL)
            rows = [prob[e] for e in sources]
            for f in fs:
                weights = [row.get(f, 0.0) for row in rows]
                total = sum(weights)
                if total <= 0:
                    continue
                for e, w in zip(sources, weights, strict=True):
                    if w:
                        counts[e][f] += w / total
        prob = defaultdict(dict)
        for e, row in counts.items():
            norm = sum(row.values())
            prob[e] = {f: c / norm for f, c in row.items()}
    out = {}
    for e in sorted(lines):
        if lines[e] < min_lines:
            continue
        best = sorted(((-p, f) for f, p in prob[e].items() if p >= min_probability))[:per_stem]
        if best:
            out[e] = tuple(f for _, f in best)
    return out


def write_word_table(table: dict[str, tuple[str, ...]], path: Path) -> None:
    """A word table as package data: ``word<TAB>form form ...``, sorted by word
    (the cue tables here, the dictionary tables of dictionary.py)."""
    lines = [f"{word}\t{' '.join(forms)}" for word, forms in sorted(table.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_word_table(path: Path) -> dict[str, tuple[str, ...]]:
    """What :func:`write_word_table` wrote (empty when the file is missing)."""
    if not path.exists():
        return {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, forms = line.partition("\t")
        if word and forms and not word.startswith("#"):
            table[word] = tuple(forms.split())
    return table


@lru_cache(maxsize=4)
def cues_for(lang: str) -> dict[str, frozenset[str]]:
    """The shipped cue table for "ko" or "ja" (empty for another language)."""
    return {stem: frozenset(chars) for stem, chars in
            read_word_table(DATA / f"cues_{lang}.tsv").items()}


def source_cues(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """For each stem of the English text that has cues: its character pairs."""
    table = cues_for(lang)
    return tuple(table[s] for s in sorted(english_stems(text)) if s in table)
