"""Length model: how long a Korean or Japanese translation of an English sentence is.

Korean and Japanese use about half as many characters as English, and short
lines (headlines) keep more of their length than long ones, so a fixed ratio
(Gale-Church) is off at both ends. We model the log of the target length as a
line in the log of the source length, with a variance that shrinks with length:

    log(lt) ~ Normal(alpha + beta * log(ls), v0 + v1 / ls)

(lengths are characters without spaces).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LengthModel:
    alpha: float
    beta: float
    v0: float
    v1: float

    def cost(self, ls: int, lt: int) -> float:
        """Negative log density (up to a constant) of a target length given the source's."""
        ls, lt = max(ls, 1), max(lt, 1)
        var = self.v0 + self.v1 / ls
        z = math.log(lt) - (self.alpha + self.beta * math.log(ls))
        return 0.5 * z * z / var + 0.5 * math.log(var)

    def zscore(self, ls: int, lt: int) -> float:
        ls, lt = max(ls, 1), max(lt, 1)
        var = self.v0 + self.v1 / ls
        return (math.log(lt) - (self.alpha + self.beta * math.log(ls))) / math.sqrt(var)


def char_length(text: str) -> int:
    """Characters without white space: Korean spaces words, Japanese does not."""
    return sum(1 for ch in text if not ch.isspace())


def fit_length_model(source: Sequence[str], target: Sequence[str]) -> LengthModel:
    """Fit the model on 1-1 sentence pairs (least squares on log lengths)."""
    pairs = [(char_length(s), char_length(t)) for s, t in zip(source, target)]
    pairs = [(a, b) for a, b in pairs if a > 0 and b > 0]
    ls = np.log([a for a, _ in pairs])
    lt = np.log([b for _, b in pairs])
    beta, alpha = np.polyfit(ls, lt, 1)
    resid2 = (lt - (alpha + beta * ls)) ** 2
    design = np.vstack([np.ones_like(ls), np.exp(-ls)]).T
    v0, v1 = np.linalg.lstsq(design, resid2, rcond=None)[0]
    return LengthModel(float(alpha), float(beta), max(float(v0), 1e-3), max(float(v1), 1e-3))


# Fitted with fit_length_model on the NTREX-128 newstest2019 lines (English
# source vs the Korean/Japanese references) of the even-numbered documents in
# DOCUMENT_IDS.tsv order (62 of 123 documents, ~1,000 lines); the odd-numbered
# documents are held out by bench/align_bench.py. Refit with
# `python bench/align_bench.py --fit`.
LENGTH_MODELS: dict[str, LengthModel] = {
    "ko": LengthModel(alpha=-0.0451, beta=0.8608, v0=0.0397, v1=0.853),
    "ja": LengthModel(alpha=-0.0854, beta=0.8820, v0=0.0282, v1=0.881),
}
# For another pair, assume the target is as long as the source (ratio 1).
DEFAULT_LENGTH_MODEL = LengthModel(alpha=0.0, beta=1.0, v0=0.04, v1=1.0)


def length_model(target: str) -> LengthModel:
    return LENGTH_MODELS.get(target, DEFAULT_LENGTH_MODEL)
