"""Translation memory: a segment already approved by a person for the same
target language is reused instead of calling the engine."""

from __future__ import annotations

import re
import unicodedata

import sqlite_utils


def stand_in_sql(table: str = "") -> str:
    """SQL true for a pair whose target a stand-in copy model made: its flags
    hold "stand_in" (set by the pipeline, removed when a person writes the
    target). ``table`` is the pairs table's alias, if any."""
    column = f"{table}.flags" if table else "flags"
    return f"({column} LIKE '%\"stand\\_in\"%' ESCAPE '\\')"

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2032": "'", "\u00b4": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


def memory_key(source: str) -> str:
    """The source as memory matches it: NFC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFC", source).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def lookup(db: sqlite_utils.Database, lang: str, sources: list[str]) -> dict[str, dict]:
    """Approved (or edited then approved) targets for any of ``sources``.

    A stand-in copy model's output is never reused, approved or not: it is
    no translation, and a memory pair would no longer carry its mark.

    Returns ``{memory_key: {"target", "pair_id"}}``; the newest approval wins.
    """
    keys = sorted({memory_key(source) for source in sources})
    found: dict[str, dict] = {}
    for start in range(0, len(keys), 500):  # stay under SQLite's variable limit
        chunk = keys[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.query(
            f"""SELECT source_key, target, id FROM pairs
                WHERE lang = ? AND status = 'approved' AND source_key IN ({marks})
                  AND target IS NOT NULL AND NOT {stand_in_sql()}
                ORDER BY updated_at, id""",
            [lang, *chunk],
        ):
            found[row["source_key"]] = {"target": row["target"], "pair_id": row["id"]}
    return found
