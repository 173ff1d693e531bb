"""The learned segmenter: a linear-chain CRF labels the pieces of a page.

Each piece (``en_pieces``) gets one label: a segment kind (it starts a new
segment of that kind) or ``join`` (it continues the segment before it: a
hard-wrapped line, a caption of several sentences, a headline with a question
mark in it).  Body segments are then the sentences pySBD found, joined where
the model says so.

The model (``data/en_pieces.crfsuite``, about 45 kB) is trained on the
development half of the real-page corpus and the project's own samples by
``bench/train_segment_model.py``; it is read once, on first use (again when
the file changes).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from .en_features import piece_features
from .en_pieces import SECOND_ROUND_CUTS, Piece, normalise, pieces
from .types import KINDS

JOIN = "join"
LABELS = (*KINDS, JOIN)
# The second-round model goes with the second-round cuts and feature groups.
MODEL_PATH = Path(__file__).resolve().parent / "data" / (
    "en_pieces_round2.crfsuite" if SECOND_ROUND_CUTS else "en_pieces.crfsuite")


@lru_cache(maxsize=4)
def _tagger(path: str, modified: float) -> pycrfsuite.Tagger:
    """The model at ``path``, read again when the file changed (``modified``)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def label_pieces(text: str, found: Sequence[Piece], model: Path = MODEL_PATH) -> list[str]:
    """The model's label for each piece of ``text``."""
    if not found:
        return []
    tagger = _tagger(str(model), model.stat().st_mtime)
    labels = list(tagger.tag(piece_features(text, found)))
    # A segment never runs across a blank line (the convention's blocks), and
    # the first piece has nothing to join: there the most likely other label.
    for i, piece in enumerate(found):
        if labels[i] == JOIN and (i == 0 or (piece.first_in_line and piece.blank_before)):
            labels[i] = max(KINDS, key=lambda kind, i=i: tagger.marginal(kind, i))
    return labels


def assemble(
    text: str, found: Sequence[Piece], labels: Sequence[str]
) -> list[tuple[str, str, int]]:
    """Segments ``(kind, text, line)`` from labelled pieces: a ``join`` piece
    is added to the segment before it, keeping the page's text between them
    (whitespace squeezed to one space)."""
    text = normalise(text)
    segments: list[tuple[str, str, int]] = []
    previous_end = 0
    for piece, label in zip(found, labels, strict=True):
        if label == JOIN and segments:
            kind, joined, line = segments[-1]
            gap = " " if text[previous_end : piece.start].strip() == "" and (
                piece.start > previous_end
            ) else ""
            segments[-1] = (kind, f"{joined}{gap}{piece.text}", line)
        else:
            segments.append((label if label != JOIN else "body", piece.text, piece.line))
        previous_end = piece.end
    return [(kind, " ".join(seg.split()), line) for kind, seg, line in segments]


def segment_pieces(text: str, model: Path = MODEL_PATH) -> list[tuple[str, str, int]]:
    """Typed segments ``(kind, text, line)`` of a page of English wire copy."""
    found = pieces(text)
    return assemble(text, found, label_pieces(text, found, model))
