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


# Candidates fetched from the full-text index for one fuzzy look-up: enough
# that the best matches are among them, few enough to score in a millisecond.
FUZZY_CANDIDATES = 300
_WORDS = re.compile(r"\w{4,}", re.UNICODE)


def fuzzy_candidates(db: sqlite_utils.Database, lang: str, source: str,
                     exclude_id: int | None = None) -> list[dict]:
    """Approved, non-stand-in pairs of ``lang`` that share rare-looking words
    with ``source`` (its longest words, searched as trigram phrases in the
    source column), best full-text rank first. Scoring is the caller's."""
    words = sorted(set(_WORDS.findall(memory_key(source))), key=len, reverse=True)[:8]
    if not words:
        return []
    match = "source : (" + " OR ".join('"' + w.replace('"', '""') + '"' for w in words) + ")"
    return list(db.query(
        f"""SELECT p.id, p.source, p.target, p.article_id, p.updated_by, p.updated_at
            FROM pairs p WHERE p.id IN (
                SELECT rowid FROM pairs_fts WHERE pairs_fts MATCH ? ORDER BY rank LIMIT ?)
              AND p.lang = ? AND p.status = 'approved' AND p.target IS NOT NULL
              AND p.target != '' AND NOT {stand_in_sql('p')} AND p.id IS NOT ?""",
        [match, FUZZY_CANDIDATES, lang, exclude_id]))
