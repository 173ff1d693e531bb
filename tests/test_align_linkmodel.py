"""The learned-cost experiment (service/align/linkmodel.py) and the cross-fitted
calibration (service/align/fitting.py)."""

from __future__ import annotations

import random

from service.align import fitting, linkmodel
from service.align.bilingual import load
from service.align.calibration import Logistic
from service.align.scoring import HAND_WEIGHTS


def test_model_becomes_costs_minus_log_odds():
    model = Logistic(("length", "numbers", "missing", "titles"), (1.5, -0.8, 2.0, -1.0, 3.0))
    w = linkmodel.to_weights(model, HAND_WEIGHTS, null=2.0)
    assert (w.link, w.length, w.number, w.miss, w.title) == (-1.5, 0.8, 2.0, 1.0, 3.0)
    assert (w.null, w.null_aside) == (2.0, 1.0)
    # A kind of evidence the model does not use costs nothing.
    assert w.latin == 0.0 and w.cue == 0.0


def test_a_feature_with_the_wrong_sign_is_left_out():
    rng = random.Random(3)
    rows, labels = [], []
    for _ in range(400):
        right = rng.random() < 0.5
        # "numbers" (a reward) made to go with wrong beads: the fit must drop it.
        rows.append({"length": rng.gauss(1.0 if right else 3.0, 1.0),
                     "numbers": float(not right and rng.random() < 0.7)})
        labels.append(right)
    model = linkmodel.fit(rows, labels, features=("length", "numbers"))
    assert model.features == ("length",)
    assert model.coef[1] < 0


def test_candidates_cover_the_diagonal_and_the_gold_cells():
    cands = linkmodel.candidates(10, 12, gold_cells=[(0, 9)])
    assert (0, 1, 0, 1) in cands and (9, 1, 11, 1) in cands
    assert (0, 1, 9, 1) in cands and (0, 1, 7, 2) in cands  # around an off-diagonal gold bead
    assert all(i + di <= 10 and j + dj <= 12 for i, di, j, dj in cands)
    assert {(di, dj) for _, di, _, dj in cands} == {(1, 1), (2, 1), (1, 2)}


def test_cross_fitting_never_fits_on_the_documents_own_outlet(monkeypatch):
    docs = [d for d in load() if d.half == "dev"]
    scored = [(d, [], [], None) for d in docs]
    seen: list[set[str]] = []

    def fake_fit(train):
        seen.append({d.source for d, *_ in train})
        return "cal"

    decided = []
    monkeypatch.setattr(fitting, "fit_calibration", fake_fit)
    monkeypatch.setattr(fitting, "decide",
                        lambda sp, src, tgt, cal: decided.append(cal) or cal)
    out = fitting.cross_fitted(scored)
    outlets = {d.source for d in docs}
    assert len(out) == len(docs) and len(seen) == len(outlets)
    for trained_on in seen:
        assert len(outlets - trained_on) == 1  # exactly one outlet held out each time
