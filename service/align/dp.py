"""The dynamic program over beads, within a band around the diagonal."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

CostFn = Callable[[int, int, int, int], float]


def band_width(n: int, m: int) -> int:
    # Wide enough for every path on short articles; on long ones the path
    # stays near the diagonal scaled to the two lengths.
    return max(30, abs(n - m) + 10, int(0.15 * max(n, m)))


def best_path(
    n: int, m: int, cost: CostFn, shapes: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """Cheapest sequence of beads (i, di, j, dj) covering src[0:n] and tgt[0:m]."""
    band = band_width(n, m)
    total = np.full((n + 1, m + 1), math.inf)
    back = np.zeros((n + 1, m + 1), dtype=np.int8)
    total[0, 0] = 0.0
    ratio = m / n if n else 0.0
    for i in range(n + 1):
        centre = i * ratio
        lo, hi = max(0, int(centre) - band), min(m, int(centre) + band)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, arg = math.inf, -1
            for k, (di, dj) in enumerate(shapes):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = total[pi, pj]
                if prev == math.inf:
                    continue
                c = prev + cost(pi, di, pj, dj)
                if c < best:
                    best, arg = c, k
            total[i, j] = best
            back[i, j] = arg
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = shapes[back[i, j]]
        path.append((i - di, di, j - dj, dj))
        i, j = i - di, j - dj
    path.reverse()
    return path
