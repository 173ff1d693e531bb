"""The cost of one bead: length model + lexical anchors + segment kinds (+ MT if given).

All costs are in nats-like units; the dynamic program adds them up and keeps
the cheapest path. The weights were tuned on the calibration half of NTREX
(even-numbered documents) with bench/align_bench.py --tune.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..segment.types import Segment
from .anchors import Features, compare
from .lengths import LengthModel, char_length
from .mtscore import chrf

BEAD_SHAPES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1), (2, 2))

# Segments that are the article's own text and can have a counterpart.
_CONTENT = frozenset({"title", "dateline", "body", "caption"})


@dataclass(frozen=True)
class Weights:
    merge: float = 3.0  # prior cost of a 2-1 or 1-2 bead over a 1-1 bead
    merge22: float = 7.0
    null: float = 5.5  # prior cost of a 1-0 or 0-1 bead
    null_aside: float = 0.5  # ... of one whose segment is a credit, footer or debris
    match: float = 1.5  # reward per shared anchor
    miss: float = 1.0  # cost per one-sided anchor
    punct: float = 0.7  # cost per punctuation mismatch (question mark, quotes, parentheses)
    kind: float = 3.0  # cost of pairing a title or caption with a body sentence
    mt: float = 12.0  # reward per unit of chrF above the document's baseline


DEFAULT_WEIGHTS = Weights()


def kinds_cost(src_kinds: Sequence[str], tgt_kinds: Sequence[str], w: Weights) -> float:
    """How plausible it is to pair segments of these kinds (inf: never)."""
    s, t = set(src_kinds), set(tgt_kinds)
    if (s - _CONTENT) or (t - _CONTENT):
        # Credits, footers and debris only ever pair with their own kind.
        return 0.0 if s == t else math.inf
    if s == t:
        return 0.0
    if "dateline" in s ^ t and (s | t) <= {"dateline", "body"}:
        return 0.5 * w.kind  # a dateline is often fused into the first sentence
    return w.kind


@dataclass
class Side:
    """Precomputed facts about one side of the alignment."""

    segments: Sequence[Segment]
    lengths: list[int]
    features: list[Features]

    @classmethod
    def build(cls, segments: Sequence[Segment], features: list[Features]) -> Side:
        return cls(segments, [char_length(s.text) for s in segments], features)


class BeadScorer:
    def __init__(self, src: Side, tgt: Side, model: LengthModel, weights: Weights,
                 mt: Sequence[str] | None = None) -> None:
        self.src, self.tgt, self.model, self.w = src, tgt, model, weights
        self.mt = mt
        self.mt_base = 0.0
        if mt is not None:
            self.mt_base = _mt_baseline(mt, [s.text for s in tgt.segments])

    def null_cost(self, segment: Segment) -> float:
        return self.w.null_aside if segment.kind not in _CONTENT else self.w.null

    def cost(self, i: int, di: int, j: int, dj: int) -> float:
        """Cost of the bead covering src[i:i+di] and tgt[j:j+dj]."""
        if di == 0:
            return self.null_cost(self.tgt.segments[j])
        if dj == 0:
            return self.null_cost(self.src.segments[i])
        w = self.w
        ssegs, tsegs = self.src.segments[i:i + di], self.tgt.segments[j:j + dj]
        total = kinds_cost([s.kind for s in ssegs], [t.kind for t in tsegs], w)
        if total == math.inf:
            return total
        if di + dj == 3:
            total += w.merge
        elif di + dj == 4:
            total += w.merge22
        ls = sum(self.src.lengths[i:i + di])
        lt = sum(self.tgt.lengths[j:j + dj])
        total += self.model.cost(ls, lt)
        fs = _sum(self.src.features[i:i + di])
        ft = _sum(self.tgt.features[j:j + dj])
        ev = compare(fs, ft)
        total += -w.match * ev.matched + w.miss * ev.missing + w.punct * ev.punct_mismatch
        if self.mt is not None:
            hyp = " ".join(self.mt[i:i + di])
            ref = " ".join(t.text for t in tsegs)
            total -= w.mt * (chrf(hyp, ref) - self.mt_base)
        return total

    def confidence(self, i: int, di: int, j: int, dj: int) -> float:
        """A 0..1 score for a chosen bead: length fit and anchors, as a logistic."""
        if di == 0 or dj == 0:
            return 0.0
        z = self.model.zscore(sum(self.src.lengths[i:i + di]), sum(self.tgt.lengths[j:j + dj]))
        ev = compare(_sum(self.src.features[i:i + di]), _sum(self.tgt.features[j:j + dj]))
        logit = 2.0 - 0.5 * z * z + ev.matched - ev.missing - 0.5 * ev.punct_mismatch
        if di + dj > 2:
            logit -= 1.0
        return 1.0 / (1.0 + math.exp(-max(min(logit, 30.0), -30.0)))


def _sum(features: Sequence[Features]) -> Features:
    out = features[0]
    for f in features[1:]:
        out = out + f
    return out


def _mt_baseline(mt: Sequence[str], target: Sequence[str]) -> float:
    """chrF of unrelated pairs in this document: what a wrong pairing scores."""
    if len(mt) < 2 or len(target) < 2:
        return 0.0
    n = min(len(mt), len(target))
    scores = [chrf(mt[k], target[(k + n // 2) % len(target)]) for k in range(n)]
    return sum(scores) / len(scores)
