"""Filters over pairs, parsed in one place for every caller: ``GET /api/pairs``,
the review queue, bulk actions, ``GET /api/export``, ``wirealign export`` and
``GET /api/stats``. Each caller names the fields it takes; values are checked
here and handed to the store as plain values (tuples, ints, timestamps).

Unknown names are refused, so a typo never silently widens the set. Lists are
comma-separated (repeated keys are joined by the caller). The plural spellings
the export used (``states``, ``kinds``, ``articles``) mean the same as the
singular ones.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..constants import MAX_SQLITE_INT, ORIGINS, STATES, TARGET_LANGS
from ..segment.types import KINDS
from ..store import timestamp
from ..store.export import ExportFilter
from ..store.pairs import DEFAULT_LIMIT, MAX_LIMIT, PairQuery

# Export filters take at most this many article ids (each is one SQL parameter).
MAX_ARTICLES = 1000
ALIASES = {"states": "state", "kinds": "kind", "articles": "article", "origins": "origin"}
PAIR_FIELDS = ("lang", "state", "flag", "article", "kind", "changed_since", "changed_by",
               "origin", "q")
EXPORT_FIELDS = ("lang", "state", "kind", "article", "origin", "since", "until", "dedupe")
STATS_FIELDS = ("lang", "state", "kind", "article", "origin")


class FilterError(ValueError):
    """A filter value the client got wrong; the message names it (answered with 400)."""


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _choices(allowed: tuple[str, ...]) -> Callable[[str, str], tuple[str, ...]]:
    def parse(name: str, value: str) -> tuple[str, ...]:
        items = _items(value)
        wrong = [item for item in items if item not in allowed]
        if wrong:
            raise FilterError(f"{name} must be among {', '.join(allowed)}; got "
                              f"{', '.join(map(repr, wrong))}")
        return tuple(dict.fromkeys(items))

    return parse


def whole_number(name: str, value: str, low: int, high: int = MAX_SQLITE_INT) -> int:
    """``value`` as an int in [low, high], or a FilterError naming ``name``."""
    try:
        number = int(value)
    except ValueError:
        raise FilterError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise FilterError(f"{name} {value!r} is not between {low} and {high}")
    return number


def _article_ids(name: str, value: str) -> tuple[int, ...]:
    ids = tuple(dict.fromkeys(whole_number(name, item, 1) for item in _items(value)))
    if len(ids) > MAX_ARTICLES:
        raise FilterError(f"at most {MAX_ARTICLES} article ids at a time, not {len(ids)}")
    return ids


def moment(name: str, value: str, *, end: bool = False) -> str:
    """A date or date-time bound in the store's timestamp form. A bare date as an
    end means the whole of that day (UTC); a time without a zone is UTC."""
    text = value.strip()
    if "T" in text and " " in text:  # "...T12:30+09:00" whose + a query string made a space
        text = text.replace(" ", "+")
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if end else 0)
            return timestamp(datetime(day.year, day.month, day.day, tzinfo=UTC))
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        if end:  # until a date-time: that moment itself is included
            parsed += timedelta(microseconds=1)
        return timestamp(parsed)
    except (ValueError, OverflowError):  # OverflowError: past year 9999 after a shift
        raise FilterError(f"{name} {value!r} is not a date (YYYY-MM-DD) or an ISO 8601 "
                          "date-time between years 1 and 9999") from None


def yes_no(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise FilterError(f"{name} {value!r} is not a yes/no value (1/0, true/false)")


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(name: str, cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, number = raw.partition(":")
        if prefix != "after" or not 0 <= int(number) <= MAX_SQLITE_INT:
            raise ValueError(raw)
        return int(number)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise FilterError(f"{name} is not one this API gave out") from None


def _text(_name: str, value: str) -> str | None:
    return value.strip() or None


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "lang": _choices(TARGET_LANGS),
    "state": _choices(STATES),
    "kind": _choices(KINDS),
    "origin": _choices(ORIGINS),
    "article": _article_ids,
    "flag": _text,
    "q": _text,
    "changed_by": _text,
    "changed_since": moment,
    "since": moment,
    "until": lambda name, value: moment(name, value, end=True),
    "dedupe": yes_no,
    "cursor": decode_cursor,
    "limit": lambda name, value: whole_number(name, value, 1, MAX_LIMIT),
    "before": lambda name, value: whole_number(name, value, 1),
}


def parse_filters(args: Mapping[str, str | None], fields: Iterable[str],
                  extra: Iterable[str] = ()) -> dict[str, Any]:
    """The named ``fields`` of ``args``, checked; ``extra`` names are the caller's own
    (left for it to read). Empty values count as absent."""
    fields = tuple(fields)
    known = set(fields) | set(extra) | {"api_key"}
    values: dict[str, Any] = {}
    for raw_name, raw in args.items():
        if raw is not None and "\x00" in raw:
            raise FilterError("parameters may not contain NUL characters")
        name = ALIASES.get(raw_name, raw_name)
        if name not in known:
            shown = ", ".join(f for f in fields if f not in ("cursor", "limit"))
            raise FilterError(f"unknown parameter {raw_name!r}; filters are {shown}"
                              + (", cursor, limit" if "cursor" in fields else ""))
        if name in _PARSERS and name in fields and raw not in (None, ""):
            values[name] = _PARSERS[name](raw_name, raw)
    return values


def pair_query(args: Mapping[str, str | None], extra: Iterable[str] = ()) -> PairQuery:
    """``GET /api/pairs`` and the review queue: filters, a cursor and a page size."""
    got = parse_filters(args, (*PAIR_FIELDS, "cursor", "limit"), extra)
    return PairQuery(
        langs=list(got.get("lang", ())), states=list(got.get("state", ())),
        flag=got.get("flag"), articles=list(got.get("article", ())),
        kinds=list(got.get("kind", ())), changed_since=got.get("changed_since"),
        changed_by=got.get("changed_by"), origins=list(got.get("origin", ())),
        q=got.get("q"), after=got.get("cursor"), limit=got.get("limit", DEFAULT_LIMIT))


def export_filter(args: Mapping[str, str | None], extra: Iterable[str] = ()) -> ExportFilter:
    """``GET /api/export`` and ``wirealign export``."""
    got = parse_filters(args, EXPORT_FIELDS, extra)
    langs = got.get("lang", ())
    defaults = ExportFilter()
    result = ExportFilter(
        lang=langs[0] if len(langs) == 1 else None,
        states=got.get("state") or defaults.states,
        kinds=got.get("kind") or defaults.kinds,
        articles=got.get("article", ()),
        origins=got.get("origin", ()),
        since=got.get("since"), until=got.get("until"),
        dedupe=got.get("dedupe", False))
    if result.since and result.until and result.since >= result.until:
        raise FilterError(f"since {args.get('since')!r} is not before until "
                          f"{args.get('until')!r}")
    return result


def stats_query(args: Mapping[str, str | None]) -> PairQuery:
    """``GET /api/stats``: which pairs to count (all of them when no filter is given)."""
    got = parse_filters(args, STATS_FIELDS)
    return PairQuery(langs=list(got.get("lang", ())), states=list(got.get("state", STATES)),
                     kinds=list(got.get("kind", ())), articles=list(got.get("article", ())),
                     origins=list(got.get("origin", ())))
