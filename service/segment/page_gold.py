"""Hand gold for real wire pages (``tests/data/pages``): reading, checking, building.

A page file starts with ``SOURCE: <url>`` and then holds the page exactly as it
was copied.  Its gold (``<page>.json``, the house convention in
``../shared/references/segmentation-convention.md``) lists segments
``{"kind", "text", "start", "end"}`` with Python string offsets into the whole
file; together they cover every non-whitespace character after the SOURCE
line, in order, without overlapping.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .types import KINDS

SOURCE_PREFIX = "SOURCE: "


@dataclass(frozen=True)
class GoldSegment:
    kind: str
    text: str
    start: int
    end: int
    truncated: bool = False


@dataclass(frozen=True)
class Page:
    """One page: its name, its whole file text, where the page proper starts,
    and its gold segments (empty when no gold was made yet)."""

    name: str
    text: str
    body_start: int
    gold: tuple[GoldSegment, ...]

    @property
    def content(self) -> str:
        """The page as it arrived (the file without its SOURCE line)."""
        return self.text[self.body_start :]

    @property
    def url(self) -> str:
        return self.text[len(SOURCE_PREFIX) : self.body_start].strip()


def outlet_of(name: str) -> str:
    """The outlet a page is filed under: its name up to the first dash."""
    return name.split("-", 1)[0]


def _body_start(text: str, name: str) -> int:
    if not text.startswith(SOURCE_PREFIX) or "\n" not in text:
        raise ValueError(f"{name}: the first line must be 'SOURCE: <url>'")
    return text.index("\n") + 1


def load_page(path: Path) -> Page:
    """Read ``<name>.txt`` and, when present, its gold ``<name>.json``."""
    text = path.read_text(encoding="utf-8")
    gold_path = path.with_suffix(".json")
    gold: tuple[GoldSegment, ...] = ()
    if gold_path.is_file():
        data = json.loads(gold_path.read_text(encoding="utf-8"))
        gold = tuple(
            GoldSegment(s["kind"], s["text"], s["start"], s["end"], s.get("truncated", False))
            for s in data["segments"]
        )
    return Page(path.stem, text, _body_start(text, path.stem), gold)


def load_pages(folder: Path, names: list[str] | None = None) -> list[Page]:
    """Every page in ``folder`` (or the ``names`` given), sorted by name."""
    paths = sorted(folder.glob("*.txt"))
    if names is not None:
        wanted = set(names)
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise FileNotFoundError(f"pages not found: {sorted(missing)}")
    return [load_page(p) for p in paths]


def load_split(folder: Path) -> dict[str, list[str]]:
    """The page names of each half: {"development": [...], "unseen": [...]}."""
    data = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    return {half: list(names) for half, names in data["pages"].items()}


def gold_problems(page: Page) -> list[str]:
    """Everything wrong with a page's gold; empty when it follows the form."""
    problems: list[str] = []
    if not page.gold:
        return ["no gold segments"]
    cursor = page.body_start
    for index, seg in enumerate(page.gold):
        where = f"segment {index} ({seg.text[:40]!r})"
        if seg.kind not in KINDS:
            problems.append(f"{where}: unknown kind {seg.kind!r}")
        if page.text[seg.start : seg.end] != seg.text:
            problems.append(f"{where}: text is not the file slice [{seg.start}:{seg.end}]")
        if seg.text != seg.text.strip() or not seg.text:
            problems.append(f"{where}: text is empty or not whitespace-trimmed")
        if seg.start < cursor:
            problems.append(f"{where}: starts before the previous segment ends")
        elif page.text[cursor : seg.start].strip():
            gap = page.text[cursor : seg.start].strip()
            problems.append(f"{where}: uncovered text before it: {gap[:40]!r}")
        cursor = max(cursor, seg.end)
        if seg.truncated and index != len(page.gold) - 1:
            problems.append(f"{where}: only the last segment may be truncated")
    if page.text[cursor:].strip():
        problems.append(f"uncovered text at the end: {page.text[cursor:].strip()[:40]!r}")
    return problems


def _flexible(text: str) -> re.Pattern[str]:
    """A pattern for ``text`` that allows any whitespace where it has some."""
    return re.compile(r"\s*".join(re.escape(word) for word in text.split()))


def locate(page_text: str, marks: list[tuple[str, str]], start: int) -> list[GoldSegment]:
    """Place hand marks ``[(kind, text), ...]`` in order in ``page_text`` from
    ``start``; the text of a mark may differ from the file in whitespace only."""
    segments: list[GoldSegment] = []
    cursor = start
    for kind, text in marks:
        truncated = kind.endswith("+")  # "body+": the page was cut off inside it
        kind = kind.rstrip("+")
        match = _flexible(text).search(page_text, cursor)
        if not match:
            raise ValueError(f"mark not found after offset {cursor}: {text[:60]!r}")
        segments.append(GoldSegment(kind, match.group(), match.start(), match.end(), truncated))
        cursor = match.end()
    return segments


def gold_json(page: Page, segments: list[GoldSegment]) -> str:
    """The gold file's text for ``segments`` of ``page``."""
    rows = []
    for seg in segments:
        row: dict[str, object] = {
            "kind": seg.kind, "text": seg.text, "start": seg.start, "end": seg.end
        }
        if seg.truncated:
            row["truncated"] = True
        rows.append(row)
    return json.dumps({"file": f"{page.name}.txt", "segments": rows}, ensure_ascii=False,
                      indent=1) + "\n"


def page_from_marks(name: str, text: str, marks: list[tuple[str, str]]) -> Page:
    """A page (no SOURCE line) with gold from ``*.seg`` marks (``evaluate.load_marks``),
    whose text may be only a segment's first words: each segment runs from
    where its mark is found to where the next one starts."""
    starts: list[int] = []
    cursor = 0
    for _, mark in marks:
        match = _flexible(mark).search(text, cursor)
        if not match:
            raise ValueError(f"{name}: mark not found in order: {mark[:60]!r}")
        starts.append(match.start())
        cursor = match.end()
    bounds = [*starts, len(text)]
    segments = []
    for (kind, _), start, end in zip(marks, bounds, bounds[1:], strict=False):
        piece = text[start:end]
        stripped = piece.strip()
        left = start + len(piece) - len(piece.lstrip())
        segments.append(GoldSegment(kind, stripped, left, left + len(stripped)))
    return Page(name, text, 0, tuple(segments))
