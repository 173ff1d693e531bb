"""Document evidence from runs of neighbouring pairs (aligner._mutual_run and
aligner._probable_run), tried in the eighth round as translation-or-not features
for partly translated pages (not adopted: bench/align_fit.py calibration-cv, rows
"8:"); measured here on real dev pages of one outlet, a translation and a
separately written story."""

from __future__ import annotations

import math

from service.align.aligner import _mutual_run, document_features, run_path
from service.align.bilingual import load
from service.align.calibration import calibration
from service.align.candidates import candidate_features
from service.align.fitting import prepare

DOCS = load()


def test_a_run_steps_down_the_diagonal_and_scattered_pairs_do_not_make_one():
    # Five pairs in order, neighbours on both sides (one a sentence skipped).
    diagonal = [(0, 0), (1, 1), (2, 3), (3, 4), (5, 5)]
    assert _mutual_run(diagonal, 10) == {"run_count": math.log1p(5), "run_share": 0.5}
    # The same number of pairs in order, but far apart: runs of one.
    scattered = [(0, 0), (3, 4), (7, 8), (10, 12), (14, 15)]
    assert _mutual_run(scattered, 10)["run_count"] == math.log1p(1)
    # Out of order pairs never extend a run.
    assert _mutual_run([(0, 3), (1, 2), (2, 1)], 3)["run_count"] == math.log1p(1)
    assert _mutual_run([], 3) == {"run_count": 0.0, "run_share": 0.0}


def _gov_uk_seoul():
    docs = [d for d in DOCS if d.half == "dev" and d.source == "gov.uk (British Embassy Seoul)"]
    kinds = {d.kind for d in docs}
    assert kinds == {"translation", "comparable"}, kinds
    return {p.doc.kind: p for p in prepare("dev", docs=docs)}


def test_the_embassy_translation_holds_a_longer_run_than_its_separately_written_story():
    # The British Embassy Seoul's Korean text of a Foreign Office statement (a
    # translation the shipped models judge separately written: its sentences repeat
    # the same terms) against a Korean story of the same outlet written separately.
    pages = _gov_uk_seoul()
    cal = calibration()
    runs = {}
    with candidate_features():  # computed only when asked for (candidates.py)
        for kind, p in pages.items():
            scored = run_path(p.scorer)
            runs[kind] = document_features(scored, p.src, p.tgt, cal.link)
    assert runs["translation"]["run_count"] > runs["comparable"]["run_count"]
    assert runs["translation"]["run_share"] > runs["comparable"]["run_share"]
    assert runs["translation"]["probable_run"] > runs["comparable"]["probable_run"]
    for feats in runs.values():
        assert 0.0 <= feats["run_share"] <= 1.0
        assert 0.0 <= feats["probable_run_share"] <= 1.0


def test_links_of_a_translation_have_mutual_neighbours_more_often_than_a_separate_story():
    # neighbour_mutual (aligner.run_path): the share of a link's neighbouring path
    # links whose sentences are each other's best partner.
    mean = {}
    for kind, p in _gov_uk_seoul().items():
        with candidate_features():
            values = [f["neighbour_mutual"] for f in run_path(p.scorer).features if f]
        assert values and all(0.0 <= v <= 1.0 for v in values)
        mean[kind] = sum(values) / len(values)
    assert mean["translation"] > mean["comparable"] + 0.3
