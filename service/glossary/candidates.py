"""Glossary candidates from human translations.

When an English article is aligned with the Korean or Japanese version a
newsroom wrote, each aligned pair may show how a name or term is rendered.
For every capitalised English phrase (names, titles, agencies, acronyms) we
look for the span of the target sentence that it explains and that explains
it, word by word and character by character:

- transliteration: an English name and a hangul word / katakana run with the
  same consonant skeleton (``service/align/translit.py``);
- known words: the news lexicon (``service/align/data/lexicon.tsv``) and the
  glossary in force, English form on one side and a rendering on the other;
- co-occurrence across articles: an English word and a target word that keep
  appearing in the same stored human pairs (Dice coefficient), which is how a
  kanji name (朴振 for "Park") or a Korean title (외교장관) is learned.

A span's coverage is the smaller of the two (English words explained, target
characters explained); spans at or above ``MIN_SCORE`` are weighed, and a
candidate's score is the probability that it is right given its evidence
(``features``, ``probability``: coverage, completeness, sound match,
co-occurrence, known words, pairs and articles showing it, word frequency,
neighbours). Those at or above ``MIN_PROBABILITY`` are kept with the pair ids
they came from as evidence.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property, lru_cache
from typing import Any

import sqlite_utils
from unidecode import unidecode

from ..align.lexicon import entries as lexicon_entries
from ..align.translit import english_key, target_key
from ..store import candidates as store
from .common_words import common_reason, word_zipf
from .governance import ChangeRefused, submit
from .model import Glossary

# Tuned on the development half only (bench/glossary_candidates_eval.py).
MIN_SCORE = 0.5  # coverage a span needs to be weighed at all
MIN_KEY = 2  # consonant skeletons shorter than this match too much
TRANSLIT_RATIO = 0.8
COOC_MIN_ARTICLES = 2
COOC_MIN_DICE = 0.6
MAX_EN_TOKENS = 8
MAX_TARGET_TOKENS = 4
COOC_PAIRS = 5000  # newest stored human pairs read for co-occurrence counts
# The probability a candidate is right, from its evidence (``features``): weights of
# a logistic regression fitted on the development half's candidates at
# ``MIN_SCORE``, and the probability below which nothing is proposed, chosen by
# leave-one-outlet-out cross-validation there (bench/glossary_candidates_fit.py).
WEIGHTS: dict[str, float] = {
    "articles": 0.101, "common": -0.315, "complete": 1.526, "cooccurrence": 0.192,
    "cover": 0.580, "known": 0.055, "leading": -0.327, "neighbour": -0.119, "pairs": -0.004,
    "translit": -0.083, "words": -0.644}
BIAS = -0.179
MIN_PROBABILITY = 0.7

_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.'’&-][A-Za-z0-9]+)*\.?(?:['’]s)?")
# "and" is no connector: "the United States and Japan" is two names.
_CONNECTORS = frozenset({"of", "the", "for", "on", "at", "in", "to", "de"})
_INITIAL = re.compile(r"^[A-Z]\.$")
# Korean particles (and the copula's endings) a word may carry after a name.
_PARTICLES = sorted(
    ["은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "으로", "에서",
     "에게", "께서", "만", "과의", "와의", "에서의", "으로서", "로서", "까지", "부터",
     "에는", "에도", "이라고", "라고", "이다", "였다", "이었다", "측", "과도", "와도", "에서도",
     "이며", "며", "이자", "한테"], key=len, reverse=True)
_PUNCT_EDGES = "\"'“”‘’「」『』()（）[]【】<>〈〉《》,.:;!?、。・…-–—"
_JA_RUN = re.compile(
    r"(?P<kata>[\u30a0-\u30ff\u31f0-\u31ff]+)|(?P<kanji>[\u4e00-\u9fff\u3005]+)"
    r"|(?P<latin>[A-Za-z0-9][A-Za-z0-9.\-]*)")
_READING = re.compile(r"（[^）]*）|\([^)]*\)")


@dataclass(frozen=True)
class EnToken:
    text: str
    key: str  # lower-cased, possessive dropped: the co-occurrence word
    start: int
    end: int
    content: bool  # False: a connector ("of") or an initial ("J.")


@dataclass(frozen=True)
class TgtToken:
    stem: str  # without a trailing Korean particle
    start: int
    end: int  # of the stem
    glue: str = ""  # Japanese: "" joined to the previous token, "の" by の, " " apart


@dataclass
class Found:
    en: str
    target: str
    score: float
    methods: set[str] = field(default_factory=set)
    evidence: set[int] = field(default_factory=set)
    # What the evidence weighs (see ``features``): the strongest sound match and
    # co-occurrence link used, and where the phrase sits among the pair's others.
    strengths: dict[str, float] = field(default_factory=dict)
    cover: float = 0.0  # the coverage score: every word and character explained, how well
    features: dict[str, float] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return {"en": self.en, "target": self.target, "score": round(self.score, 4),
                "methods": sorted(self.methods), "evidence": sorted(self.evidence)}


# --- English side ---------------------------------------------------------

def english_chunks(sentence: str) -> list[list[EnToken]]:
    """Runs of capitalised words and acronyms ("Republic of Korea Foreign
    Minister Park Jin"), connectors allowed inside, cut at punctuation and at a
    possessive."""
    chunks: list[list[EnToken]] = []
    run: list[EnToken] = []
    last_end = -1
    for match in _EN_TOKEN.finditer(sentence):
        raw = match.group(0)
        possessive = raw.endswith(("'s", "’s")) and len(raw) > 2
        text = raw[:-2] if possessive else raw
        if text.endswith(".") and not _INITIAL.match(text) and not re.search(r"\.\w", text):
            text = text[:-1]  # a sentence's full stop, not "U.S."
        gap = sentence[last_end:match.start()] if last_end >= 0 else " "
        capital = text[0].isupper()
        connector = text.lower() in _CONNECTORS
        if run and (gap.strip() or not (capital or connector)):
            chunks.append(run)
            run = []
        if capital or (connector and run):
            run.append(EnToken(text, text.lower(), match.start(), match.start() + len(text),
                               content=capital and not _INITIAL.match(text)))
        last_end = match.start() + len(text)
        if possessive and run:
            chunks.append(run)
            run = []
            last_end = -1
    if run:
        chunks.append(run)
    out = []
    for chunk in chunks:
        while chunk and not chunk[-1].content:
            chunk = chunk[:-1]
        # "The" or "But" opening a sentence is not part of a name.
        while chunk and (not chunk[0].content or chunk[0].key in _SENTENCE_STARTS):
            chunk = chunk[1:]
        if chunk:
            out.append(chunk)
    return out


_SENTENCE_STARTS = frozenset({
    "the", "a", "an", "but", "and", "on", "in", "at", "as", "during", "after", "before",
    "when", "while", "he", "she", "they", "we", "i", "it", "this", "that", "both", "also",
    "since", "together", "now", "today", "yesterday", "dear", "excellencies", "last",
    "immediately", "nevertheless", "recalling", "building", "continuing", "our", "his", "her",
    "their", "to", "with", "from", "by", "for", "if", "please", "awaiting", "strengthening",
    "mr", "ms", "mrs", "mr.", "ms.", "mrs.",
})


def english_spans(chunk: list[EnToken]) -> Iterable[tuple[int, int]]:
    """Sub-spans [a, b) of a chunk that begin and end with a content word."""
    n = len(chunk)
    for a in range(n):
        if not chunk[a].content:
            continue
        for b in range(a + 1, min(n, a + MAX_EN_TOKENS) + 1):
            if chunk[b - 1].content:
                yield a, b


# --- Target side ----------------------------------------------------------

def _strip_particle(word: str) -> str:
    for particle in _PARTICLES:
        # A one-syllable stem would be mostly particle ("이가" is no name).
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


def target_tokens(sentence: str, lang: str, known: Known | None = None) -> list[TgtToken]:
    """Korean: words (particles dropped). Japanese: katakana, kanji and Latin
    runs, a kanji run cut where a known rendering begins or ends ("林芳正外務大臣"
    -> 林芳正 + 外務大臣); "の" is kept as glue between two runs."""
    tokens: list[TgtToken] = []
    if lang == "ko":
        joins = False  # may the next word continue a phrase with this one?
        for match in re.finditer(r"\S+", sentence):
            word = match.group(0)
            left = len(word) - len(word.lstrip(_PUNCT_EDGES))
            right = len(word) - len(word.rstrip(_PUNCT_EDGES))
            word = word.strip(_PUNCT_EDGES)
            if not word or not re.search(r"[\uac00-\ud7a3A-Za-z0-9]", word):
                joins = False
                continue
            stem = _strip_particle(word)
            start = match.start() + left
            tokens.append(TgtToken(stem, start, start + len(stem),
                                   "" if joins and not left else " "))
            # A particle or a comma ends a phrase: "장관은 하야시" is not one name.
            joins = stem == word and not right
        return tokens
    prev_end: int | None = None
    for match in _JA_RUN.finditer(sentence):
        pieces = (_cut_kanji(match.group(0), known) if match.lastgroup == "kanji"
                  else [match.group(0)])
        at = match.start()
        for piece in pieces:
            # How this token joins the previous one: directly, by "の", or not at all.
            gap = sentence[prev_end:at] if prev_end is not None else None
            glue = "" if gap == "" else "の" if gap == "の" else " "
            tokens.append(TgtToken(piece, at, at + len(piece), glue))
            at += len(piece)
            prev_end = at
    return tokens


def _cut_kanji(run: str, known: Known | None) -> list[str]:
    cuts = {0, len(run)}
    if known is not None and known.cutter is not None:
        for match in known.cutter.finditer(run):
            cuts.update((match.start(), match.end()))
    points = sorted(cuts)
    return [run[a:b] for a, b in itertools.pairwise(points) if b > a]


def _render(sentence: str, tokens: list[TgtToken], a: int, b: int) -> str:
    """The target text of tokens [a, b): as written, particle of the last dropped."""
    return sentence[tokens[a].start:tokens[b - 1].end].strip()


# --- Known words: the lexicon and the glossary in force -------------------

@dataclass(frozen=True)
class Known:
    """English patterns with their renderings in one language."""

    patterns: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]

    @cached_property
    def cutter(self) -> re.Pattern[str] | None:
        """All renderings of two characters or more, longest first, as one pattern."""
        forms = sorted({f for _, fs in self.patterns for f in fs if len(f) >= 2},
                       key=len, reverse=True)
        return re.compile("|".join(re.escape(f) for f in forms)) if forms else None

    @cached_property
    def _by_form(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(list)
        for index, (_, forms) in enumerate(self.patterns):
            for form in forms:
                out[form].append(index)
        return out

    def explained(self, source: str, target: str) -> tuple[list[tuple[int, int]],
                                                          list[tuple[int, int]]]:
        """Where known words explain each other in a pair: English character
        spans and target character spans (of renderings whose English is there)."""
        if self.cutter is None:
            return [], []
        present = {m.group(0): m.span() for m in self.cutter.finditer(target)}
        en_spans, tgt_spans = [], []
        for form, span in present.items():
            for index in self._by_form.get(form, ()):
                found = [m.span() for m in self.patterns[index][0].finditer(source)]
                if found:
                    en_spans += found
                    tgt_spans.append(span)
        return en_spans, tgt_spans


@lru_cache(maxsize=4)
def _lexicon_known(lang: str) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    col = 1 if lang == "ko" else 2
    out = []
    for entry in lexicon_entries():
        forms = tuple(f for f in entry[col] if len(f) >= 2)
        if forms:
            stems = "|".join(re.escape(s) for s in entry[0])
            out.append((re.compile(rf"\b(?:{stems})[a-z]*", re.I), forms))
    return tuple(out)


def known_words(glossary: Glossary | None, lang: str) -> Known:
    patterns = list(_lexicon_known(lang))
    for entry in glossary or ():
        forms = {getattr(entry, lang), getattr(entry, f"{lang}_short")}
        forms |= {_READING.sub("", f) for f in forms}
        forms = {f for f in forms if len(f) >= 2}
        english = "|".join(re.escape(f) for f in entry.english_forms)
        if forms and english:
            patterns.append((re.compile(rf"(?<!\w)(?:{english})(?!\w)"), tuple(sorted(forms))))
    return Known(tuple(patterns))


# --- Co-occurrence across stored human pairs ------------------------------

@dataclass
class Cooccurrence:
    """In how many articles an English word, a target token, and both within one
    aligned pair, occur: co-occurrence inside one article proves little (its
    sentences repeat the same names), across articles it is evidence."""

    en: Counter = field(default_factory=Counter)
    tgt: Counter = field(default_factory=Counter)
    both: Counter = field(default_factory=Counter)
    links: dict[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, str, str]], lang: str, known: Known
           ) -> Cooccurrence:
        """``pairs``: (article id, English, target) of stored human pairs."""
        by_article: dict[int, tuple[set, set, set]] = defaultdict(lambda: (set(), set(), set()))
        for article, source, target in pairs:
            # What known words explain is linked already (Melamed's competitive
            # linking removes linked tokens): "Prime Minister" and 首相 then do not
            # compete with "Suga" and 菅.
            en_known, tgt_known = known.explained(source, target)
            words = {t.key for chunk in english_chunks(source) for t in chunk
                     if t.content and not _inside(t.start, t.end, en_known)}
            stems = {t.stem for t in target_tokens(target, lang, known)
                     if not _inside(t.start, t.end, tgt_known)}
            seen = by_article[article]
            seen[0].update(words)
            seen[1].update(stems)
            seen[2].update((w, s) for w in words for s in stems)
        stats = cls()
        for words, stems, both in by_article.values():
            stats.en.update(words)
            stats.tgt.update(stems)
            stats.both.update(both)
        stats._link_best()
        return stats

    def _dice(self, word: str, stem: str) -> float:
        return 2 * self.both[(word, stem)] / (self.en[word] + self.tgt[stem])

    def _link_best(self) -> None:
        """Competitive linking (Melamed 2000): a word and a token are linked only
        when each is the other's single most associated partner, so a word seen
        with everything ("Japan" beside 米国, 日米, 大統領...) links to nothing."""
        best_for: dict[tuple[int, str], list[tuple[float, str]]] = defaultdict(list)
        for (word, stem), count in self.both.items():
            if count >= COOC_MIN_ARTICLES:
                score = self._dice(word, stem)
                best_for[(0, word)].append((score, stem))
                best_for[(1, stem)].append((score, word))
        unique: dict[tuple[int, str], str] = {}
        for key, options in best_for.items():
            options.sort(reverse=True)
            if len(options) == 1 or options[0][0] > options[1][0]:
                unique[key] = options[0][1]
        self.links = {(word, stem): self._dice(word, stem)
                      for (side, word), stem in unique.items()
                      if side == 0 and unique.get((1, stem)) == word}

    def dice(self, word: str, stem: str) -> float:
        """The association of a linked word and token, else 0."""
        return self.links.get((word, stem), 0.0)


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


# --- Scoring one English span against one target span ---------------------

@dataclass
class _Links:
    """What explains what in one sentence pair."""

    # (English token indices, target char span, method)
    known: list[tuple[frozenset[int], tuple[int, int], str]]
    # (English token indices, target token indices, method, strength)
    words: list[tuple[frozenset[int], frozenset[int], str, float]]
    # English tokens that belong together: a phrase the lexicon or glossary
    # knows ("Prime Minister"), or a run of name words ("Yoon Suk Yeol").
    blocks: list[frozenset[int]]


def _translit_links(tokens: list[EnToken], tgt: list[TgtToken], lang: str
                    ) -> list[tuple[frozenset[int], frozenset[int], str, float]]:
    """English names and target words (one or two on each side) that sound alike."""
    # A capitalised word that is not a common English word may be a name; a
    # common one ("Price", "Park") only beside a name that matched ("Ned Price",
    # "Park Jin"), and then only the target word beside that name's rendering.
    core = {i for i, t in enumerate(tokens)
            if t.content and not t.text.isupper() and common_reason(t.text) is None}
    common = {i for i, t in enumerate(tokens)
              if t.content and not t.text.isupper() and i not in core}
    tkeys = [target_key(t.stem) if _sounds(t.stem, lang) else "" for t in tgt]
    tvowel = [_vowel_initial(unidecode(t.stem)) for t in tgt]
    singles_tgt = [(k,) for k in range(len(tgt))]
    groups_tgt = singles_tgt + [(k, k + 1) for k in range(len(tgt) - 1)]
    matched: dict[tuple[int, ...], tuple[tuple[int, ...], float]] = {}

    def try_match(group: tuple[int, ...], options: list[tuple[int, ...]]) -> None:
        # Family name first or last ("Toshimitsu Motegi" 모테기 도시미쓰).
        orders = {group, tuple(reversed(group))}
        ekeys = {order: "".join(english_key(tokens[i].text) for i in order)
                 for order in orders}
        if min(len(k) for k in ekeys.values()) < MIN_KEY:
            return
        for tg in options:
            tkey = "".join(tkeys[k] for k in tg)
            if any(not tkeys[k] for k in tg) or len(tkey) < MIN_KEY:
                continue
            # Skeletons drop vowels, so keep one: whether the name starts with one
            # ("Itaewon" 이태원, not 또한), in the order being compared.
            usable = [key for order, key in ekeys.items()
                      if _vowel_initial(tokens[order[0]].text) == tvowel[tg[0]]]
            if not usable:
                continue
            # A group is only used when no part of it matches alone ("Blinken"
            # is 블링컨, not 토니 블링컨).
            if any(matched.get(g, ((), 0))[0] == t for g in _parts(group) for t in _parts(tg)):
                continue
            if any(matched.get(g, ((), 0))[0] == tg for g in _parts(group)):
                continue
            ratio = max(_sound_alike(e, tkey) for e in usable)
            if ratio >= TRANSLIT_RATIO:
                matched[group] = (tg, ratio)
                out.append((frozenset(group), frozenset(tg), "translit", ratio))

    out: list[tuple[frozenset[int], frozenset[int], str, float]] = []
    for i in sorted(core):
        try_match((i,), singles_tgt)
        try_match((i,), groups_tgt[len(singles_tgt):])
    names = sorted(core | common)
    for i, j in itertools.pairwise(names):
        if j == i + 1 and (i in core or j in core):
            try_match((i, j), groups_tgt)
    for group, (tg, _) in list(matched.items()):
        if len(group) != 1:
            continue
        for j, beside in ((group[0] - 1, min(tg) - 1), (group[0] + 1, max(tg) + 1)):
            if j in common and 0 <= beside < len(tgt):
                try_match((j,), [(beside,)])
    return out


def _vowel_initial(word: str) -> bool:
    return word[:1].lower() in "aeiou"


def _sound_alike(english: str, target: str) -> float:
    """How alike two consonant skeletons are: short ones (three classes or
    fewer: "NR", "PKS") must be equal, longer ones begin alike, differ in
    length by one class at most and little otherwise (SequenceMatcher ratio)."""
    if min(len(english), len(target)) <= 3:
        return 1.0 if english == target else 0.0
    if english[0] != target[0] or abs(len(english) - len(target)) > 1:
        return 0.0
    return SequenceMatcher(None, english, target, autojunk=False).ratio()


def _parts(group: tuple[int, ...]) -> list[tuple[int, ...]]:
    return [(i,) for i in group] if len(group) > 1 else [group]


def _sounds(stem: str, lang: str) -> bool:
    """Written by sound: hangul (Korean) or katakana (Japanese)."""
    if lang == "ko":
        return bool(re.fullmatch(r"[\uac00-\ud7a3]+", stem))
    return bool(re.fullmatch(r"[\u30a0-\u30ff\u31f0-\u31ff]+", stem))


def _links(source: str, tokens: list[EnToken], target: str, tgt: list[TgtToken], lang: str,
           known: Known, cooc: Cooccurrence | None) -> _Links:
    known_links = []
    blocks = []
    lo, hi = tokens[0].start, tokens[-1].end
    for pattern, forms in known.patterns:
        spans = [m.span() for m in pattern.finditer(source, lo, hi)]
        if not spans:
            continue
        places = [(m.start(), m.end()) for f in forms for m in re.finditer(re.escape(f), target)]
        for start, end in spans:
            covered = frozenset(i for i, t in enumerate(tokens)
                                if t.start < end and start < t.end)
            if covered:
                blocks.append(covered)
                for place in places:
                    known_links.append((covered, place, "known"))
    blocks += _name_runs(tokens, set().union(*blocks) if blocks else set())
    words = _translit_links(tokens, tgt, lang)
    if cooc is not None:
        for i, token in enumerate(tokens):
            if not token.content:
                continue
            for k, t in enumerate(tgt):
                strength = cooc.dice(token.key, t.stem)
                if strength >= COOC_MIN_DICE:
                    words.append((frozenset({i}), frozenset({k}), "cooccurrence", strength))
    return _Links(known_links, words, blocks)


def _name_runs(tokens: list[EnToken], known: set[int]) -> list[frozenset[int]]:
    """Runs of adjacent name words (initials inside them included)."""
    runs: list[frozenset[int]] = []
    run: list[int] = []
    for i, token in enumerate(tokens):
        name = i not in known and (token.content or _INITIAL.match(token.text))
        if name and (token.content or run):
            run.append(i)
            continue
        if run:
            runs.append(frozenset(run))
        run = []
    if run:
        runs.append(frozenset(run))
    return runs


def _cuts_a_block(a: int, b: int, blocks: list[frozenset[int]]) -> bool:
    span = set(range(a, b))
    return any(block & span and not block <= span for block in blocks)


def _score(tokens: list[EnToken], a: int, b: int, tgt: list[TgtToken], c: int, d: int,
           links: _Links) -> tuple[float, set[str], dict[str, float]]:
    en_span = set(range(a, b))
    lo, hi = tgt[c].start, tgt[d - 1].end
    covered_en: dict[int, float] = {}
    covered_chars = [0.0] * (hi - lo)
    methods: set[str] = set()
    strengths: dict[str, float] = {}
    for en, (start, end), method in links.known:
        if en <= en_span and lo <= start and end <= hi:
            for i in en:
                covered_en[i] = 1.0
            for x in range(start - lo, end - lo):
                covered_chars[x] = 1.0
            methods.add(method)
    for en, tg, method, strength in links.words:
        if en <= en_span and all(c <= k < d for k in tg):
            for i in en:
                covered_en[i] = max(covered_en.get(i, 0.0), strength)
            for k in tg:
                for x in range(tgt[k].start - lo, tgt[k].end - lo):
                    covered_chars[x] = max(covered_chars[x], strength)
            methods.add(method)
            strengths[method] = max(strengths.get(method, 0.0), strength)
    content = [i for i in en_span if tokens[i].content]
    if not content:
        return 0.0, methods, strengths
    if not methods - {"known"}:
        # Lexicon and glossary words alone restate what is known already.
        return 0.0, methods, strengths
    # Every English word and every target character should be explained (only the
    # tokens' own characters count, not spaces or の); the score is how strongly.
    inside = [x for k in range(c, d) for x in range(tgt[k].start - lo, tgt[k].end - lo)]
    en_strengths = [covered_en.get(i, 0.0) for i in content]
    tgt_strengths = [covered_chars[x] for x in inside]
    # A word or character nothing explains counts as 0: such a span may still be
    # proposed when the rest of the evidence is strong (see ``probability``).
    strengths["complete"] = float(all(en_strengths) and all(tgt_strengths))
    return min(sum(en_strengths) / len(en_strengths),
               sum(tgt_strengths) / len(tgt_strengths)), methods, strengths


def candidates_in_pair(source: str, target: str, lang: str, known: Known,
                       cooc: Cooccurrence | None = None,
                       min_score: float = MIN_SCORE) -> list[Found]:
    """The best-explained target span for each English phrase of one pair."""
    tgt = target_tokens(target, lang, known)
    if not tgt:
        return []
    found = []
    for chunk in english_chunks(source):
        links = _links(source, chunk, target, tgt, lang, known, cooc)
        if not links.known and not links.words:
            continue
        for a, b in english_spans(chunk):
            if _cuts_a_block(a, b, links.blocks):
                continue
            best: tuple[float, int, int, set[str], dict[str, float]] | None = None
            for c in range(len(tgt)):
                for d in range(c + 1, min(len(tgt), c + MAX_TARGET_TOKENS) + 1):
                    if d > c + 1 and tgt[d - 1].glue == " ":
                        break  # Japanese runs apart (punctuation, hiragana) do not join
                    score, methods, strengths = _score(chunk, a, b, tgt, c, d, links)
                    if score > 0 and (best is None or (score, strengths["complete"])
                                      > (best[0], best[4]["complete"])):
                        best = (score, c, d, methods, strengths)
            if best is None or best[0] < min_score:
                continue
            english = source[chunk[a].start:chunk[b - 1].end]
            if b - a == 1 and common_reason(english) is not None:
                continue  # "President" alone says too little
            # A glossary or lexicon phrase right beside it ("Spokesperson Ned Price").
            beside = set().union(*(en for en, _span, _m in links.known)) if links.known else set()
            best[4]["neighbour"] = float(a - 1 in beside or b in beside)
            found.append(Found(english, _render(target, tgt, best[1], best[2]), best[0],
                               set(best[3]), strengths=dict(best[4]), cover=best[0]))
    _mark_leading_parts(found)
    return found


def _mark_leading_parts(found: list[Found]) -> None:
    """A phrase that only opens a longer, fully explained one found in the same pair,
    its rendering opening that one's too ("Ned" of "Ned Price" / 네드 of 네드 프라이스), is a given
    name or a fragment; a phrase that ends one ("Biden" of "President Biden") is the
    name itself."""
    for f in found:
        f.strengths["leading"] = float(any(
            g.en != f.en and g.en.startswith(f.en + " ") and g.target.startswith(f.target)
            and g.strengths.get("complete") for g in found))


def features(found: Found, articles: int) -> dict[str, float]:
    """The evidence for one merged candidate, each in [0, 1]: how fully it is
    explained, by how strong a sound match, co-occurrence link or known word, how
    often it was seen (pairs; articles showing both sides), how common its
    English words are, and where it sits among the pair's other phrases."""
    words = re.findall(r"[A-Za-z]+", found.en)
    return {
        "cover": found.cover,
        "translit": found.strengths.get("translit", 0.0),
        "cooccurrence": found.strengths.get("cooccurrence", 0.0),
        "known": float("known" in found.methods),
        "pairs": min(len(found.evidence), 4) / 4,
        "articles": min(articles, 3) / 3,
        "common": min(max((word_zipf(w) for w in words), default=0.0), 7.0) / 7,
        "words": min(len(words), 4) / 4,
        "neighbour": found.strengths.get("neighbour", 0.0),
        "complete": found.strengths.get("complete", 0.0),
        "leading": found.strengths.get("leading", 0.0),
    }


def probability(feats: dict[str, float]) -> float:
    """P(a reviewer would accept it): logistic regression over ``features``,
    fitted on the development half (bench/glossary_candidates_fit.py)."""
    z = BIAS + sum(WEIGHTS.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-z))


def _articles_showing(history: Sequence[tuple[int, str, str]], en: str, target: str) -> int:
    """In how many stored articles a pair shows both the English and the rendering."""
    rx = re.compile(rf"(?<!\w){re.escape(en)}(?!\w)")
    return len({a for a, source, tgt in history if target in tgt and rx.search(source)})


def find_candidates(pairs: Sequence[dict[str, Any]], lang: str, glossary: Glossary | None,
                    history: Iterable[tuple[int, str, str]] = (), *,
                    min_score: float = MIN_SCORE,
                    min_probability: float = MIN_PROBABILITY) -> list[Found]:
    """Candidates from pairs ({"id", "source", "target"}), merged by (English,
    rendering) with the pair ids as evidence; English forms the glossary holds
    already are left out. ``history``: stored human pairs (article id, source,
    target) for the co-occurrence counts, the given pairs included. Each one's
    ``score`` is its probability (``probability``); below ``min_probability`` it
    is not proposed."""
    history = list(history)
    known = known_words(glossary, lang)
    cooc = Cooccurrence.of(history, lang, known)
    have = {form.casefold() for e in glossary or () for form in e.english_forms}
    merged: dict[tuple[str, str], Found] = {}
    for pair in pairs:
        for cand in candidates_in_pair(pair["source"], pair["target"], lang, known, cooc,
                                       min_score):
            if cand.en.casefold() in have:
                continue
            key = (cand.en, cand.target)
            if key not in merged:
                merged[key] = Found(cand.en, cand.target, cand.score)
            into = merged[key]
            into.cover = max(into.cover, cand.cover)
            into.methods |= cand.methods
            into.evidence.add(pair["id"])
            for name, value in cand.strengths.items():
                into.strengths[name] = max(into.strengths.get(name, 0.0), value)
    out = []
    for found in merged.values():
        found.features = features(found, _articles_showing(history, found.en, found.target))
        found.score = probability(found.features)
        if found.score >= min_probability:
            out.append(found)
    return sorted(out, key=lambda f: (-f.score, -len(f.evidence), f.en))


def propose_from_translation(db: sqlite_utils.Database, translation_id: int, lang: str,
                             glossary: Glossary | None) -> int:
    """Find and store the candidates of one stored human translation, with the
    co-occurrence counts of the newest stored human pairs. Returns new rows."""
    pairs = store.translation_pairs(db, translation_id)
    if not pairs:
        return 0
    history = [(p["article_id"], p["source"], p["target"])
               for p in store.human_pairs(db, lang, COOC_PAIRS)]
    found = find_candidates(pairs, lang, glossary, history)
    return store.save_candidates(db, lang, (f.as_row() for f in found))


# --- Reviewers' decisions -------------------------------------------------

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "term"


def entry_from_candidate(candidate: dict[str, Any], body: dict[str, Any],
                         other: dict[str, Any] | None) -> dict[str, str]:
    """The glossary entry an accepted candidate proposes. ``body`` may give the
    id, kind, the other language's rendering and a person's surname; ``other``
    is an open candidate of the other language for the same English."""
    lang = candidate["lang"]
    other_lang = "ja" if lang == "ko" else "ko"
    other_rendering = body.get(other_lang) or (other or {}).get("target") or ""
    if not other_rendering:
        raise ChangeRefused(422, f"an entry needs both renderings: send {other_lang!r} "
                                 f"(no {other_lang} candidate for {candidate['en']!r} yet)")
    kind = body.get("kind") or "term"
    surname = body.get("en_surname") or (candidate["en"].split()[-1] if kind == "person"
                                         else "")
    evidence = ", ".join(str(p) for p in candidate["evidence"][:20])
    return {
        "id": body.get("id") or _slug(candidate["en"]), "kind": kind, "en": candidate["en"],
        lang: candidate["target"], other_lang: other_rendering, "en_variants": "",
        "en_surname": surname, "en_title": "", "ko_title": "", "ja_title": "",
        "ko_short": "", "ja_short": "",
        # A common word may only be an exact-case entry ("Park" is a name, "park" is not).
        "case": "exact" if common_reason(candidate["en"]) else "tolerant",
        "status": "unverified", "source": f"candidate {candidate['id']}: pairs {evidence}",
        "note": "from aligned human translations (" + ", ".join(candidate["methods"]) + ")",
    }


def accept(db: sqlite_utils.Database, candidate_id: int, who: str, role: str,
           body: dict[str, Any]) -> dict[str, Any]:
    """Turn a candidate into a glossary addition: applied for an admin, a
    proposal for a reviewer (governance rules apply to both)."""
    candidate = _open_candidate(db, candidate_id)
    other_lang = "ja" if candidate["lang"] == "ko" else "ko"
    others = [c for c in store.list_candidates(db, lang=other_lang, state="open", limit=1000)
              if c["en"].casefold() == candidate["en"].casefold()]
    entry = entry_from_candidate(candidate, body, others[0] if others else None)
    result = submit(db, "add", entry["id"], who, role, entry=entry)
    proposal = result.get("proposal")
    store.decide_candidate(db, candidate_id, "accepted", who,
                           proposal["id"] if proposal else None)
    return {**result, "candidate": store.get_candidate(db, candidate_id)}


def dismiss(db: sqlite_utils.Database, candidate_id: int, who: str) -> dict[str, Any]:
    _open_candidate(db, candidate_id)
    if not store.decide_candidate(db, candidate_id, "dismissed", who):
        raise ChangeRefused(409, f"candidate {candidate_id} was decided meanwhile")
    return store.get_candidate(db, candidate_id) or {}


def _open_candidate(db: sqlite_utils.Database, candidate_id: int) -> dict[str, Any]:
    candidate = store.get_candidate(db, candidate_id)
    if candidate is None:
        raise ChangeRefused(404, f"no glossary candidate {candidate_id}")
    if candidate["state"] != "open":
        raise ChangeRefused(409, f"candidate {candidate_id} was {candidate['state']} by "
                                 f"{candidate['decided_by']}")
    return candidate
