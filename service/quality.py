"""Checks on one machine-translated pair; each failure is a flag that sends the
pair to review with its reason."""

from __future__ import annotations

import re

# Characters of Korean/Japanese text per English character, as seen in
# professional news translations (NTREX-128: ko ~0.45, ja ~0.50). Outside this
# window a sentence was probably dropped, repeated or left untranslated.
_RATIO_WINDOW = {"ko": (0.15, 1.2), "ja": (0.15, 1.3)}
# Runs of 3+ English words in a Korean/Japanese target were not translated
# (names and acronyms are single words or glossary terms).
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[\s,'-]+[A-Za-z]+){2,}")
_MIN_CHARS_FOR_RATIO = 20


def pair_flags(source: str, target: str, lang: str, *, stand_in: bool = False) -> list[str]:
    """Reasons this pair needs a person, in a stable order."""
    if not target.strip():
        return ["stand_in", "empty_output"] if stand_in else ["empty_output"]
    # A stand-in copy model returns English by design: the pair carries the
    # stand_in flag, and a length check against a copy (ratio about 1; glossary
    # renderings shorten it) still catches
    # output cut short; the other checks would only restate "not translated".
    flags = ["stand_in"] if stand_in else []
    window = (0.25, 4.0) if stand_in else _RATIO_WINDOW.get(lang, (0.1, 2.0))
    if len(source) >= _MIN_CHARS_FOR_RATIO:
        low, high = window
        ratio = len(target) / len(source)
        if not low <= ratio <= high:
            flags.append("length_ratio")
    if not stand_in and _ENGLISH_RUN.search(target):
        flags.append("untranslated_english")
    return flags


def status_for(flags: list[str]) -> str:
    """``machine`` for clean output, ``needs_review`` when a check failed."""
    serious = [flag for flag in flags if flag != "stand_in"]
    return "needs_review" if serious else "machine"
