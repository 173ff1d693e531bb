"""Length model: how long a Korean or Japanese translation of an English sentence is.

Korean and Japanese use about half as many characters as English, and short
lines (headlines) keep more of their length than long ones, so a fixed ratio
(Gale-Church) is off at both ends. We regress the log lengths of the target
(characters without spaces; for Korean also space-separated words, which
follow English word counts closely) on the log character and word counts of
the source, and score a candidate pair by the Mahalanobis distance of the
residual, whose variance shrinks with the source length:

    y = B^T [1, log(src chars), log(src words)] + r,   r ~ N(0, (v0 + v1 / src chars) * S)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

TAIL_DOF = 5.0


@dataclass(frozen=True)
class LengthModel:
    coef: tuple[tuple[float, ...], ...]  # one row per target measure: intercept, chars, words
    v0: float
    v1: float
    inv_shape: tuple[tuple[float, ...], ...]  # S^-1
    log_det_shape: float

    @property
    def measures(self) -> int:
        return len(self.coef)

    def _residual(self, src: tuple[int, int], tgt: tuple[int, int]) -> tuple[list[float], float]:
        sc, sw = max(src[0], 1), max(src[1], 1)
        x = (1.0, math.log(sc), math.log(sw))
        r = [
            math.log(max(tgt[k], 1)) - sum(c * v for c, v in zip(row, x, strict=True))
            for k, row in enumerate(self.coef)
        ]
        return r, self.v0 + self.v1 / sc

    def cost(self, src: tuple[int, int], tgt: tuple[int, int]) -> float:
        """Negative log density (up to a constant) of the target lengths given the source's.

        ``src`` and ``tgt`` are (characters without spaces, words)."""
        r, scale = self._residual(src, tgt)
        inv = self.inv_shape
        quad = sum(r[a] * inv[a][b] * r[b] for a in range(len(r)) for b in range(len(r))) / scale
        # Student-t rather than Gaussian tails: a terse "36살입니다." for "It's 36 years
        # old." is unusual, not impossible.
        k = len(r)
        tail = 0.5 * (TAIL_DOF + k) * math.log1p(quad / TAIL_DOF)
        return tail + 0.5 * k * math.log(scale) + 0.5 * self.log_det_shape

    def log_ratio(self, src: tuple[int, int], tgt: tuple[int, int]) -> float:
        """Log of the target's characters over what the model expects of a translation."""
        return self._residual(src, tgt)[0][0]

    def zscore(self, src: tuple[int, int], tgt: tuple[int, int]) -> float:
        """Distance of the pair from the expected lengths, in standard deviations."""
        r, scale = self._residual(src, tgt)
        inv = self.inv_shape
        quad = sum(r[a] * inv[a][b] * r[b] for a in range(len(r)) for b in range(len(r)))
        return math.sqrt(quad / scale / len(r))


def measure(text: str) -> tuple[int, int]:
    """(characters without white space, white-space separated words)."""
    return sum(1 for ch in text if not ch.isspace()), len(text.split())


def char_length(text: str) -> int:
    return measure(text)[0]


def fit_length_model(
    source: Sequence[str], target: Sequence[str], target_words: bool
) -> LengthModel:
    """Fit on 1-1 sentence pairs; ``target_words`` for languages that space words (Korean)."""
    pairs = [(measure(s), measure(t)) for s, t in zip(source, target, strict=True)]
    pairs = [(a, b) for a, b in pairs if a[0] > 0 and b[0] > 0]
    x = np.array([[1.0, math.log(a[0]), math.log(max(a[1], 1))] for a, _ in pairs])
    cols = [0, 1] if target_words else [0]
    y = np.array([[math.log(max(b[k], 1)) for k in cols] for _, b in pairs])
    coef = np.linalg.lstsq(x, y, rcond=None)[0].T
    resid = y - x @ coef.T
    design = np.vstack([np.ones(len(x)), 1.0 / np.exp(x[:, 1])]).T
    v0, v1 = np.linalg.lstsq(design, resid[:, 0] ** 2, rcond=None)[0]
    v0, v1 = max(float(v0), 1e-3), max(float(v1), 1e-3)
    scaled = resid / np.sqrt(v0 + v1 / np.exp(x[:, 1]))[:, None]
    shape = np.atleast_2d(np.cov(scaled.T))
    inv = np.linalg.inv(shape)
    return LengthModel(
        tuple(tuple(round(float(c), 4) for c in row) for row in coef),
        round(v0, 4),
        round(v1, 4),
        tuple(tuple(round(float(c), 4) for c in row) for row in inv),
        round(float(np.log(np.linalg.det(shape))), 4),
    )


# Fitted with fit_length_model on the NTREX-128 newstest2019 lines (English
# source vs the Korean/Japanese references) of the even-numbered documents in
# DOCUMENT_IDS.tsv order (62 of 123 documents, ~1,000 lines); the odd-numbered
# documents are held out by bench/align_bench.py. Refit and print with
# `python bench/align_bench.py --fit`.
LENGTH_MODELS: dict[str, LengthModel] = {
    "ko": LengthModel(
        coef=((0.2706, 0.6372, 0.2372), (-0.6922, 0.4309, 0.4667)),
        v0=0.0396,
        v1=0.7792,
        inv_shape=((1.8701, -1.5719), (-1.5719, 2.8414)),
        log_det_shape=-1.0448,
    ),
    "ja": LengthModel(
        coef=((0.3118, 0.6007, 0.2984),),
        v0=0.0273,
        v1=0.8146,
        inv_shape=((1.0033,),),
        log_det_shape=-0.0033,
    ),
}
# For another pair, assume the target is as long as the source.
DEFAULT_LENGTH_MODEL = LengthModel(((0.0, 1.0, 0.0),), 0.04, 1.0, ((1.0,),), 0.0)


def length_model(target: str) -> LengthModel:
    return LENGTH_MODELS.get(target, DEFAULT_LENGTH_MODEL)
