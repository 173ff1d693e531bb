"""Scores that are probabilities: logistic models over the aligner's evidence.

Two models, both fitted on the development half of the real bilingual set
(tests/data/bilingual/, see its README) and shipped as data/calibration.json:

- the link model: the probability that a bead the aligner chose is right, from
  the share of its English stems whose learned cue the target has, how many
  more anchors the pair shares than either side shares with other segments
  nearby (specific anchors), its shape (2-1/1-2 beads are riskier), and the
  document's mean margin (how much cheaper its beads are than neighbouring ones);
- the document model: the probability that the target translates the source
  rather than telling the same story separately, from the share of each side's
  own text that probable links cover, the mean specific anchors of the
  document's beads and how far the two texts' length is from a translation's
  (aligner.document_features; chosen among coverage, mutual best partners in
  order, length ratio, anchor density and title match by
  leave-one-outlet-out on the dev half, `python bench/align_fit.py calibration-cv`).

The reported probability of a link that is made is the link model's log-odds
mapped through a second logistic fit (``made``) on the dev links the thresholds
let through: the link model learns from every bead of the paths, most of those
in separately written stories wrong, and so underrates the links that pass.

The file also holds thresholds chosen on the dev half: `weak_below` (a made
link whose reported probability is below it is flagged for review),
`translation_min` (a link below it is made in no document: the threshold with
the best link F1 over all dev documents, translations and comparable stories
together) and `comparable_min` (for
documents judged separately written: the least strict threshold, not below
`translation_min` nor 0.8, whose links there are right 95% of the time).
Refit with `python bench/align_fit.py calibration`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

PATH = Path(__file__).resolve().parent / "data" / "calibration.json"

# Chosen by leave-one-document-out cross-validation on the dev half (log loss):
# the length fit and the margin over neighbours, which the path already used,
# added nothing once learned cues and specific anchors were in.
# The fourth round added sentence_gap (a six-sentence segment against two
# sentences is not one link) and mutual (the two sides are each other's cheapest
# partner): cross-fitted dev comparable precision 0.500 -> 0.692 on the 53 documents.
# The seventh round added dictionary (the share of the English words in the JMdict
# table whose form the target has) and margin (how much cheaper the bead is than
# pairing either side with a neighbour), with more shrinkage (L2 5): on the dev half
# grown by eleven pages from new outlets, correct links in stories that repeat their
# terms (embassy, North Korea) shared fewer anchors than a long neighbour and were
# underrated. Cross-fitted en-ko 0.842 -> 0.867, comparable precision 0.703 ->
# 0.730, ECE 0.045 -> 0.030, en-ja 0.936 -> 0.933 (with diagonal_count below);
# at L2 1 the refit lost NTREX held-out en-ko links (0.980; bench/align_fit.py
# calibration-cv, rows "7:", and README, align7 round).
LINK_FEATURES = ("cues", "specific", "merge", "mixed_kinds", "doc_margin", "titles",
                 "sentence_gap", "mutual", "dictionary", "margin")
LINK_L2 = 5.0
# Fifth round: + length_gap (how far the two texts' own length is from a
# translation's, by the length model), chosen by cross-fitted dev documents judged
# right (48 -> 50 of 59) and comparable precision (0.677 -> 0.714) once datelines
# stopped being links; in the fourth round it added nothing.
# Seventh round: + diagonal_count (how many mutual best pairs run in order, log):
# refitted on the grown dev half, the model judged a 23-line NTREX translation
# separately written (its shares were a comparable story's), costing NTREX held-out
# en-ko 0.992 -> 0.988; a comparable story shares a few sentences however long.
DOCUMENT_FEATURES = ("cover_src", "cover_tgt", "doc_specific", "length_gap", "diagonal_count")
DOCUMENT_L2 = 1.0


@dataclass(frozen=True)
class Logistic:
    features: tuple[str, ...]
    coef: tuple[float, ...]  # intercept first

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.coef[0] + sum(c * values[f] for c, f in zip(self.coef[1:], self.features,
                                                               strict=True))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@dataclass(frozen=True)
class Isotonic:
    """A non-decreasing step function of one feature (pool-adjacent-violators fit),
    interpolated linearly between the fitted blocks' means."""

    feature: str
    x: tuple[float, ...]  # block centres, increasing
    y: tuple[float, ...]  # block accuracies, non-decreasing

    @property
    def features(self) -> tuple[str, ...]:
        return (self.feature,)

    def probability(self, values: Mapping[str, float]) -> float:
        return float(np.interp(values[self.feature], self.x, self.y))


def fit_isotonic(xs: Sequence[float], labels: Sequence[bool], feature: str = "logodds",
                 prior: float = 1.0, min_block: int = 1) -> Isotonic:
    """Pool adjacent violators on (x, label), each block's rate shrunk towards the
    overall rate by ``prior`` pseudo-links (a block of three right links is not 1.0).
    ``min_block``: the sorted links are first cut into runs of at least this many
    (a step fitted on two links is noise), and the violators pooled over the runs."""
    order = sorted(range(len(xs)), key=lambda k: xs[k])
    base = sum(labels) / len(labels) if labels else 0.5
    runs: list[list[float]] = []
    for k in order:
        if not runs or runs[-1][2] >= min_block:
            runs.append([0.0, 0.0, 0.0])
        runs[-1][0] += xs[k]
        runs[-1][1] += float(labels[k])
        runs[-1][2] += 1.0
    if len(runs) > 1 and runs[-1][2] < min_block:
        last = runs.pop()
        runs[-1] = [a + b for a, b in zip(runs[-1], last, strict=True)]
    blocks: list[list[float]] = []  # [sum x, sum y, n]
    for run in runs:
        blocks.append(list(run))
        while len(blocks) > 1 and _rate(blocks[-2], base, prior) >= _rate(blocks[-1], base, prior):
            x2, y2, n2 = blocks.pop()
            blocks[-1][0] += x2
            blocks[-1][1] += y2
            blocks[-1][2] += n2
    return Isotonic(feature, tuple(b[0] / b[2] for b in blocks),
                    tuple(_rate(b, base, prior) for b in blocks))


def _rate(block: list[float], base: float, prior: float) -> float:
    return (block[1] + prior * base) / (block[2] + prior)


@dataclass(frozen=True)
class Calibration:
    link: Logistic
    document: Logistic
    weak_below: float
    translation_min: float
    comparable_min: float
    translation_at: float = 0.5
    # The link model is fitted on every bead of the paths, most of those in
    # separately written stories wrong; the links the thresholds let through are
    # right more often than it says. This maps its log-odds to the probability
    # that a link which is made is right (fitted on the made links).
    made: Logistic | Isotonic | None = None
    # Shrinkage of the reported probability towards the rate at which the dev
    # half's made links are right, per judged kind (translation, separately
    # written): score = (1 - blend) * made + blend * base[kind].
    blend: float = 0.0
    base: tuple[float, float] = (1.0, 1.0)

    def score(self, p: float, is_translation: bool = True) -> float:
        """The reported probability of a made link whose link-model probability is ``p``,
        in a document judged a translation (or not)."""
        q = p if self.made is None else self.made.probability(made_values(p, is_translation))
        if self.blend:
            q = (1 - self.blend) * q + self.blend * self.base[0 if is_translation else 1]
        return q


def made_values(p: float, is_translation: bool = True) -> dict[str, float]:
    """What the made-link mapping reads: the link model's log-odds (Platt), its two
    log terms (beta calibration) and the judged kind (a kind's own intercept and slope)."""
    q = min(max(p, 1e-6), 1 - 1e-6)
    logodds = math.log(q / (1 - q))
    comparable = 0.0 if is_translation else 1.0
    return {"logodds": logodds, "log_p": math.log(q), "log_1mp": -math.log(1 - q),
            "comparable": comparable, "comparable_logodds": comparable * logodds}


@lru_cache(maxsize=1)
def calibration() -> Calibration:
    """The shipped calibration."""
    return from_json(json.loads(PATH.read_text(encoding="utf-8")))


def from_json(data: Mapping) -> Calibration:
    return Calibration(
        Logistic(tuple(data["link"]["features"]), tuple(data["link"]["coef"])),
        Logistic(tuple(data["document"]["features"]), tuple(data["document"]["coef"])),
        float(data["weak_below"]),
        float(data["translation_min"]),
        float(data["comparable_min"]),
        float(data.get("translation_at", 0.5)),
        _made_from_json(data.get("made")),
        float(data.get("blend", 0.0)),
        tuple(data.get("base", (1.0, 1.0))),
    )


def _made_from_json(made: Mapping | None) -> Logistic | Isotonic | None:
    if not made:
        return None
    if "isotonic" in made:
        return Isotonic(made["isotonic"]["feature"], tuple(made["isotonic"]["x"]),
                        tuple(made["isotonic"]["y"]))
    return Logistic(tuple(made["features"]), tuple(made["coef"]))


def _made_to_json(made: Logistic | Isotonic) -> dict:
    if isinstance(made, Isotonic):
        return {"isotonic": {"feature": made.feature, "x": [round(v, 4) for v in made.x],
                             "y": [round(v, 4) for v in made.y]}}
    return {"features": list(made.features), "coef": [round(c, 4) for c in made.coef]}


def to_json(cal: Calibration) -> dict:
    return {
        "link": {"features": list(cal.link.features), "coef": [round(c, 4) for c in cal.link.coef]},
        "document": {
            "features": list(cal.document.features),
            "coef": [round(c, 4) for c in cal.document.coef],
        },
        "weak_below": cal.weak_below,
        "translation_min": cal.translation_min,
        "comparable_min": cal.comparable_min,
        "translation_at": cal.translation_at,
        **({"made": _made_to_json(cal.made)} if cal.made else {}),
        **({"blend": cal.blend, "base": [round(b, 4) for b in cal.base]} if cal.blend else {}),
    }


def fit_logistic(rows: Sequence[Mapping[str, float]], labels: Sequence[bool],
                 features: Sequence[str], l2: float = 1.0) -> Logistic:
    """Maximum a posteriori logistic regression (Newton's method, L2 on the slopes)."""
    x = np.array([[1.0] + [r[f] for f in features] for r in rows])
    y = np.array([float(v) for v in labels])
    w = np.zeros(x.shape[1])
    penalty = l2 * np.diag([0.0] + [1.0] * len(features))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty @ w
        hess = x.T @ (x * (p * (1 - p))[:, None]) + penalty + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Logistic(tuple(features), tuple(float(c) for c in w))


def refit(path: Path = PATH) -> Calibration:
    """Fit both models and the thresholds on the dev half and write them to ``path``."""
    from .fitting import fit_on_dev

    cal = fit_on_dev()
    path.write_text(json.dumps(to_json(cal), indent=2) + "\n", encoding="utf-8")
    calibration.cache_clear()
    print(json.dumps(to_json(cal), indent=2))
    return cal
