"""Counts of stored pairs by language, state, origin and kind (``GET /api/stats``)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlite_utils

DIMENSIONS = ("state", "origin", "kind")


def corpus_stats(db: sqlite_utils.Database) -> dict[str, Any]:
    """One GROUP BY over the pairs, folded in Python (at most a few hundred groups).

    The query names only lang, status, origin and kind so that an index on
    those four columns, where there is one, answers it without reading a row
    (0.1 s instead of 2-3 s at a million pairs).
    """
    totals: dict[str, Counter[str]] = {name: Counter() for name in ("lang", *DIMENSIONS)}
    per_lang: dict[str, dict[str, Counter[str]]] = {}
    rows = db.execute("SELECT lang, status, origin, kind, count(*) FROM pairs "
                      "GROUP BY lang, status, origin, kind").fetchall()
    for lang, state, origin, kind, count in rows:
        totals["lang"][lang] += count
        mine = per_lang.setdefault(lang, {name: Counter() for name in DIMENSIONS})
        for name, value in zip(DIMENSIONS, (state, origin, kind), strict=True):
            totals[name][value] += count
            mine[name][value] += count
    articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {
        "articles": articles,
        "pairs": sum(totals["lang"].values()),
        **{f"by_{name}": dict(sorted(counter.items())) for name, counter in totals.items()},
        "langs": {
            lang: {"pairs": sum(counts["state"].values()),
                   **{f"by_{name}": dict(sorted(counter.items()))
                      for name, counter in counts.items()}}
            for lang, counts in sorted(per_lang.items())
        },
    }
