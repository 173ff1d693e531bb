"""Scoring a segmenter on the real pages, the house convention's way.

Positions are counted in non-whitespace characters from the start of the page
(after its SOURCE line), so that a segmenter that normalises whitespace inside
a segment is scored like one that keeps it.

- **Boundaries**: precision, recall and F1 over segment end offsets, the end
  of the page left out; a run of adjacent ``debris`` segments counts as one
  segment (on both sides), so how a menu is cut into lines does not count.
- **Kinds**: of the gold segments whose start matches a predicted start, how
  many have the same kind.
- **Policy**: gold segments whose text goes the wrong way: ``debris``,
  ``credit`` or ``footer`` text sent to the engine, or ``title``,
  ``dateline``, ``body`` or ``caption`` text kept from it (any of its
  characters is enough).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .evaluate import Score
from .page_gold import Page
from .types import TRANSLATED_KINDS


@dataclass(frozen=True)
class Span:
    """A segment as [start, end) in non-whitespace characters, with its kind."""

    kind: str
    start: int
    end: int


def _squeezed_length(text: str) -> int:
    return sum(not c.isspace() for c in text)


def gold_spans(page: Page) -> list[Span]:
    """The page's gold segments as spans."""
    spans: list[Span] = []
    for seg in page.gold:
        start = _squeezed_length(page.text[page.body_start : seg.start])
        spans.append(Span(seg.kind, start, start + _squeezed_length(seg.text)))
    return spans


def predicted_spans(content: str, segments: Iterable[tuple[str, str]]) -> list[Span]:
    """Predicted ``(kind, text)`` segments, in order, as spans in ``content``.

    Raises ``ValueError`` when a segment's text is not the next stretch of the
    page: a segmenter must neither drop, reorder nor change text.
    """
    squeezed = "".join(content.split())
    spans: list[Span] = []
    cursor = 0
    for kind, text in segments:
        key = "".join(text.split())
        if not key:
            continue
        at = squeezed.find(key, cursor)
        if at == -1:
            raise ValueError(f"segment not found in order: {text[:60]!r}")
        spans.append(Span(kind, at, at + len(key)))
        cursor = at + len(key)
    return spans


def _merge_debris(spans: Sequence[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if merged and span.kind == "debris" and merged[-1].kind == "debris":
            merged[-1] = Span("debris", merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def _ends(spans: Sequence[Span], total: int) -> set[int]:
    return {s.end for s in _merge_debris(spans)} - {total}


@dataclass
class PageScore:
    boundaries: Score = field(default_factory=Score)
    kinds_right: int = 0
    kinds_matched: int = 0
    gold_segments: int = 0
    sent_wrongly: int = 0  # debris/credit/footer text sent to the engine
    kept_wrongly: int = 0  # title/dateline/body/caption text kept from it
    errors: list[str] = field(default_factory=list)

    def add(self, other: PageScore) -> None:
        self.boundaries.add(other.boundaries)
        self.kinds_right += other.kinds_right
        self.kinds_matched += other.kinds_matched
        self.gold_segments += other.gold_segments
        self.sent_wrongly += other.sent_wrongly
        self.kept_wrongly += other.kept_wrongly
        self.errors.extend(other.errors)

    @property
    def kinds(self) -> float:
        return self.kinds_right / self.kinds_matched if self.kinds_matched else 1.0

    @property
    def violations(self) -> int:
        return self.sent_wrongly + self.kept_wrongly


def score_page(page: Page, predicted: Iterable[tuple[str, str]]) -> PageScore:
    """Score one page's predicted ``(kind, text)`` segments against its gold."""
    content = page.content
    total = _squeezed_length(content)
    gold = gold_spans(page)
    guess = predicted_spans(content, predicted)
    result = PageScore(gold_segments=len(gold))

    gold_ends, guess_ends = _ends(gold, total), _ends(guess, total)
    result.boundaries = Score(
        len(gold_ends & guess_ends), len(guess_ends - gold_ends), len(gold_ends - guess_ends)
    )
    squeezed = "".join(content.split())
    for end in sorted(guess_ends - gold_ends):
        result.errors.append(f"extra boundary after {squeezed[max(0, end - 30) : end]!r}")
    for end in sorted(gold_ends - guess_ends):
        result.errors.append(f"missed boundary after {squeezed[max(0, end - 30) : end]!r}")

    kind_at = {s.start: s.kind for s in guess}
    for span in gold:
        kind = kind_at.get(span.start)
        if kind is not None:
            result.kinds_matched += 1
            result.kinds_right += kind == span.kind
            if kind != span.kind:
                text = squeezed[span.start : min(span.end, span.start + 40)]
                result.errors.append(f"kind {kind} != {span.kind}: {text!r}")

    # Which way each character goes, by the prediction.
    translated = [False] * total
    for span in guess:
        if span.kind in TRANSLATED_KINDS:
            translated[span.start : span.end] = [True] * (span.end - span.start)
    for span in gold:
        should = span.kind in TRANSLATED_KINDS
        if any(translated[i] != should for i in range(span.start, span.end)):
            if should:
                result.kept_wrongly += 1
            else:
                result.sent_wrongly += 1
            way = "kept from" if should else "sent to"
            text = squeezed[span.start : min(span.end, span.start + 40)]
            result.errors.append(f"{span.kind} {way} the engine: {text!r}")
    return result


def score_opening(
    text: str, marks: Sequence[tuple[str, str]], predicted: Iterable[tuple[str, str]]
) -> PageScore:
    """Score predicted segments against hand marks of the opening of ``text``
    only: marks are ``(kind, first words)`` in order (``evaluate.load_marks``);
    a mark not found in ``text`` (the text lost it) is a missed boundary; only
    predicted segments that start before the last mark found are counted.
    Boundaries here are segment starts (the start of the text left out)."""
    squeezed = "".join(text.split())
    gold: list[tuple[int, str]] = []
    missing = 0
    cursor = 0
    for kind, mark in marks:
        key = "".join(mark.split())
        at = squeezed.find(key, cursor)
        if at == -1:
            missing += 1
            continue
        gold.append((at, kind))
        cursor = at + len(key)
    guess = predicted_spans(text, predicted)
    horizon = gold[-1][0] if gold else 0
    gold_starts = {at for at, _ in gold} - {0}
    guess_starts = {s.start for s in guess if s.start <= horizon} - {0}
    result = PageScore(gold_segments=len(marks))
    result.boundaries = Score(
        len(gold_starts & guess_starts),
        len(guess_starts - gold_starts),
        len(gold_starts - guess_starts) + missing,
    )
    kind_at = {s.start: s.kind for s in guess}
    for at, kind in gold:
        if at in kind_at:
            result.kinds_matched += 1
            result.kinds_right += kind_at[at] == kind
            if kind_at[at] != kind:
                result.errors.append(f"kind {kind_at[at]} != {kind}: {squeezed[at : at + 40]!r}")
        should = kind in TRANSLATED_KINDS
        predicted_kind = next((s.kind for s in guess if s.start <= at < s.end), None)
        if predicted_kind is not None and (predicted_kind in TRANSLATED_KINDS) != should:
            if should:
                result.kept_wrongly += 1
            else:
                result.sent_wrongly += 1
    for at in sorted(guess_starts - gold_starts):
        result.errors.append(f"extra boundary before {squeezed[at : at + 30]!r}")
    for at in sorted(gold_starts - guess_starts):
        result.errors.append(f"missed boundary before {squeezed[at : at + 30]!r}")
    return result
