"""What the candidates page shows: open glossary candidates, best first, each
with the pairs it came from and, when the other language has a candidate for
the same English, that rendering as the suggested second half of the entry."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from ..constants import TARGET_LANGS
from ..store.candidates import evidence_pairs, list_candidates

SHOWN = 100
SHOWN_EVIDENCE = 3


def candidates_view(db: sqlite_utils.Database, lang: str | None) -> dict[str, Any]:
    lang = lang if lang in TARGET_LANGS else None
    rows = list_candidates(db, lang=lang, state="open", limit=SHOWN)
    everything = list_candidates(db, state="open", limit=10 * SHOWN)
    by_english: dict[tuple[str, str], str] = {}
    for row in everything:
        by_english.setdefault((row["lang"], row["en"].casefold()), row["target"])
    for row in rows:
        other = "ja" if row["lang"] == "ko" else "ko"
        row["other_lang"] = other
        row["other_suggestion"] = by_english.get((other, row["en"].casefold()), "")
        row["evidence_pairs"] = evidence_pairs(db, row["evidence"][:SHOWN_EVIDENCE])
    return {"candidates": rows, "lang": lang or "", "langs": TARGET_LANGS}
