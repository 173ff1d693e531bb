"""Scoring a segmenter against hand-marked boundaries (used by bench and tests).

A boundary is where a segment starts, counted in non-whitespace characters
from the start of the text, so that the score does not depend on how the
whitespace between segments was kept or dropped.  Precision, recall and F1 are
micro-averaged over every boundary of every document (the first segment's
start is not a boundary: every segmenter gets it right).

Hand-marked files (``*.seg``) hold one expected segment per line as
``kind<TAB>text``; the text may be only the segment's first words (enough to
find it), which is how marks on third-party articles are stored without
copying them.  Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .en_sentences import pysbd_sentences


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _squeeze(text: str) -> str:
    return "".join(text.split())


def starts(source: str, pieces: Iterable[str]) -> list[int]:
    """Where each piece starts in ``source`` (non-whitespace offsets), in order.

    Raises ``ValueError`` when a piece is not found after the previous one:
    the segmentation does not follow the text.
    """
    squeezed = _squeeze(source)
    found: list[int] = []
    cursor = 0
    for piece in pieces:
        key = _squeeze(piece)
        at = squeezed.find(key, cursor)
        if at == -1:
            raise ValueError(f"segment not found in order: {piece[:60]!r}")
        found.append(at)
        cursor = at + len(key)
    return found


def score(source: str, expected: Iterable[str], predicted: Iterable[str]) -> Score:
    """Boundary score of ``predicted`` segments against ``expected`` ones."""
    gold = set(starts(source, expected)) - {0}
    guess = set(starts(source, predicted)) - {0}
    return Score(len(gold & guess), len(guess - gold), len(gold - guess))


def kind_agreement(
    source: str, expected: list[tuple[str, str]], predicted: list[tuple[str, str]]
) -> tuple[int, int]:
    """How many expected segments have a predicted one at the same start with
    the same kind, out of how many expected segments."""
    predicted_at = dict(zip(starts(source, [t for _, t in predicted]), predicted, strict=True))
    agree = 0
    for at, (kind, _) in zip(starts(source, [t for _, t in expected]), expected, strict=True):
        match = predicted_at.get(at)
        agree += bool(match and match[0] == kind)
    return agree, len(expected)


def load_marks(path: Path) -> list[tuple[str, str]]:
    """Read a ``*.seg`` file: [(kind, text or first words), ...]."""
    marks: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, text = line.partition("\t")
        if not text:
            raise ValueError(f"{path}: line without a tab: {line!r}")
        marks.append((kind.strip(), text.strip()))
    return marks


def pysbd_article(text: str) -> list[str]:
    """The baseline on a whole article: pySBD on each non-blank line."""
    return [s for line in text.splitlines() if line.strip() for s in pysbd_sentences(line)]


def golden_rules(path: Path) -> list[tuple[str, list[str]]]:
    """The Golden Rules cases stored as JSON: [(text, expected sentences), ...]."""
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    return [(case["text"], case["expected"]) for case in cases]


def marked_articles(marks_dir: Path, *text_dirs: Path) -> list[tuple[str, str, list]]:
    """Each ``*.seg`` in ``marks_dir`` whose article is found in ``text_dirs``:
    [(name, article text, marks), ...]; articles not found are left out."""
    found = []
    for marks in sorted(marks_dir.glob("*.seg")):
        for folder in text_dirs:
            article = folder / f"{marks.stem}.txt"
            if article.is_file():
                found.append((marks.stem, article.read_text(encoding="utf-8"), load_marks(marks)))
                break
    return found


def ntrex_paragraphs(folder: Path) -> list[list[str]]:
    """NTREX-128's English documents as lists of reference segments, the
    headline left out; joined by spaces they make one paragraph to split.

    Joining loses the articles' real paragraph breaks, so quotations that ran
    over several paragraphs become unbalanced: a harder test than real copy.
    """
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (folder / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    documents: dict[str, list[str]] = {}
    for doc_id, line in zip(ids, lines, strict=True):
        documents.setdefault(doc_id, []).append(line.strip())
    return [segments[1:] for segments in documents.values() if len(segments) > 1]
