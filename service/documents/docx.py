"""Word documents (.docx) translated with python-docx, structure kept: every
paragraph of the body, of table cells (nested tables too), headers and
footers keeps its style, and its runs keep their formatting.

A paragraph is translated whole (a run is often half a word). Where runs
meet, a Private Use Area marker goes to the engine, which copies it back beside
the words it stood next to (``replace_unknowns``, as for HTML inline tags);
the text between markers goes back into the runs in order. When the engine
loses or reorders markers, the whole translation goes into the first run and
the others are emptied: all text, the paragraph's style and the first run's
formatting kept. All paragraphs go to the engine in ONE batch.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph

from . import TranslateBatch

_MARKER_BASE = 0xE800


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    yield from container.paragraphs
    for table in getattr(container, "tables", []):
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell appears once per column it spans
                    continue
                seen.add(id(cell._tc))
                yield from _paragraphs(cell)


def _all_paragraphs(document: Document) -> list[Paragraph]:
    found = list(_paragraphs(document))
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                found.extend(_paragraphs(part))
    unique: dict[int, Paragraph] = {}
    for paragraph in found:
        unique.setdefault(id(paragraph._p), paragraph)
    return list(unique.values())


def _source(runs: list[Any]) -> str:
    return "".join((chr(_MARKER_BASE + i) if i else "") + run.text
                   for i, run in enumerate(runs))


def _put_back(runs: list[Any], translated: str) -> None:
    markers = [ch for ch in translated if _MARKER_BASE < ord(ch) < _MARKER_BASE + len(runs)]
    expected = [chr(_MARKER_BASE + i) for i in range(1, len(runs))]
    if markers == expected:
        pieces, current = [], []
        for ch in translated:
            if ch in expected:
                pieces.append("".join(current))
                current = []
            else:
                current.append(ch)
        pieces.append("".join(current))
    else:
        text = "".join(ch for ch in translated
                       if not _MARKER_BASE <= ord(ch) < _MARKER_BASE + len(runs))
        pieces = [text] + [""] * (len(runs) - 1)
    for run, piece in zip(runs, pieces, strict=True):
        run.text = piece


def read_docx_text(data: bytes) -> str:
    """The document's paragraphs as plain text, one a line."""
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in _all_paragraphs(document))


def translate_docx(data: bytes, translate: TranslateBatch) -> bytes:
    """The .docx file ``data`` with every paragraph translated in place."""
    document = docx.Document(io.BytesIO(data))
    todo = []
    for paragraph in _all_paragraphs(document):
        runs = [run for run in paragraph.runs if run.text]
        if runs and "".join(run.text for run in runs).strip():
            todo.append(runs)
    translated = translate([_source(runs) for runs in todo]) if todo else []
    for runs, text in zip(todo, translated, strict=True):
        _put_back(runs, text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
