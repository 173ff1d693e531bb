"""JSON Lines: one JSON object a line, one pair an object, UTF-8.

Keys: id, article_id, url, title, lang, position, kind, state, origin,
source, target, flags, terms, bead, score, created_at, updated_at, reviewer.
Besides JSON's own escapes, U+0085, U+2028 and U+2029 are written as
``\\uXXXX`` so that no reader that splits lines on them breaks a record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from ..store.export import ExportRow
from .chunks import in_chunks

_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _list(stored: str | None) -> list[object]:
    # Most pairs have no flags or terms: skip the JSON parser for them.
    return [] if not stored or stored == "[]" else json.loads(stored)


def record(row: ExportRow) -> dict[str, object]:
    return {
        "id": row.id, "article_id": row.article_id, "url": row.url, "title": row.title,
        "lang": row.lang, "position": row.position, "kind": row.kind, "state": row.state,
        "origin": row.origin, "source": row.source, "target": row.target,
        "flags": _list(row.flags), "terms": _list(row.terms),
        "bead": row.bead, "score": row.score, "created_at": row.created_at,
        "updated_at": row.updated_at, "reviewer": row.reviewer,
    }


def jsonl_chunks(rows: Iterable[ExportRow]) -> Iterator[bytes]:
    dumps = json.JSONEncoder(ensure_ascii=False).encode

    def lines() -> Iterator[str]:
        for row in rows:
            line = dumps(record(row))
            if _LINE_BREAKS.search(line):  # rare; str.translate on every line costs ~90 µs
                line = _LINE_BREAKS.sub(lambda match: f"\\u{ord(match.group()):04x}", line)
            yield line + "\n"

    return in_chunks(lines())
