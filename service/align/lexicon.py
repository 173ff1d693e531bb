"""A small built-in news lexicon: common English news words and their Korean/Japanese forms.

Without a machine translation, lengths and numbers cannot tell apart two
neighbouring sentences of similar length; a few hundred everyday news words
(institutions, places, people, events) can. Written by hand from general
news vocabulary (not extracted from any corpus). English entries match word
starts ("investigat" matches "investigation", "investigators"); target forms
match as substrings. The caller's glossary (``anchors``) comes on top.

The words are data, in ``data/lexicon.tsv`` (tab-separated like the glossary;
``|`` separates the English stems and the Korean and Japanese forms). A
one-character form matches inside too many unrelated words ("시" in 시간, "人"
everywhere), so the file holds only a few chosen ones (핵, 核, 軍, ...).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "lexicon.tsv"

_Entry = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=1)
def entries() -> list[_Entry]:
    """The lexicon's rows: (English stems, Korean forms, Japanese forms)."""
    out = []
    with DATA.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append((tuple(row["en"].split("|")), _forms(row["ko"]), _forms(row["ja"])))
    return out


def _forms(value: str) -> tuple[str, ...]:
    return tuple(form for form in value.split("|") if form)


@lru_cache(maxsize=1)
def _english_patterns() -> list[re.Pattern]:
    return [
        re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")", re.I)
        for stems, _, _ in entries()
    ]


def source_terms(text: str) -> frozenset[int]:
    """Indices of the lexicon entries an English sentence uses."""
    return frozenset(k for k, p in enumerate(_english_patterns()) if p.search(text))


def target_terms(text: str, lang: str) -> frozenset[int]:
    """Indices of the lexicon entries a Korean/Japanese sentence uses."""
    col = 1 if lang == "ko" else 2
    return frozenset(k for k, e in enumerate(entries()) if any(f in text for f in e[col]))
