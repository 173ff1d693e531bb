"""Lexical anchors that survive translation, and how well two sides share them.

Numbers (normalised across scripts), words kept in Latin script (names,
acronyms), glossary terms and a few punctuation marks (question marks, quotes,
parentheses) are extracted once per segment; a bead's evidence is the sum of
its segments' features.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .numbers import number_anchors

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'&.-]*[A-Za-z0-9]|[A-Za-z]")
_EN_QUOTES = re.compile(r"[\"“”]|(?<!\w)['‘]|['’](?!\w)")
_TGT_QUOTES = re.compile(r"[\"“”「」『』]|(?<!\w)['‘]|['’](?!\w)")
# Latin words that are common English function words carry no evidence.
_STOP = frozenset("a an the of and or to in on at by for is are was be it he she we i".split())

Anchors = Sequence[tuple[str, Sequence[str]]]


@dataclass
class Features:
    numbers: Counter = field(default_factory=Counter)
    latin: Counter = field(default_factory=Counter)  # target: Latin words; source: all words
    glossary: Counter = field(default_factory=Counter)
    question: int = 0
    quote: int = 0
    paren: int = 0

    def __add__(self, other: Features) -> Features:
        return Features(self.numbers + other.numbers, self.latin + other.latin,
                        self.glossary + other.glossary, self.question + other.question,
                        self.quote + other.quote, self.paren + other.paren)


def _latin_words(text: str) -> Counter:
    words = (w.lower().strip(".'-") for w in _LATIN_WORD.findall(text))
    return Counter(w for w in words if w and w not in _STOP)


def source_features(text: str, anchors: Anchors | None = None) -> Features:
    lowered = text.lower()
    gloss = Counter(i for i, (term, _) in enumerate(anchors or ()) if term.lower() in lowered)
    return Features(
        numbers=Counter(number_anchors(text, "en")),
        latin=_latin_words(text),
        glossary=gloss,
        question=text.count("?"),
        quote=1 if _EN_QUOTES.search(text) else 0,
        paren=text.count("("),
    )


def target_features(text: str, lang: str, anchors: Anchors | None = None) -> Features:
    gloss = Counter(i for i, (_, renderings) in enumerate(anchors or ())
                    if any(r and r in text for r in renderings))
    return Features(
        numbers=Counter(number_anchors(text, lang)),
        latin=_latin_words(text),
        glossary=gloss,
        question=text.count("?") + text.count("？"),
        quote=1 if _TGT_QUOTES.search(text) else 0,
        paren=text.count("(") + text.count("（"),
    )


@dataclass(frozen=True)
class Evidence:
    """Counts of shared and one-sided anchors between two sides of a bead."""

    matched: int
    missing: int  # present on one side only, where it should have been on both
    punct_mismatch: int


def compare(src: Features, tgt: Features) -> Evidence:
    num_match = sum((src.numbers & tgt.numbers).values())
    num_miss = sum((src.numbers - tgt.numbers).values()) + sum((tgt.numbers - src.numbers).values())
    # Latin words in the target should come from the source; the reverse does not
    # hold (English names are usually transliterated).
    lat_match = sum((tgt.latin & src.latin).values())
    lat_miss = sum((tgt.latin - src.latin).values())
    gl_match = sum((src.glossary & tgt.glossary).values())
    gl_miss = sum((src.glossary - tgt.glossary).values()) + sum(
        (tgt.glossary - src.glossary).values())
    punct = (int((src.question > 0) != (tgt.question > 0)) + int((src.quote > 0) != (tgt.quote > 0))
             + int((src.paren > 0) != (tgt.paren > 0)))
    # Numbers in English often go unspelt in translation ("one of"); weigh a miss by half.
    return Evidence(num_match + lat_match + gl_match, num_miss // 2 + lat_miss + gl_miss, punct)
