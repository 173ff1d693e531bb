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

    def fake_fit(train, options=None):
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


def test_isotonic_mapping_rises_and_is_shrunk_towards_the_base_rate():
    from service.align.calibration import fit_isotonic

    rng = random.Random(5)
    xs = [rng.uniform(-3, 5) for _ in range(300)]
    labels = [rng.random() < 1 / (1 + 2.718 ** -x) for x in xs]
    iso = fit_isotonic(xs, labels)
    assert list(iso.y) == sorted(iso.y) and list(iso.x) == sorted(iso.x)
    assert iso.probability({"logodds": -3.0}) < 0.4 < 0.8 < iso.probability({"logodds": 5.0})
    # Three right links alone are not certainty: the block is shrunk towards the base rate.
    assert fit_isotonic([1.0, 2.0, 3.0, 0.0], [True, True, True, False]).y[-1] < 1.0


def test_a_calibration_with_an_isotonic_mapping_survives_json():
    from service.align.calibration import Calibration, Isotonic, from_json, to_json

    link = Logistic(("cues",), (0.1, 2.0))
    cal = Calibration(link, Logistic(("doc_margin",), (0.0, 1.0)), 0.8, 0.45, 0.95,
                      made=Isotonic("logodds", (-1.0, 2.0), (0.6, 0.95)))
    back = from_json(to_json(cal))
    assert back == cal
    assert back.score(0.5) == 0.6 + (0.95 - 0.6) * (1 / 3)  # interpolated at log-odds 0


_TWO_DOCS = """
=== a
lang: ko
kind: translation
source: x
half: dev
en_url: http://a
target_url: http://b
--- en
title| T
body| One.
body| Two.
body| Three.
credit| By someone
--- target
title| 티
body| 하나.
body| 둘 셋.
body| 군더더기.
--- gold
0 : 0
1 : 1
2 3 : 2
"""


def test_bead_priors_come_from_the_gold_shapes():
    from service.align.bilingual import _parse

    docs = _parse(_TWO_DOCS, "inline")
    counts = linkmodel.gold_bead_counts(docs)
    # The credit is not the page's own text; the unlinked Korean sentence is.
    assert counts == {"1-1": 2, "merge": 1, "2-2": 0, "null": 1}
    plain = _parse(_TWO_DOCS.replace("=== a", "=== b").replace("2 3 : 2", "2 : 2\n3 : 3"),
                   "inline")
    # A second document whose beads are all 1-1: merges become rarer, so dearer.
    assert linkmodel.prior_weights(docs + plain).merge > linkmodel.prior_weights(docs).merge


def test_out_of_fold_fitting_scores_each_outlet_with_a_model_fitted_without_it(monkeypatch):
    from service.align.calibration import fit_logistic

    dev = [d for d in load() if d.half == "dev" and d.kind == "translation"]
    picked, outlets = [], set()
    for d in dev:
        if d.source not in outlets and len(picked) < 3:
            picked.append(d)
            outlets.add(d.source)
    scored = fitting._scored_dev(prepared=fitting.prepare("dev", picked))
    sizes = []

    def spy(rows, labels, features, l2=1.0):
        sizes.append((tuple(features), len(rows)))
        return fit_logistic(rows, labels, features, l2)

    monkeypatch.setattr(fitting, "fit_logistic", spy)
    fitting.fit_calibration(scored, fitting.Options(out_of_fold=True))
    link_fits = [n for f, n in sizes if f == fitting.LINK_FEATURES]
    # The full link model, then one per outlet fitted on fewer rows than the full one.
    assert link_fits[0] > max(link_fits[1:]) and 1 <= len(link_fits) - 1 <= len(outlets)
