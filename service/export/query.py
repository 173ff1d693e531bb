"""Which pairs an export contains, read from the store one batch at a time.

The filters mirror ``GET /api/export``'s query string and ``wirealign export``'s
options. Rows come from ONE SQLite statement read with ``fetchmany``, so an
export sees one consistent snapshot and memory does not grow with the corpus.

A pair is exported only when both sides have text: pairs without a target
(``source_only`` credits, 1-0 beads) or without a source (0-1 beads) are not
corpus material whatever the filters say.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

import sqlite_utils

from ..segment.types import KINDS
from ..store.pairs import ORIGINS, STATES

LANGS = ("ko", "ja")
DEFAULT_STATES = ("approved", "edited")
DEFAULT_KINDS = ("title", "body")

MAX_ARTICLES = 1000  # each id is one SQL parameter; SQLite allows 32,766
BATCH = 2000  # rows per fetchmany: big enough to be fast, small enough to stay flat


class FilterError(ValueError):
    """A filter value the export does not understand; the message names it."""


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


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _choices(name: str, value: str | None, allowed: tuple[str, ...],
             default: tuple[str, ...]) -> tuple[str, ...]:
    parts = _split(value)
    if not parts:
        return default
    bad = [part for part in parts if part not in allowed]
    if bad:
        raise FilterError(f"unknown {name} {', '.join(map(repr, bad))}; "
                          f"choose from {', '.join(allowed)}")
    return tuple(dict.fromkeys(parts))


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_moment(name: str, value: str, *, end: bool) -> str:
    """A date or date-time bound in the store's timestamp form.

    A bare date as ``until`` means the whole of that day (UTC); a date-time
    without a zone is taken as UTC.
    """
    text = value.strip()
    if "T" in text and " " in text:  # "...T12:30+09:00" whose + a query string made a space
        text = text.replace(" ", "+")
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            if end:
                day += timedelta(days=1)
            return _stamp(datetime(day.year, day.month, day.day, tzinfo=UTC))
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if end:  # until a date-time: that moment itself is included
            moment += timedelta(microseconds=1)
        return _stamp(moment)
    except (ValueError, OverflowError):  # OverflowError: past year 9999 after a shift
        raise FilterError(f"{name} {value!r} is not a date (YYYY-MM-DD) or an ISO 8601 "
                          "date-time between years 1 and 9999") from None


def _flag(name: str, value: str | None) -> bool:
    text = (value or "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise FilterError(f"{name} {value!r} is not a yes/no value (1/0, true/false)")


MAX_ID = 2**63 - 1  # SQLite's largest integer


def parse_filter(params: Mapping[str, str | None]) -> ExportFilter:
    """Build a filter from query-string style values (comma-separated lists).

    Keys: lang, states, kinds, articles, origin, since, until, dedupe. Raises
    :class:`FilterError` naming the first bad value.
    """
    lang = (params.get("lang") or "").strip() or None
    if lang is not None and lang not in LANGS:
        raise FilterError(f"unknown lang {lang!r}; choose from {', '.join(LANGS)}")
    articles = []
    for part in _split(params.get("articles")):
        if not (part.isascii() and part.isdigit()) or int(part) > MAX_ID:
            raise FilterError(f"article id {part!r} is not a number from 0 to {MAX_ID}")
        articles.append(int(part))
    if len(articles) > MAX_ARTICLES:
        raise FilterError(f"at most {MAX_ARTICLES} article ids at a time, not {len(articles)}")
    since = params.get("since") or None
    until = params.get("until") or None
    result = ExportFilter(
        lang=lang,
        states=_choices("state", params.get("states"), STATES, DEFAULT_STATES),
        kinds=_choices("kind", params.get("kinds"), KINDS, DEFAULT_KINDS),
        articles=tuple(dict.fromkeys(articles)),
        origins=_choices("origin", params.get("origin"), ORIGINS, ()),
        since=parse_moment("since", since, end=False) if since else None,
        until=parse_moment("until", until, end=True) if until else None,
        dedupe=_flag("dedupe", params.get("dedupe")),
    )
    if result.since and result.until and result.since >= result.until:
        raise FilterError(f"since {since!r} is not before until {until!r}")
    return result


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
