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

from ..segment.cjk import split_sentences
from .cooccur import character_pairs, source_cues
from .dictionary import source_words
from .dictionary import target_words as dictionary_words
from .lexicon import source_terms, target_terms
from .numbers import number_anchors
from .translit import english_names, matched_names, target_words

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'&.-]*[A-Za-z0-9]|[A-Za-z]")
_EN_QUOTES = re.compile(r"[\"“”]|(?<!\w)['‘]|['’](?!\w)")
_TGT_QUOTES = re.compile(r"[\"“”「」『』]|(?<!\w)['‘]|['’](?!\w)")
# Latin words that are common English function words carry no evidence.
# Sentence ends inside a segment (a segment holding two sentences should pair
# with two sentences). English abbreviations ("Mr.", "U.S.") are not ends.
_EN_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMrs)(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No|vs))[.?!][\"'”’)]*\s+"
    r"(?=[\"“‘'(]?[A-Z0-9])"
)
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "is",
        "are",
        "was",
        "be",
        "it",
        "he",
        "she",
        "we",
        "i",
    ]
)

Anchors = Sequence[tuple[str, Sequence[str]]]


@dataclass
class Features:
    numbers: Counter = field(default_factory=Counter)
    latin: Counter = field(default_factory=Counter)  # target: Latin words; source: all words
    glossary: Counter = field(default_factory=Counter)
    question: int = 0
    quote: int = 0
    paren: int = 0
    sounds: tuple[str, ...] = ()  # source: names' skeletons; target: words' skeletons
    sentences: int = 1
    lexicon: frozenset = frozenset()  # built-in news lexicon entries used
    cues: tuple[frozenset[str], ...] = ()  # source: learned cues per stem (cooccur.py)
    pairs: frozenset[str] = frozenset()  # target: its character pairs
    # Source: its English words in the JMdict table; target: the English words one of
    # whose dictionary forms it contains (dictionary.py).
    dictionary: frozenset[str] = frozenset()

    def __add__(self, other: Features) -> Features:
        return Features(
            self.numbers + other.numbers,
            self.latin + other.latin,
            self.glossary + other.glossary,
            self.question + other.question,
            self.quote + other.quote,
            self.paren + other.paren,
            self.sounds + other.sounds,
            self.sentences + other.sentences,
            self.lexicon | other.lexicon,
            self.cues + other.cues,
            self.pairs | other.pairs,
            self.dictionary | other.dictionary,
        )


def sentence_pieces(text: str, lang: str) -> list[str]:
    """The sentences inside one segment (usually one)."""
    if lang == "en":
        pieces = [p for p in _EN_END.split(text.strip()) if p.strip()]
    else:
        pieces = split_sentences(text, lang)
    return pieces or [text]


def _latin_words(text: str) -> Counter:
    words = (w.lower().strip(".'-") for w in _LATIN_WORD.findall(text))
    return Counter(w for w in words if w and w not in _STOP)


def source_features(
    text: str, anchors: Anchors | None = None, target: str | None = None
) -> Features:
    """Anchors of an English segment; ``target`` ("ko"/"ja") adds its learned word cues."""
    lowered = text.lower()
    gloss = Counter(i for i, (term, _) in enumerate(anchors or ()) if term.lower() in lowered)
    return Features(
        numbers=Counter(number_anchors(text, "en")),
        latin=_latin_words(text),
        glossary=gloss,
        question=text.count("?"),
        quote=1 if _EN_QUOTES.search(text) else 0,
        paren=text.count("("),
        sounds=tuple(english_names(text)),
        sentences=len(sentence_pieces(text, "en")),
        lexicon=source_terms(text),
        cues=source_cues(text, target) if target else (),
        dictionary=source_words(text, target) if target else frozenset(),
    )


def target_features(text: str, lang: str, anchors: Anchors | None = None) -> Features:
    gloss = Counter(
        i
        for i, (_, renderings) in enumerate(anchors or ())
        if any(r and r in text for r in renderings)
    )
    return Features(
        numbers=Counter(number_anchors(text, lang)),
        latin=_latin_words(text),
        glossary=gloss,
        question=text.count("?") + text.count("？"),
        quote=1 if _TGT_QUOTES.search(text) else 0,
        paren=text.count("(") + text.count("（"),
        sounds=tuple(target_words(text, lang)),
        sentences=len(sentence_pieces(text, lang)),
        lexicon=target_terms(text, lang),
        pairs=character_pairs(text),
        dictionary=dictionary_words(text, lang),
    )


@dataclass(frozen=True)
class Evidence:
    """Counts of shared and one-sided anchors between two sides of a bead, by kind."""

    numbers: int  # numbers and dates found on both sides (normalised across scripts)
    latin: int  # words the target keeps in Latin script that the source has too
    glossary: int  # glossary terms whose exact rendering the target sentence contains
    names: int  # English names found transliterated in the target
    words: int  # built-in lexicon entries found on both sides
    cues: int  # English stems whose learned character pairs the target has (cooccur.py)
    missing: int  # numbers or Latin words on one side only, where they should be on both
    punct_mismatch: int
    fewer_sentences: int = 0  # target holds fewer sentences than the source (rare)
    more_sentences: int = 0  # ... more (translators often split a sentence)
    dictionary: int = 0  # English words whose JMdict form the target has (dictionary.py)

    @property
    def matched(self) -> int:
        return self.numbers + self.latin + self.glossary


def compare(src: Features, tgt: Features) -> Evidence:
    num_match = sum((src.numbers & tgt.numbers).values())
    num_miss = sum((src.numbers - tgt.numbers).values()) + sum((tgt.numbers - src.numbers).values())
    # Latin words in the target should come from the source; the reverse does not
    # hold (English names are usually transliterated).
    lat_match = sum((tgt.latin & src.latin).values())
    lat_miss = sum((tgt.latin - src.latin).values())
    # A glossary rendering counts only where the human sentence has it exactly; its
    # absence says nothing (translators render names and terms their own way).
    gl_match = sum((src.glossary & tgt.glossary).values())
    punct = (
        int((src.question > 0) != (tgt.question > 0))
        + int((src.quote > 0) != (tgt.quote > 0))
        + int((src.paren > 0) != (tgt.paren > 0))
    )
    names = matched_names(list(src.sounds), list(tgt.sounds)) if src.sounds and tgt.sounds else 0
    words = len(src.lexicon & tgt.lexicon)
    cues = sum(1 for cue in src.cues if cue & tgt.pairs) if tgt.pairs else 0
    return Evidence(
        num_match,
        lat_match,
        gl_match,
        names,
        words,
        cues,
        # Numbers in English often go unspelt in translation ("one of"); weigh a miss by half.
        num_miss // 2 + lat_miss,
        punct,
        max(0, src.sentences - tgt.sentences),
        max(0, tgt.sentences - src.sentences),
        len(src.dictionary & tgt.dictionary),
    )
