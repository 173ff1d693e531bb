"""Fuzzy translation memory: how alike two sources are, and where they differ.

Scores are rapidfuzz's normalised Indel similarity (``fuzz.ratio``, 0-100) on
the memory keys (NFC, straight quotes, single spaces), case-folded: the
figure CAT tools call a fuzzy match. Differences are word-level (rapidfuzz's
Levenshtein opcodes over word tokens), so a reviewer sees which words of the
remembered sentence changed. Pure functions: the store finds candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .store.memory import memory_key

# A suggestion is shown from this similarity on (CAT tools' usual floor).
MIN_SCORE = 75.0
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def similarity(a: str, b: str) -> float:
    """0-100: how alike two sources are for memory."""
    return fuzz.ratio(memory_key(a).casefold(), memory_key(b).casefold())


def tokens(text: str) -> list[str]:
    """Words, punctuation and the spaces between them, in order (they join back to ``text``)."""
    return _TOKENS.findall(text)


@dataclass(frozen=True)
class Piece:
    """A run of text in a word diff: ``same``, ``old`` (only in the first text)
    or ``new`` (only in the second)."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[Piece]:
    """``old`` -> ``new`` as runs of same, removed and added words."""
    a, b = tokens(old or ""), tokens(new or "")
    pieces: list[Piece] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].op == op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for tag, a0, a1, b0, b1 in Levenshtein.opcodes(a, b):
        if tag == "equal":
            add("same", "".join(a[a0:a1]))
        else:
            add("old", "".join(a[a0:a1]))
            add("new", "".join(b[b0:b1]))
    return pieces


def word_edits(old: str, new: str) -> int:
    """How many tokens (words and punctuation marks, not spaces) must be typed,
    deleted or replaced to turn ``old`` into ``new``."""
    a = [t for t in tokens(old or "") if not t.isspace()]
    b = [t for t in tokens(new or "") if not t.isspace()]
    return Levenshtein.distance(a, b)


def word_count(text: str) -> int:
    return sum(1 for t in tokens(text or "") if not t.isspace())


def suggestions(source: str, candidates: list[dict], *, limit: int = 3,
                min_score: float = MIN_SCORE) -> list[dict]:
    """The ``limit`` best candidates scoring at least ``min_score``, best first,
    each with its score and the word diff from its source to ``source``."""
    scored = []
    for candidate in candidates:
        score = similarity(candidate["source"], source)
        if score >= min_score:
            scored.append((score, candidate))
    scored.sort(key=lambda item: (-item[0], -item[1]["id"]))
    out, seen = [], set()
    for score, candidate in scored:
        key = (memory_key(candidate["source"]), candidate["target"])
        if key in seen:  # the same sentence approved twice is one suggestion
            continue
        seen.add(key)
        out.append({**candidate, "score": round(score, 1),
                    "source_diff": [{"op": p.op, "text": p.text}
                                    for p in word_diff(candidate["source"], source)]})
        if len(out) == limit:
            break
    return out
