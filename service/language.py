"""Is this text English? Script counts first (Hangul, kana and Han are
unmistakable), then langdetect for Latin-script text long enough to judge."""

from __future__ import annotations

import re
import unicodedata

from langdetect import DetectorFactory, LangDetectException, detect_langs
from langdetect.detector_factory import init_factory

# langdetect samples at random; a fixed seed makes the same text always give
# the same answer.
DetectorFactory.seed = 0
# langdetect loads its language profiles on first use, without a lock: threads
# that arrive together on a cold process got wrong answers ("pl", "no letters").
# Load them once, now, while imports run in one thread.
init_factory()

# Below this many letters langdetect guesses (a headline like "Kim meets Putin"
# is often called Dutch or Finnish), so short Latin text is taken as English.
MIN_LETTERS_TO_JUDGE = 40
# langdetect must be this sure of another language before we refuse the text.
REFUSE_CONFIDENCE = 0.90


# langdetect runs seven random trials over the text's n-grams: about 3.6 ms a
# call on a two-sentence article, a quarter of the service's own CPU per
# short article. Text in which English function words that other Latin-script
# languages do not write are frequent is English whatever langdetect would
# say, so the check that gates translation takes it without the trials. On
# real news pages in 14 other languages (tests/data/languages/) none of these
# words occurs at all; tests/test_language.py holds both sides to that.
_ENGLISH_ONLY_WORDS = frozenset({
    "the", "and", "that", "with", "which", "were", "their", "this", "from", "have", "been",
    "would", "they", "his", "had", "its", "than", "about", "who", "not", "but",
})
_WORDS = re.compile(r"\w+")
MIN_ENGLISH_WORDS = 3
MIN_ENGLISH_SHARE = 0.05


def plainly_english(text: str) -> bool:
    """True when English-only function words are frequent enough that no
    language detector is needed to call the text English."""
    words = _WORDS.findall(text.lower())
    hits = sum(1 for word in words if word in _ENGLISH_ONLY_WORDS)
    return hits >= MIN_ENGLISH_WORDS and hits >= MIN_ENGLISH_SHARE * len(words)


# ASCII letters are counted in one pass of C code and only the other
# characters are named one by one: wire copy is nearly all ASCII, and naming
# every character cost about 1 ms per 2,000 characters (a sixth of the check).
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _script_counts(text: str) -> dict[str, int]:
    counts = {"hangul": 0, "kana": 0, "han": 0, "latin": 0, "other": 0}
    counts["latin"] = len(_ASCII_LETTERS.findall(text))
    for char in _NON_ASCII.findall(text):
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("HANGUL"):
            counts["hangul"] += 1
        elif name.startswith(("HIRAGANA", "KATAKANA")):
            counts["kana"] += 1
        elif name.startswith("CJK"):
            counts["han"] += 1
        elif "LATIN" in name:
            counts["latin"] += 1
        else:
            counts["other"] += 1
    return counts


def detect(text: str, quick: bool = False) -> tuple[str, float]:
    """Best guess of the text's language as ``(code, confidence)``.

    ``quick`` takes plainly English Latin text as English without asking
    langdetect (its confidence is then reported as 1.0).
    """
    counts = _script_counts(text)
    letters = sum(counts.values())
    if letters == 0:
        return "und", 0.0
    if counts["hangul"] / letters > 0.3:
        return "ko", counts["hangul"] / letters
    if counts["kana"] / letters > 0.1:
        return "ja", (counts["kana"] + counts["han"]) / letters
    if counts["han"] / letters > 0.3:
        return "zh", counts["han"] / letters
    if counts["latin"] < MIN_LETTERS_TO_JUDGE:
        return ("en", 0.5) if counts["latin"] / letters > 0.7 else ("und", 0.0)
    if quick and plainly_english(text):
        return "en", 1.0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return "und", 0.0
    code = best.lang.split("-")[0]
    return code, round(best.prob, 4)


def english_or_reason(text: str) -> str | None:
    """None when the text can be taken as English, else why not."""
    code, confidence = detect(text, quick=True)
    if code == "en":
        return None
    if code == "und":
        return "the text has no letters to translate" if confidence == 0.0 else None
    if code in ("ko", "ja", "zh") or confidence >= REFUSE_CONFIDENCE:
        return f"the text is not English: detected {code!r} (confidence {confidence:.2f})"
    return None
