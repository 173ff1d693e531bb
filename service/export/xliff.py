"""XLIFF 1.2 for post-editing in a CAT tool, streamed out and read back in.

XLIFF 1.2 rather than 2.x: translate-toolkit (the reader CAT-side tools and our
tests use) reads, edits and writes 1.2 fully, its 2.x support is younger, and
most CAT tools still exchange 1.2.

One ``<file>`` per export (one target language), one ``trans-unit`` per pair:
``id`` is the pair id; ``<source>`` and ``<target>`` carry the texts, the
target's ``state`` the review state in XLIFF's words (``approved="yes"`` on
approved pairs); a ``context-group`` named ``wirealign`` carries the pair's
``x-version`` (what an import checks the pair against), ``x-state``,
``x-article`` and ``x-kind``; stand-in pairs (only when asked for) carry a
``<note from="wirealign">`` saying so and ``x-stand-in`` = ``yes``.

Characters XML 1.0 forbids are removed, as in TMX, and counted at the end.

:func:`read_units` parses an edited file with translate-toolkit and gives back
each unit's pair id, version and target; the store decides what to apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from ..store.export import ExportCounters, ExportRow
from ..store.pairs import ImportedTarget
from .chunks import in_chunks
from .tmx import FORBIDDEN, text

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
CONTEXT_GROUP = "wirealign"
# Review states in XLIFF 1.2's state-value list.
XLIFF_STATES = {
    "machine": "needs-review-translation",
    "needs_review": "needs-review-translation",
    "edited": "translated",
    "approved": "final",
    "rejected": "needs-translation",
}
STAND_IN_NOTE = ("STAND-IN: this target was made by a stand-in copy model that returns its "
                 "input; it is NOT a translation.")


def _clean(value: str, counters: ExportCounters) -> str:
    gone = len(FORBIDDEN.findall(value))
    if gone:
        counters.removed_chars += gone
        counters.touched_segments += 1
        value = FORBIDDEN.sub("", value)
    return text(value)


def trans_unit(row: ExportRow, counters: ExportCounters) -> str:
    """One ``trans-unit`` as text."""
    approved = ' approved="yes"' if row.state == "approved" else ""
    contexts = "".join(
        f'<context context-type="{kind}">{value}</context>'
        for kind, value in (("x-version", row.version), ("x-state", row.state),
                            ("x-article", row.article_id), ("x-kind", row.kind),
                            ("x-stand-in", "yes" if row.stand_in else "no")))
    note = f'<note from="wirealign">{STAND_IN_NOTE}</note>' if row.stand_in else ""
    # xml:space="preserve": readers must keep a segment's tabs, newlines and runs
    # of spaces (translate-toolkit collapses them otherwise).
    return (f'<trans-unit id="{row.id}" resname="article-{row.article_id}-{row.position}"'
            f' xml:space="preserve"{approved}>'
            f'<source xml:lang="en">{_clean(row.source, counters)}</source>'
            f'<target xml:lang="{row.lang}" state="{XLIFF_STATES.get(row.state, "new")}">'
            f'{_clean(row.target, counters)}</target>'
            f'<context-group name="{CONTEXT_GROUP}" purpose="information">{contexts}'
            f'</context-group>{note}</trans-unit>\n')


def xliff_chunks(rows: Iterable[ExportRow], lang: str, counters: ExportCounters, *,
                 version: str) -> Iterator[bytes]:
    """The XLIFF document as byte chunks; the header goes out before any row is read."""
    date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    yield (f'<?xml version="1.0" encoding="UTF-8"?>\n'
           f'<xliff version="1.2" xmlns="{NAMESPACE}">\n'
           f'<file original="wirealign" source-language="en" target-language="{lang}" '
           f'datatype="plaintext" date="{date}" tool-id="wirealign">\n'
           f'<header><tool tool-id="wirealign" tool-name="wirealign" '
           f'tool-version={quoteattr(version or "0")}/></header>\n<body>\n').encode()
    yield from in_chunks(trans_unit(row, counters) for row in rows)
    yield (f"</body>\n</file>\n<!-- wirealign: {counters.pairs} pairs; "
           f"{counters.removed_chars} characters XML 1.0 forbids removed from "
           f"{counters.touched_segments} texts -->\n</xliff>\n").encode()


# ------------------------------------------------------------------ reading


def as_exported(value: str) -> str:
    """A stored text as an XLIFF export carries it (without the characters XML
    1.0 forbids): what an import compares a unit's text with."""
    return FORBIDDEN.sub("", value)


class XliffError(ValueError):
    """A file that is not an XLIFF 1.2 export of this service (answered with 400)."""


@dataclass
class ImportFile:
    lang: str
    units: list[ImportedTarget] = field(default_factory=list)


def read_units(data: bytes) -> ImportFile:
    """The units of an edited XLIFF export, or an XliffError naming what is wrong
    (no DTD or entities are ever loaded)."""
    from translate.storage import xliff  # a heavy import, only needed here

    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in head:
        raise XliffError("the file declares a DTD or entities; an XLIFF export has none")
    try:
        store = xliff.xlifffile.parsestring(data)
    except Exception as error:  # lxml and translate-toolkit raise many kinds
        raise XliffError(f"not a readable XLIFF 1.2 file: {error}") from None
    langs = {lang for lang in [store.gettargetlanguage()] if lang}
    if len(langs) != 1:
        raise XliffError("the file names no target language (target-language on <file>)")
    found = ImportFile(lang=langs.pop())
    problems = []
    for unit in store.units:
        raw_id = unit.xmlelement.get("id") or ""
        contexts = dict(pair for group in unit.getcontextgroups(CONTEXT_GROUP)
                        for pair in group)
        if not raw_id.isdigit() or not str(contexts.get("x-version", "")).isdigit():
            problems.append(raw_id or "(a unit without an id)")
            continue
        found.units.append(ImportedTarget(int(raw_id), int(contexts["x-version"]),
                                      str(unit.source or ""), str(unit.target or "")))
    if problems:
        shown = ", ".join(problems[:10])
        raise XliffError(f"{len(problems)} unit(s) lack a pair id or the wirealign version "
                         f"context this service exported: {shown}")
    return found
