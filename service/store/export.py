"""Which pairs an export contains, read from the store one batch at a time.

``service.api.filters`` builds the :class:`ExportFilter` from ``GET
/api/export``'s query string or ``wirealign export``'s options. Rows come from
ONE SQLite statement read with ``fetchmany``, so an export sees one consistent
snapshot and memory does not grow with the corpus.

A pair is exported only when both sides have text: pairs without a target
(``source_only`` credits, 1-0 beads) or without a source (0-1 beads) are not
corpus material whatever the filters say.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import sqlite_utils

DEFAULT_STATES = ("approved", "edited")
DEFAULT_KINDS = ("title", "body")

BATCH = 2000  # rows per fetchmany: big enough to be fast, small enough to stay flat


class ExportRow(NamedTuple):
    """One exported pair with what a reader of the corpus needs to know about it."""

    id: int
    article_id: int
    lang: str
    position: int
    kind: str
    source: str
    target: str
    state: str
    flags: str  # JSON text, as stored
    terms: str  # JSON text, as stored
    origin: str
    bead: str | None
    score: float | None
    created_at: str
    updated_at: str
    reviewer: str | None
    url: str | None
    title: str | None


_COLUMNS = """p.id, p.article_id, p.lang, p.position, p.kind, p.source, p.target, p.status,
    p.flags, p.terms, p.origin, p.bead, p.score, p.created_at, p.updated_at, p.updated_by,
    a.url, a.title"""


@dataclass
class ExportFilter:
    """What to export. ``lang`` None means both target languages."""

    lang: str | None = None
    states: tuple[str, ...] = DEFAULT_STATES
    kinds: tuple[str, ...] = DEFAULT_KINDS
    articles: tuple[int, ...] = ()
    origins: tuple[str, ...] = ()
    since: str | None = None  # stored-timestamp form, inclusive
    until: str | None = None  # stored-timestamp form, exclusive
    dedupe: bool = False


@dataclass
class ExportCounters:
    """What happened during one export, for the CLI and the file trailers."""

    pairs: int = 0
    duplicates: int = 0
    removed_chars: int = 0  # characters XML 1.0 forbids, stripped from TMX
    touched_segments: int = 0  # segments that lost at least one such character


def _where(flt: ExportFilter, *, in_id_order: bool = False) -> tuple[str, list[object]]:
    # In id order, a unary + keeps the planner off the (lang, status) and
    # updated_at indexes: through them it would sort every match in a temporary
    # b-tree before the first row came out; a walk of the table in id order
    # starts at once. Only article_id, a small set, stays usable through its index.
    plus = "+" if in_id_order else ""
    clauses = ["p.source IS NOT NULL", "p.source != ''",
               "p.target IS NOT NULL", "p.target != ''"]
    params: list[object] = []

    def among(column: str, values: tuple[object, ...]) -> None:
        clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
        params.extend(values)

    if flt.lang:
        clauses.append(f"{plus}p.lang = ?")
        params.append(flt.lang)
    among(f"{plus}p.status", flt.states)
    among(f"{plus}p.kind", flt.kinds)
    if flt.articles:
        among("p.article_id", flt.articles)
    if flt.origins:
        among(f"{plus}p.origin", flt.origins)
    if flt.since:
        clauses.append(f"{plus}p.updated_at >= ?")
        params.append(flt.since)
    if flt.until:
        clauses.append(f"{plus}p.updated_at < ?")
        params.append(flt.until)
    return " AND ".join(clauses), params


def count_pairs(db: sqlite_utils.Database, flt: ExportFilter) -> int:
    """How many pairs match (before dedupe): the CLI's progress total."""
    where, params = _where(flt)
    return db.execute(f"SELECT count(*) FROM pairs p WHERE {where}", params).fetchone()[0]


def export_sql(flt: ExportFilter) -> tuple[str, list[object]]:
    """The one SELECT an export reads, and its parameters."""
    where, params = _where(flt, in_id_order=True)
    return (f"SELECT {_COLUMNS} FROM pairs p JOIN articles a ON a.id = p.article_id "
            f"WHERE {where} ORDER BY p.id"), params


def iter_pairs(db: sqlite_utils.Database, flt: ExportFilter,
               counters: ExportCounters | None = None) -> Iterator[ExportRow]:
    """The matching pairs in id order (stable), ``BATCH`` rows at a time.

    With ``flt.dedupe`` a pair whose (lang, source, target) was already seen is
    dropped; the first one is kept. Only a 64-bit hash of each pair is kept,
    so memory grows by about 60 bytes per distinct pair (60 MB for a million),
    and a hash collision -- about one chance in 30 million at a million pairs
    -- would drop a pair that is not a duplicate.
    """
    counters = counters if counters is not None else ExportCounters()
    sql, params = export_sql(flt)
    cursor = db.conn.execute(sql, params)
    seen: set[int] = set()
    make = ExportRow._make
    try:
        while batch := cursor.fetchmany(BATCH):
            for values in batch:
                if flt.dedupe:
                    key = hash((values[2], values[5], values[6]))
                    if key in seen:
                        counters.duplicates += 1
                        continue
                    seen.add(key)
                counters.pairs += 1
                yield make(values)
    finally:
        cursor.close()
