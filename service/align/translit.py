"""Transliterated names as anchors: "Sturridge" ~ 스터리지 ~ スタリッジ.

Korean and Japanese write foreign names by sound, in hangul or katakana. We
romanise the target with unidecode and reduce both sides to a consonant
skeleton (vowels dropped, similar sounds merged: p/b/f/v, t/d, k/g/c, s/z/j,
l/r, m/n), then call two words a match when their skeletons are close. No
library compares an English spelling with a hangul/katakana rendering, hence
this module; the skeletons are deliberately coarse.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from unidecode import unidecode

from .numbers import _EN_DAYS, _EN_MONTHS, _EN_WORDS

_EN_CAPS = re.compile(r"\b([A-Z][a-z]+(?:[A-Z][a-z]+)*)(?:'s)?\b")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_KATAKANA = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff]{2,}")
# Capitalised words that are not names (sentence starts, days, titles).
_COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "then",
        "but",
        "and",
        "or",
        "so",
        "if",
        "when",
        "while",
        "after",
        "before",
        "as",
        "at",
        "in",
        "on",
        "of",
        "for",
        "from",
        "with",
        "by",
        "to",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "first",
        "last",
        "new",
        "more",
        "most",
        "however",
        "meanwhile",
        "also",
        "some",
        "many",
        "other",
        "president",
        "minister",
        "prime",
        "secretary",
        "police",
        "officials",
        "official",
        "according",
        "said",
        "says",
    ]
) | frozenset(_EN_DAYS) | frozenset(_EN_MONTHS) | frozenset(_EN_WORDS)  # not names

_EN_RULES = [
    (r"ph", "f"),
    (r"gh", ""),
    (r"ck", "k"),
    (r"c(?=[eiy])", "s"),
    (r"g(?=[ei])", "j"),
    (r"dge", "j"),
    (r"sch", "s"),
    (r"ch", "c"),
    (r"sh", "s"),
    (r"th", "t"),
    (r"qu", "k"),
    (r"x", "ks"),
    (r"w", ""),
    (r"^h|h", ""),
    (r"ng", "n"),
    (r"r+(?![aeiouy])", ""),
]  # Korean and Japanese follow British "r"-dropping
_TGT_RULES = [(r"tsu", "t"), (r"hu", "f"), (r"ch", "c"), (r"sh", "s"), (r"ng", "n"), (r"h", "")]
_CLASS = str.maketrans(
    {
        "p": "P",
        "b": "P",
        "f": "P",
        "v": "P",
        "t": "T",
        "d": "T",
        "k": "K",
        "g": "K",
        "q": "K",
        "c": "S",
        "s": "S",
        "z": "S",
        "j": "S",
        "l": "R",
        "r": "R",
        "m": "N",
        "n": "N",
    }
)


def _skeleton(word: str, rules: list[tuple[str, str]], c_is_k: bool) -> str:
    word = word.lower()
    for pattern, repl in rules:
        word = re.sub(pattern, repl, word)
    if c_is_k:
        word = word.replace("c", "k")
    keyed = "".join(ch for ch in word.translate(_CLASS) if ch.isupper())
    return re.sub(r"(.)\1+", r"\1", keyed)


@lru_cache(maxsize=65536)
def english_key(word: str) -> str:
    # English "c" before a back vowel sounds k; "ch" was turned into "c" = s-class.
    word = re.sub(r"c(?![eiyh])", "k", word.lower())
    return _skeleton(word, _EN_RULES, c_is_k=False)


@lru_cache(maxsize=65536)
def target_key(word: str) -> str:
    return _skeleton(unidecode(word), _TGT_RULES, c_is_k=False)


def english_names(text: str) -> list[str]:
    """Skeletons of the capitalised words of an English sentence (likely names).

    (Lower-case loanwords, "helicopter" ~ ヘリコプター, were tried too: on NTREX
    they added more false matches than true ones.)"""
    out = []
    for word in _EN_CAPS.findall(text):
        if word.lower() in _COMMON:
            continue
        key = english_key(word)
        if len(key) >= 3:
            out.append(key)
    return out


def target_words(text: str, lang: str) -> list[str]:
    """Skeletons of the hangul words / katakana runs of a target sentence."""
    pattern = _HANGUL if lang == "ko" else _KATAKANA
    keys = (target_key(w) for w in pattern.findall(text))
    return [k for k in keys if len(k) >= 2]


@lru_cache(maxsize=262144)
def keys_match(name: str, word: str) -> bool:
    # The target word may carry a particle ("스터리지가"): compare with its start.
    head = word[: len(name) + 1]
    return SequenceMatcher(None, name, head, autojunk=False).ratio() >= 0.8


def matched_names(names: list[str], words: list[str]) -> int:
    """How many of the English names have a rendering among the target words."""
    return sum(1 for n in names if any(keys_match(n, w) for w in words))
