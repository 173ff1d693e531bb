"""Ways of mapping the link model to a reported probability (issue 10, tenth round):
isotonic runs of a least size, beta and per-kind Platt features, shrinkage towards
each judged kind's rate, and the fresh batches' before-links kept for pooling."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from service.align.bilingual import DATA_DIR, load
from service.align.calibration import (
    Calibration,
    calibration,
    fit_isotonic,
    from_json,
    made_values,
    to_json,
)

from .fresh_batches import assert_fresh_batch

RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"


def _dev_link_probabilities():
    """(link-model probability, right) for the beads the shipped models pass on a few
    real dev pages of the third fresh batch, as calibration fitting sees them."""
    from service.align.fitting import _bead_labels, _scored_dev, prepare

    docs = [d for d in load([DATA_DIR / "fresh_round10.txt"]) if d.kind == "translation"]
    cal = calibration()
    out = []
    for doc, src, tgt, sp in _scored_dev(prepared=prepare("dev", docs)):
        for feats, label in zip(sp.features, _bead_labels(doc, src, tgt, sp), strict=True):
            if feats is not None:
                out.append((cal.link.probability({**feats, **sp.document}), bool(label)))
    return out


@pytest.fixture(scope="module")
def dev_links():
    links = _dev_link_probabilities()
    assert len(links) >= 20 and {y for _, y in links} == {True, False}
    return links


def test_isotonic_runs_hold_at_least_the_least_size_and_rise(dev_links):
    xs = [math.log(p / (1 - p)) for p, _ in dev_links]
    ys = [y for _, y in dev_links]
    free = fit_isotonic(xs, ys)
    coarse = fit_isotonic(xs, ys, min_block=10)
    # Runs of ten or more links: at most len/10 steps, and never more than the free fit.
    assert len(coarse.x) <= len(xs) // 10
    assert len(coarse.x) <= len(free.x)
    assert list(coarse.y) == sorted(coarse.y)
    assert list(coarse.x) == sorted(coarse.x)
    # One run of every link is the base rate (shrunk by one pseudo-link towards itself).
    whole = fit_isotonic(xs, ys, min_block=len(xs))
    assert whole.y == pytest.approx((sum(ys) / len(ys),))


def test_made_values_are_the_logodds_split_and_the_judged_kind():
    for p in (0.05, 0.5, 0.93):
        v = made_values(p, True)
        assert v["logodds"] == pytest.approx(math.log(p / (1 - p)))
        assert v["log_p"] + v["log_1mp"] == pytest.approx(v["logodds"])
        assert v["comparable"] == 0.0 and v["comparable_logodds"] == 0.0
        w = made_values(p, False)
        assert w["comparable"] == 1.0 and w["comparable_logodds"] == pytest.approx(v["logodds"])


def test_blending_moves_each_kind_towards_its_own_rate_and_keeps_the_order():
    shipped = calibration()
    shipped = Calibration(shipped.link, shipped.document, shipped.weak_below,
                          shipped.translation_min, shipped.comparable_min,
                          shipped.translation_at, made=shipped.made)  # unblended
    blended = Calibration(shipped.link, shipped.document, shipped.weak_below,
                          shipped.translation_min, shipped.comparable_min,
                          shipped.translation_at, made=shipped.made, blend=0.25,
                          base=(0.9, 0.6))
    for p in (0.5, 0.8, 0.99):
        for is_translation, rate in ((True, 0.9), (False, 0.6)):
            plain = shipped.score(p, is_translation)
            mixed = blended.score(p, is_translation)
            assert mixed == pytest.approx(0.75 * plain + 0.25 * rate)
    assert blended.score(0.6) < blended.score(0.7) < blended.score(0.9)
    # What a blended calibration writes it reads back.
    assert to_json(from_json(to_json(blended))) == to_json(blended)
    assert from_json(to_json(blended)).blend == 0.25


def test_each_fresh_batch_keeps_its_before_links_for_every_page():
    for batch in ("round7", "round9", "round10"):
        stored = json.loads((RESULTS / f"align-fresh-links-{batch}.json").read_text())
        docs = load([DATA_DIR / f"fresh_{batch}.txt"])
        assert set(stored["documents"]) == {d.doc_id for d in docs}
        for doc in docs:
            got = stored["documents"][doc.doc_id]
            for s, t, p in got["links"]:
                assert 0 <= s < len(doc.en) and 0 <= t < len(doc.target)
                assert 0.0 <= p <= 1.0


def test_the_third_fresh_batch_is_big_enough_and_from_outlets_in_neither_half():
    assert_fresh_batch(DATA_DIR / "fresh_round10.txt", ko=4, ja=5, comparable=3)


def cal_min() -> float:
    cal = calibration()
    return cal.score(cal.translation_min)


def test_a_bilingual_page_pairs_each_sentence_with_its_own_across_vocabulary_notes():
    # Korea JoongAng Daily's bilingual page: each English sentence, then notes
    # ("*payload: 탑재화물"), then its Korean; the notes are lines of their own.
    from service.align import align_texts
    from service.align.bilingual import predicted_links
    from service.align_article import anchors_from_glossary
    from service.glossary.files import load_glossary

    doc = next(d for d in load([DATA_DIR / "fresh_round10.txt"])
               if d.doc_id == "ko-joongangdaily-2012-12-north-fires-rocket")
    src, tgt, result = align_texts(doc.text("en"), doc.text("target"), doc.lang,
                                   anchors=anchors_from_glossary(load_glossary(), doc.lang))
    pred = predicted_links(doc, src, tgt, result)
    assert result.is_translation
    assert doc.gold_links() <= set(pred.links)
    # Each English sentence keeps its own Korean sentence whatever notes stand
    # between (a note next to the first sentence is still linked with it: the
    # largest error class on the new pages, README, align10 round).
    for s, t in doc.gold_links():
        assert pred.links[(s, t)] >= cal_min(), (s, t)
    cal = calibration()
    for p in pred.links.values():
        # Reported probabilities sit between the blend's floor and one.
        assert cal.blend * min(cal.base) <= p <= 1.0
