"""TSV: a header row of column names, then one pair a line, UTF-8.

Columns: id, article_id, lang, kind, state, origin, reviewer, updated_at, url,
source, target. Within a field a backslash is written ``\\\\``, a tab ``\\t``,
a newline ``\\n`` and a carriage return ``\\r``; nothing else is changed, so a
line never holds a raw tab or line break inside a field. Read it with
``csv.reader(f, delimiter="\\t", quoting=csv.QUOTE_NONE)`` (file opened with
``newline=""``) and pass each field through :func:`unescape_field`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..store.export import ExportRow
from .chunks import in_chunks

COLUMNS = ("id", "article_id", "lang", "kind", "state", "origin", "reviewer", "updated_at",
           "url", "source", "target")
_SPECIAL = re.compile("[\\\\\t\n\r]")
_UNESCAPES = {"\\\\": "\\", "\\t": "\t", "\\n": "\n", "\\r": "\r"}
_ESCAPED = re.compile(r"\\[\\tnr]")


def escape_field(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    if not _SPECIAL.search(text):  # the common case; str.translate is slow on non-ASCII
        return text
    # Backslash first, so the backslashes of the other escapes are not doubled.
    return (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def unescape_field(value: str) -> str:
    """The inverse of the escaping above (a lone backslash is left as it is)."""
    return _ESCAPED.sub(lambda match: _UNESCAPES[match.group()], value)


def tsv_chunks(rows: Iterable[ExportRow]) -> Iterator[bytes]:
    yield ("\t".join(COLUMNS) + "\n").encode("utf-8")
    yield from in_chunks(
        "\t".join((str(row.id), str(row.article_id), row.lang, row.kind, row.state, row.origin,
                   escape_field(row.reviewer), row.updated_at, escape_field(row.url),
                   escape_field(row.source), escape_field(row.target))) + "\n"
        for row in rows)
