"""TMX 1.4b, written incrementally with lxml's ``xmlfile``.

One ``tu`` per pair: ``tuid`` is the pair id, ``creationdate``/``changedate``
its dates, ``changeid`` its reviewer; ``prop``s ``x-article``, ``x-url``,
``x-title``, ``x-kind``, ``x-state``, ``x-origin``, ``x-reviewer``; then the
English ``tuv`` and the Korean or Japanese one.

Characters XML 1.0 forbids even as references (C0 controls other than tab,
newline and carriage return; U+FFFE, U+FFFF; lone surrogates) are removed
from every text before it is written, so the file is always well-formed. How
many were removed is counted and said in a comment at the end of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from lxml import etree

from .query import ExportCounters, ExportRow

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
FLUSH_BYTES = 1 << 16


def clean(text: str, counters: ExportCounters) -> str:
    """``text`` without the characters XML 1.0 forbids; counts what went."""
    cleaned, removed = FORBIDDEN.subn("", text)
    if removed:
        counters.removed_chars += removed
        counters.touched_segments += 1
    return cleaned


def tmx_date(stamp: str | None) -> str | None:
    """``2024-10-26T01:02:03.456Z`` -> ``20241026T010203Z`` (TMX's form)."""
    if not stamp or len(stamp) < 19:
        return None
    return f"{stamp[0:4]}{stamp[5:7]}{stamp[8:10]}T{stamp[11:13]}{stamp[14:16]}{stamp[17:19]}Z"


class _Sink:
    """A write-only file that hands its bytes to the generator on demand."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> None:
        self.parts.append(data)
        self.size += len(data)

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def _tu(row: ExportRow, counters: ExportCounters) -> etree._Element:
    attrs = {"tuid": str(row.id)}
    created, changed = tmx_date(row.created_at), tmx_date(row.updated_at)
    if created:
        attrs["creationdate"] = created
    if changed:
        attrs["changedate"] = changed
    if row.reviewer:
        attrs["changeid"] = clean(row.reviewer, counters)
    tu = etree.Element("tu", attrs)
    props = [("x-article", str(row.article_id)), ("x-url", row.url), ("x-title", row.title),
             ("x-kind", row.kind), ("x-state", row.state), ("x-origin", row.origin),
             ("x-reviewer", row.reviewer)]
    for kind, value in props:
        if value:
            etree.SubElement(tu, "prop", type=kind).text = clean(value, counters)
    for lang, text in (("en", row.source), (row.lang, row.target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = clean(text, counters)
    return tu


def tmx_chunks(rows: Iterable[ExportRow], counters: ExportCounters, *,
               version: str) -> Iterator[bytes]:
    """The TMX document as byte chunks of about 64 KB; the header comes first,
    before any row is read."""
    sink = _Sink()
    with etree.xmlfile(sink, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            header = {
                "creationtool": "wirealign", "creationtoolversion": version,
                "segtype": "sentence", "o-tmf": "wirealign", "adminlang": "en",
                "srclang": "en", "datatype": "plaintext",
                "creationdate": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
            }
            xf.write("\n", etree.Element("header", header), "\n")
            with xf.element("body"):
                xf.flush()
                yield sink.take()
                for row in rows:
                    xf.write("\n", _tu(row, counters))
                    if sink.size >= FLUSH_BYTES:
                        xf.flush()
                        yield sink.take()
                xf.write("\n")
            xf.write("\n", etree.Comment(
                f" wirealign: {counters.pairs} pairs; {counters.duplicates} duplicates "
                f"dropped; {counters.removed_chars} characters XML 1.0 forbids removed "
                f"from {counters.touched_segments} texts "), "\n")
    yield sink.take() + b"\n"
