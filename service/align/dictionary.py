"""Dictionary evidence: English words and their Japanese and Korean forms from JMdict.

The hand lexicon (lexicon.py) has a few hundred entries and the learned cues
(cooccur.py) come from about a thousand NTREX line pairs; a real bilingual
dictionary covers the everyday vocabulary both miss. JMdict (EDRDG, CC BY-SA
4.0, read from the precompiled database of PyPI ``jamdict-data``) gives, for
each common Japanese headword (one with a priority tag: news1/2, ichi1/2,
spec1/2), its English glosses. Reversed, that is English word -> Japanese forms.
Korean shares the Sino-Korean vocabulary: a headword written only in kanji
(政府, 制裁, 会談) becomes its traditional form (OpenCC ``jp2t``) and then its
hangul reading (PyPI ``hanja``): 정부, 제재, 회담.

The tables are built at fit time only (``python bench/align_fit.py dictionary``;
needs the ``fit`` extra) and shipped as package data (data/dict_ja.tsv,
data/dict_ko.tsv: ``word<TAB>form form ...``); the runtime reads the tables and
needs none of the fit-time packages. A sentence pair's dictionary count is how
many of the English sentence's words in the table have one of their forms in
the target sentence (forms match as substrings).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .cooccur import _FUNCTION, read_word_table

DATA = Path(__file__).resolve().parent / "data"
# Common headwords only: JMdict's priority tags for words in newspapers, a
# frequency list or a common-word list.
PRIORITY = frozenset({"news1", "news2", "ichi1", "ichi2", "spec1", "spec2"})
SENSES = 3  # a headword's first senses only: later ones are rare meanings
PER_WORD = 12  # forms kept per English word (best senses and most frequent headwords first)
VOCABULARY = 25000  # English words: the most frequent ones (wordfreq)
MIN_FORM = 2  # one-character forms match inside too many unrelated words
# A form in more than this share of NTREX's calibration target lines is too
# general to tell sentences apart (する-like stems, 日本 in every line).
MAX_LINE_SHARE = 0.03
MAX_FORM = 8

_WORD = re.compile(r"[A-Za-z]+")
_PAREN = re.compile(r"\([^)]*\)")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_KANJI_ONLY = re.compile(r"^[\u3400-\u9fff\u3005]+$")
_KATAKANA_ONLY = re.compile(r"^[\u30a0-\u30ff]+$")
_HANGUL_ONLY = re.compile(r"^[\uac00-\ud7a3]+$")
_HAS_KANJI = re.compile(r"[\u3400-\u9fff]")


def english_words(text: str) -> frozenset[str]:
    """The lower-cased words of an English text (3+ letters, function words left out)."""
    return frozenset(w for w in (m.lower() for m in _WORD.findall(text))
                     if len(w) >= 3 and w not in _FUNCTION)


@lru_cache(maxsize=4)
def table_for(lang: str) -> dict[str, tuple[str, ...]]:
    """The shipped table for "ko" or "ja": English word -> target forms (empty otherwise)."""
    return read_word_table(DATA / f"dict_{lang}.tsv")


@lru_cache(maxsize=4)
def _form_index(lang: str) -> tuple[dict[str, frozenset[str]], int]:
    """Target form -> the English words it renders, and the longest form's length."""
    index: dict[str, set[str]] = defaultdict(set)
    for word, forms in table_for(lang).items():
        for form in forms:
            index[form].add(word)
    longest = max((len(f) for f in index), default=0)
    return {f: frozenset(ws) for f, ws in index.items()}, longest


def source_words(text: str, lang: str) -> frozenset[str]:
    """The English words of a sentence that the table for ``lang`` has."""
    table = table_for(lang)
    return frozenset(w for w in english_words(text) if w in table)


def target_words(text: str, lang: str) -> frozenset[str]:
    """The English words one of whose forms a Korean/Japanese sentence contains."""
    index, longest = _form_index(lang)
    found: set[str] = set()
    for start in range(len(text)):
        for end in range(start + MIN_FORM, min(len(text), start + longest) + 1):
            words = index.get(text[start:end])
            if words:
                found |= words
    return frozenset(found)


# --- fit time: building the tables from JMdict ------------------------------------------


# One English gloss of a common JMdict entry: (its sense's rank in the entry, the
# entry's best frequency rank (nf01 = 1; 49 without one), the English word, the
# entry's headwords (most frequent first), whether it conjugates (verb, i-adjective)).
Gloss = tuple[int, int, str, tuple[str, ...], bool]


def gloss_entries(headwords: dict[int, list[tuple[int, str]]], verbs: set[int],
                  glosses: Iterable[tuple[int, int, str]]) -> list[Gloss]:
    """``Gloss`` rows from an entry's (frequency rank, headword) pairs, the entries
    that conjugate, and (entry, sense rank, gloss text) rows in dictionary order."""
    out = []
    for idseq, rank, gloss in glosses:
        heads = headwords.get(idseq)
        if not heads or rank >= SENSES:
            continue
        forms = tuple(t for _, t in sorted(heads))
        nf = min(n for n, _ in heads)
        for word in _gloss_words(gloss):
            out.append((rank, nf, word, forms, idseq in verbs))
    return out


def _gloss_words(gloss: str) -> list[str]:
    """The English word a gloss is ("to announce" -> announce; "(economic) sanctions"
    -> sanctions); glosses of several words are left out (phrases, not words)."""
    text = _PAREN.sub(" ", gloss).strip().lower()
    if text.startswith("to "):
        text = text[3:].strip()
    return [text] if re.fullmatch(r"[a-z]{3,}", text) and text not in _FUNCTION else []


def _inflections(word: str) -> set[str]:
    """Regular inflections of an English word (kept only if they are real words)."""
    out = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        out |= {word[:-1] + "ing"}
    if word.endswith("y"):
        out |= {word[:-1] + "ies", word[:-1] + "ied"}
    return out


def _japanese_form(headword: str, verb_like: bool) -> str | None:
    """The part of a headword that stays the same in running text: a verb's or an
    adjective's last kana changes with conjugation (訴える -> 訴え), a noun stays."""
    form = headword
    if verb_like and _HIRAGANA.match(form[-1]):
        form = form[:-1]
    if len(form) < MIN_FORM:
        return None
    if _HAS_KANJI.search(form) or (_KATAKANA_ONLY.match(form) and len(form) >= 3):
        return form
    return None


def korean_reading(kanji: str) -> str | None:
    """The hangul reading of a kanji-only Japanese headword (政府 -> 정부), or None."""
    import hanja
    import opencc

    converter = _converter(opencc)
    traditional = converter.convert(kanji)
    hangul = hanja.translate(traditional, "substitution")
    return hangul if _HANGUL_ONLY.match(hangul) and len(hangul) >= MIN_FORM else None


@lru_cache(maxsize=1)
def _converter(opencc):
    return opencc.OpenCC("jp2t")


def build_tables(glosses: Iterable[Gloss], vocabulary: Iterable[str],
                 target_lines: dict[str, list[str]] | None = None
                 ) -> dict[str, dict[str, tuple[str, ...]]]:
    """English word -> forms, for "ja" and "ko", over ``vocabulary`` (English words),
    from JMdict's glosses (bench/align_fit.py reads them from the jamdict-data
    database); forms found in too many of ``target_lines`` (per language) are left out."""
    vocab = set(vocabulary)
    ranked: dict[str, dict[str, Counter]] = {"ja": defaultdict(Counter),
                                             "ko": defaultdict(Counter)}
    for sense_rank, nf, word, heads, verb_like in sorted(glosses):
        score = (sense_rank, nf)
        for head in heads:
            ja = _japanese_form(head, verb_like)
            ko = korean_reading(head) if _KANJI_ONLY.match(head) else None
            for lang, form in (("ja", ja), ("ko", ko)):
                if form is None:
                    continue
                for variant in _inflections(word) & vocab:
                    best = ranked[lang][variant]
                    if form not in best or best[form] > score:
                        best[form] = score
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, table in ranked.items():
        general = _general_forms(table, (target_lines or {}).get(lang, []))
        out[lang] = {}
        for word in sorted(table):
            forms = [f for f, _ in sorted(table[word].items(), key=lambda x: (x[1], x[0]))
                     if f not in general and len(f) <= MAX_FORM][:PER_WORD]
            if forms:
                out[lang][word] = tuple(forms)
    return out


def _general_forms(table: dict[str, Counter], lines: list[str]) -> set[str]:
    if not lines:
        return set()
    forms = {f for best in table.values() for f in best}
    seen: Counter = Counter()
    for line in lines:
        pieces = {line[a:b] for a in range(len(line))
                  for b in range(a + MIN_FORM, min(len(line), a + MAX_FORM) + 1)}
        seen.update(pieces & forms)
    return {f for f, c in seen.items() if c > MAX_LINE_SHARE * len(lines)}
