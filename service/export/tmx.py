"""TMX 1.4b, streamed.

One ``tu`` per pair: ``tuid`` is the pair id, ``creationdate``/``changedate``
its dates, ``changeid`` its reviewer; ``prop``s ``x-article``, ``x-url``,
``x-title``, ``x-kind``, ``x-state``, ``x-origin``, ``x-reviewer``; then the
English ``tuv`` and the Korean or Japanese one.

Characters XML 1.0 forbids even as references (C0 controls other than tab,
newline and carriage return; U+FFFE, U+FFFF; lone surrogates) are removed
from every text before it is written, so the file is always well-formed. How
many were removed is counted and said in a comment at the end of the file.

Why not lxml's ``xmlfile`` throughout: building a ``tu`` as lxml elements
costs about 27 µs (12 elements), which held TMX export to ~16,000 pairs/s,
under the 50,000 goal. A ``tu`` always has the same shape, so each is filled
into a fixed template with every value escaped by the standard library's
``xml.sax.saxutils`` (``escape``/``quoteattr``); tests read the result back
with lxml and translate-toolkit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from ..store.export import ExportCounters, ExportRow
from .chunks import in_chunks

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Escaping is needed only when one of these is present; checking first is faster.
_SPECIAL = re.compile("[&<>\r]")
# A raw CR in text would come back as LF (XML end-of-line handling): keep it as a reference.
_TEXT_ENTITIES = {"\r": "&#13;"}


def _strip(value: str) -> tuple[str, int]:
    """``value`` without the characters XML 1.0 forbids, and how many went."""
    return FORBIDDEN.subn("", value) if FORBIDDEN.search(value) else (value, 0)


def text(value: str) -> str:
    """Character data for an element's content."""
    return escape(value, _TEXT_ENTITIES) if _SPECIAL.search(value) else value


def tmx_date(stamp: str | None) -> str | None:
    """``2024-10-26T01:02:03.456Z`` -> ``20241026T010203Z`` (TMX's form)."""
    if not stamp or len(stamp) < 19:
        return None
    return f"{stamp[0:4]}{stamp[5:7]}{stamp[8:10]}T{stamp[11:13]}{stamp[14:16]}{stamp[17:19]}Z"


# An article's URL and title, and a reviewer's name, repeat on many pairs in a
# row: their markup is made once (with what was stripped) and reused.
@lru_cache(maxsize=1024)
def _article_props(url: str | None, title: str | None) -> tuple[str, int, int]:
    markup, removed, touched = [], 0, 0
    for kind, value in (("x-url", url), ("x-title", title)):
        if value:
            value, gone = _strip(value)
            removed, touched = removed + gone, touched + (gone > 0)
            markup.append(f'<prop type="{kind}">{text(value)}</prop>')
    return "".join(markup), removed, touched


@lru_cache(maxsize=1024)
def _reviewer(name: str | None) -> tuple[str, str, int]:
    if not name:
        return "", "", 0
    name, gone = _strip(name)
    return (f" changeid={quoteattr(name)}", f'<prop type="x-reviewer">{text(name)}</prop>',
            gone)


def tu(row: ExportRow, counters: ExportCounters) -> str:
    """One ``tu`` element as text, on one line (a segment's own newlines aside)."""
    source, target = row.source, row.target
    if FORBIDDEN.search(source) or FORBIDDEN.search(target):
        for value in (source, target):
            gone = len(FORBIDDEN.findall(value))
            counters.removed_chars += gone
            counters.touched_segments += gone > 0
        source, target = FORBIDDEN.sub("", source), FORBIDDEN.sub("", target)
    article, removed, touched = _article_props(row.url, row.title)
    changeid, reviewer, gone = _reviewer(row.reviewer)
    if removed or gone:
        # The reviewer's name is written twice: as changeid and as a prop.
        counters.removed_chars += removed + 2 * gone
        counters.touched_segments += touched + (2 if gone else 0)
    created, changed = tmx_date(row.created_at), tmx_date(row.updated_at)
    dates = (f' creationdate="{created}"' if created else "") + (
        f' changedate="{changed}"' if changed else "")
    # kind, state, origin and lang are among the filter's known values: plain words.
    return (f'<tu tuid="{row.id}"{dates}{changeid}><prop type="x-article">{row.article_id}'
            f'</prop>{article}<prop type="x-kind">{row.kind}</prop>'
            f'<prop type="x-state">{row.state}</prop><prop type="x-origin">{row.origin}</prop>'
            f'{reviewer}<tuv xml:lang="en"><seg>{text(source)}</seg></tuv>'
            f'<tuv xml:lang="{row.lang}"><seg>{text(target)}</seg></tuv></tu>\n')


def header(version: str) -> str:
    attributes = {
        "creationtool": "wirealign", "creationtoolversion": version, "segtype": "sentence",
        "o-tmf": "wirealign", "adminlang": "en", "srclang": "en", "datatype": "plaintext",
        "creationdate": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
    }
    pairs = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items())
    return (f"<?xml version='1.0' encoding='UTF-8'?>\n<tmx version=\"1.4\">\n"
            f"<header {pairs}/>\n<body>\n")


def tmx_chunks(rows: Iterable[ExportRow], counters: ExportCounters, *,
               version: str) -> Iterator[bytes]:
    """The TMX document as byte chunks of about 64 KB; the header comes first,
    before any row is read."""
    yield header(version).encode("utf-8")
    yield from in_chunks(tu(row, counters) for row in rows)
    yield (f"</body>\n<!-- wirealign: {counters.pairs} pairs; {counters.duplicates} duplicates "
           f"dropped; {counters.removed_chars} characters XML 1.0 forbids removed from "
           f"{counters.touched_segments} texts -->\n</tmx>\n").encode()
