"""Align an English article with its human Korean or Japanese translation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..segment import segment_english
from ..segment.cjk import segment_target
from ..segment.types import Segment
from .anchors import Anchors, source_features, target_features
from .dp import best_path
from .lengths import length_model
from .scoring import BEAD_SHAPES, DEFAULT_WEIGHTS, BeadScorer, Side, Weights

Translate = Callable[[list[str]], list[str]]

# Below this confidence a bead is flagged for review; every 1-0/0-1 bead of
# the article's own text is weak too (a human should confirm a dropped line).
WEAK_BELOW = 0.5
_ASIDE = frozenset({"credit", "footer", "debris"})


@dataclass
class Bead:
    """Indices into the source and target segment lists, the bead type and a 0..1 score."""

    source: list[int]
    target: list[int]
    kind: str  # "1-1", "1-2", "2-1", "1-0", "0-1", "2-2"
    score: float
    weak: bool


def align_segments(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    target: str,
    anchors: Anchors | None = None,
    translate: Translate | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[Bead]:
    """Align two segment lists; ``anchors`` maps English terms to their target renderings.

    ``translate`` (English sentences -> target-language sentences), when given,
    adds a chrF score between the machine translation and the target.
    """
    if not src and not tgt:
        return []
    mt = None
    if translate is not None and src:
        mt = list(translate([s.text for s in src]))
    scorer = BeadScorer(
        Side.build(src, [source_features(s.text, anchors) for s in src], "en"),
        Side.build(tgt, [target_features(t.text, target, anchors) for t in tgt], target),
        length_model(target),
        weights,
        mt,
    )
    shapes = BEAD_SHAPES if weights.merge22 < float("inf") else BEAD_SHAPES[:-1]
    beads = []
    for i, di, j, dj in best_path(len(src), len(tgt), scorer.cost, shapes):
        score = scorer.confidence(i, di, j, dj)
        segs = list(src[i : i + di]) + list(tgt[j : j + dj])
        aside = all(s.kind in _ASIDE for s in segs)
        weak = score < WEAK_BELOW and not aside
        beads.append(
            Bead(
                list(range(i, i + di)), list(range(j, j + dj)), f"{di}-{dj}", round(score, 4), weak
            )
        )
    return beads


def align_texts(
    source_text: str,
    target_text: str,
    target: str,
    anchors: Anchors | None = None,
    translate: Translate | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[list[Segment], list[Segment], list[Bead]]:
    """Segment both texts (English; Korean or Japanese) and align them."""
    src = segment_english(source_text)
    tgt = segment_target(target_text, target)
    return src, tgt, align_segments(
        src, tgt, target, anchors=anchors, translate=translate, weights=weights
    )
