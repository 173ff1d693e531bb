"""Common English words: a tolerant (case-blind) glossary entry for one would
rewrite ordinary text in every later translation ("The" -> anything), so such
an entry is refused whoever sends it.

A form is common when all its words are English stop words (scikit-learn's
list) or when it is one word used at least once per 10,000 words of English
(wordfreq's Zipf scale >= 5). Forms without a lower-case letter ("US",
"NATO") always match case-sensitively, so they are never common here.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

# Zipf 5.0 = 10 per 100,000 words: "state", "house", "president", "park",
# "China", "Washington"... Such a name must be an exact-case entry.
COMMON_ZIPF = 5.0
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (318). The list's module is loaded on
    its own: importing the sklearn package costs seconds of CPU."""
    spec = importlib.util.find_spec("sklearn")
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
        module_spec = importlib.util.spec_from_file_location("_sklearn_stop_words", path)
        if path.exists() and module_spec and module_spec.loader:
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
            return frozenset(module.ENGLISH_STOP_WORDS)
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def word_zipf(word: str) -> float:
    """How common an English word is: log10 of uses per billion words."""
    from wordfreq import zipf_frequency  # loads its tables on first use

    return zipf_frequency(word, "en")


def common_reason(form: str) -> str | None:
    """Why a case-blind entry for ``form`` would hit ordinary English, or None."""
    if not any(ch.islower() for ch in form):
        return None
    words = [w.casefold() for w in _WORD.findall(form)]
    if not words:
        return None
    if all(w in stop_words() for w in words):
        return f"{form!r} is made of English stop words"
    if len(words) == 1:
        zipf = word_zipf(words[0])
        if zipf >= COMMON_ZIPF:
            return (f"{form!r} is a common English word (Zipf frequency {zipf:.1f} >= "
                    f"{COMMON_ZIPF})")
    return None
