"""The aligner on real bilingual pages (tests/data/bilingual/): the set itself,
the figures README.md reports, and the behaviour behind them."""

from __future__ import annotations

import pytest

from service.align import Alignment, align_texts
from service.align.bilingual import (
    Document,
    Prediction,
    calibration_pairs,
    count,
    expected_calibration_error,
    load,
    predicted_links,
)
from service.align.calibration import calibration, to_json
from service.align.fitting import fit_on_dev
from service.align_article import anchors_from_glossary
from service.glossary.files import load_glossary

DOCS = load()
_JUNK = {"credit", "footer", "debris"}

# The figures reported in README.md (`python bench/align_real_eval.py`,
# repository glossary on). A figure that drops more than
# 0.01 below them fails. The dev half grew from 32 to 53 documents in the third
# round and to 59 in the fourth (six comparable stories from new outlets), so its
# figures moved with it. Fourth round: the aligner runs on the second-round
# English segmenter (retrained in the fourth round, seg4) and was refitted on it
# (`python bench/align_fit.py calibration`). Against the third round: unseen
# en-ja 0.885 -> 0.889, comparable precision 0.300 -> 0.800, ECE 0.135 -> 0.120,
# 12 of 14 documents judged right (11). On align4's fit with the earlier
# round-2 model (notes in README) dev comparable precision was 0.741 as shipped,
# 0.724 cross-fitted: the retrained segmenter cuts datelines off more pages, and
# the aligner links some of them; the pins follow what ships.
# Fifth round (align5): a dateline alone is never a link, and the document model
# reads length_gap too (refit with `python bench/align_fit.py calibration`). The
# unseen en-ja pin falls 0.889 -> 0.868 and the dev ECE pins loosen (0.031 ->
# 0.046 as shipped, 0.014 -> 0.040 cross-fitted, still under issue 10's 0.05):
# what the changes, chosen on the dev half, measured (README, align5 round).
# Sixth round (align6): JMdict dictionary evidence in the path (reward 0.5 per
# English word whose Japanese form or Sino-Korean reading the target has), refit:
# dev as shipped en-ko 0.870 -> 0.899, en-ja 0.898 -> 0.914, comparable precision
# 0.739 -> 0.857, titles 9 -> 10, judged 52 -> 54, ECE 0.046 -> 0.036;
# cross-fitted 0.866/0.898/0.714/0.032 -> 0.895/0.914/0.821/0.023; unseen
# (aggregates, printed once at the end) en-ko 0.889 -> 0.914, ECE 0.108 -> 0.073,
# the rest unchanged (README, align6 round).
# Seventh round (align7): the dev half grew from 59 to 70 documents with eleven
# pages from outlets new to the set (fresh_round7.txt), harder than the old dev
# pages (scored before any change: en-ko 0.500 on them), so the dev pins move with
# the set, not with the aligner: on the 70 documents the sixth round's models,
# refitted, give cross-fitted en-ko 0.842, en-ja 0.936, comparable 0.703, ECE 0.045;
# the seventh round's (dictionary and margin in the link model, diagonal_count in
# the document model) 0.867 / 0.933 / 0.730 / 0.030; as shipped 0.874 / 0.936 /
# 0.765 / 0.031, titles 13, judged 63 of 70 (README, align7 round). Unseen
# (aggregates, printed once at the end of the round): unchanged but for ECE
# 0.073 -> 0.062, whose pin tightens.
# Ninth round (align9): the dev half grew from 70 to 82 documents with a second batch
# of pages from outlets new to the set (fresh_round9.txt, scored before any change),
# and the models were refitted on it (`python bench/align_fit.py calibration`): the
# dev pins move with the set. As shipped 0.877 / 0.932, comparable 0.763 (38 links),
# ECE 0.026, titles 17 (of 25), judged 73 of 82 (the seventh round's fit, not
# refitted, gives 0.880 / 0.932 / 0.771 / 0.028, 75 judged: in-sample figures of a
# fit on fewer documents); cross-fitted 0.874 / 0.929 / 0.744 / 0.022
# (README, align9 round). Unseen (aggregates, printed once at the end of the
# round): unchanged but for ECE 0.062 -> 0.060, whose pin tightens.
# Tenth round (align10): the dev half grew from 82 to 94 documents with a third batch
# of pages from outlets new to the set (fresh_round10.txt, scored before any change:
# en-ko 0.762, en-ja 0.769 on them), so the dev pins move with the set, not with the
# aligner; the made-link probability is now blended with each judged kind's rate of
# right dev links (fitting.Options.blend 0.25, chosen by held-out ECE: dev
# leave-one-outlet-out 0.034 -> 0.031, fresh batches fitted without them 0.057 ->
# 0.041) and the models refitted on the 94 documents. As shipped 0.868 / 0.910,
# comparable 0.761 (46 links), ECE 0.037, titles 17 (of 29), judged 84 of 94;
# cross-fitted 0.863 / 0.910 / 0.714 / 0.031 (README, align10 round). Unseen
# (aggregates, printed once at the end of the round): unchanged but for ECE
# 0.060 -> 0.047, whose pin tightens.
# Eleventh round (align11): the dev half grew from 94 to 104 documents with a fourth
# batch of pages from outlets new to the set (fresh_round11.txt, scored before any
# change: en-ko 0.958, en-ja 0.821), and the target side types learners' vocabulary
# glosses as page furniture and a heading above the page's text as its title; the
# models refitted on the 104 documents. As shipped 0.887 / 0.913, comparable 0.725
# (51 links; the tenth round's calibration with the new typing gives 0.771 on 48 links
# but ECE 0.036), ECE 0.029, titles 21 (of 33), judged 92 of 104; cross-fitted
# 0.883 / 0.908 / 0.755 / 0.019 (the tenth round's code on the 104 documents: 0.873 /
# 0.903 / 0.706 / 0.028). Unseen (aggregates, printed once at the end of the round):
# link figures, titles and judgements unchanged, ECE 0.047 -> 0.079 (its pin loosens;
# above issue 10's 0.05: README, eleventh round).
# Merge of segfresh6 (the English segmenter retrained on all development pages) and the
# calibration refitted on it: dev as shipped 0.885 / 0.913, comparable 0.783 (46 links),
# ECE 0.030, titles 22, judged 93 of 104. Unseen (aggregates, printed once after the
# refit): en-ko 0.914, en-ja 0.868 -> 0.885, titles 3, comparable 0.800, judged 13 of 14,
# ECE 0.079 -> 0.099 (its pin loosens again; README, "Segmenter retrained").
# Thirteenth round (align13): the dev half grew from 104 to 113 documents with a fifth
# batch of pages from outlets new to the set (fresh_round13.txt, scored before any
# change: en-ko 1.000, en-ja 0.926); 2-1/1-2 beads whose merged side is one paragraph
# cost less, across a paragraph more (scoring.Weights merge_inside/merge_across, fitted
# from the gold), and the made-link map is flatter (fitting.MADE_L2 20); the models
# refitted on the 113 documents. As shipped 0.900 / 0.924, comparable 0.719 (57 links),
# ECE 0.030, titles 28 (of 38), judged 100 of 113 (main's aligner on the 113: 0.899 /
# 0.914 / 0.727 / 0.027, titles 26, judged 101); cross-fitted 0.900 / 0.920 / 0.695 /
# 0.025 (main's: 0.896 / 0.910 / 0.717 / 0.026). Unseen (aggregates, printed once at
# the end of the round): link figures, titles and judgements unchanged, ECE 0.099 ->
# 0.094 (its spread over documents drawn again 0.047-0.164; README, align13 round).
REPORTED_F1 = {
    ("dev", "ko"): 0.900,
    ("dev", "ja"): 0.924,
    ("unseen", "ko"): 0.914,
    ("unseen", "ja"): 0.885,
}
REPORTED_COMPARABLE_PRECISION = {"dev": 0.719, "unseen": 0.800}
REPORTED_ECE = {"dev": 0.030, "unseen": 0.094}
REPORTED_TITLES_PAIRED = {"dev": 28, "unseen": 3}
REPORTED_JUDGED_RIGHT = {"dev": 100, "unseen": 13}
# The honest dev figures: each outlet decided by a calibration fitted without it
# (`python bench/align_real_eval.py --cv`).
CROSS_FITTED_DEV = {"ko": 0.900, "ja": 0.920, "comparable_precision": 0.695, "ece": 0.025}


def _run(doc: Document, glossary) -> tuple[Prediction, Alignment, list, list]:
    anchors = anchors_from_glossary(glossary, doc.lang) if glossary is not None else None
    src, tgt, result = align_texts(doc.text("en"), doc.text("target"), doc.lang, anchors=anchors)
    return predicted_links(doc, src, tgt, result), result, src, tgt


@pytest.fixture(scope="module")
def runs():
    glossary = load_glossary()
    return {doc.doc_id: _run(doc, glossary) for doc in DOCS}


def _subset(runs, half: str, kind: str, lang: str | None = None):
    docs = [d for d in DOCS if d.half == half and d.kind == kind and lang in (None, d.lang)]
    return docs, [runs[d.doc_id][0] for d in docs]


def test_the_set_has_enough_real_pages_each_with_its_urls():
    translations = [d for d in DOCS if d.kind == "translation"]
    assert sum(d.lang == "ko" for d in translations) >= 8
    assert sum(d.lang == "ja" for d in translations) >= 8
    assert sum(d.kind == "comparable" for d in DOCS) >= 10
    for doc in DOCS:
        assert doc.en_url.startswith("http") and doc.target_url.startswith("http"), doc.doc_id
        assert doc.en and doc.target, doc.doc_id
    assert all(d.gold for d in translations)
    assert len({d.doc_id for d in DOCS}) == len(DOCS)


def test_the_split_is_by_outlet_and_both_halves_have_every_kind():
    dev = {d.source for d in DOCS if d.half == "dev"}
    unseen = {d.source for d in DOCS if d.half == "unseen"}
    assert not dev & unseen
    for half in ("dev", "unseen"):
        for kind, lang in (("translation", "ko"), ("translation", "ja"), ("comparable", None)):
            assert _subset({d.doc_id: (None,) for d in DOCS}, half, kind, lang)[0]


@pytest.mark.parametrize(("half", "lang"), sorted(REPORTED_F1))
def test_link_f1_holds(runs, half, lang):
    # Figures are taken out before comparing: a failing assert names numbers only,
    # never the documents and links pytest would otherwise print (unseen ones too).
    f1 = float(count(*_subset(runs, half, "translation", lang)).f1)
    assert f1 >= REPORTED_F1[(half, lang)] - 0.01, f"{half} {lang}: F1 {f1:.3f}"


@pytest.mark.parametrize("half", ["dev", "unseen"])
def test_comparable_precision_calibration_titles_and_judgement_hold(runs, half):
    precision = float(count(*_subset(runs, half, "comparable")).precision)
    assert precision >= REPORTED_COMPARABLE_PRECISION[half] - 0.01, f"{half}: {precision:.3f}"
    every = [d for d in DOCS if d.half == half]
    ece = float(expected_calibration_error(
        calibration_pairs(every, [runs[d.doc_id][0] for d in every])))
    assert ece <= REPORTED_ECE[half] + 0.01, f"{half}: ECE {ece:.3f}"
    titles = int(count(*_subset(runs, half, "translation")).titles_paired)
    assert titles >= REPORTED_TITLES_PAIRED[half], f"{half}: {titles} titles paired"
    judged = sum(runs[d.doc_id][1].is_translation == (d.kind == "translation") for d in every)
    assert judged >= REPORTED_JUDGED_RIGHT[half], f"{half}: {judged} judged right"


def test_the_glossary_never_lowers_link_f1_on_the_dev_half(runs):
    # Tenth round: on the grown dev half the glossary costs one en-ja link of 215
    # (NHK's learners' page, ja-nhk-enews-2017-03-missile-launch-successful: the
    # translation writes Kim Jong Un as キム・ジョンウン and only an explanation line
    # below holds the glossary's 金正恩; with the glossary the path loses the next
    # sentence's link; F1 0.912 without, 0.910 with). Until such anchors are fixed
    # (the glossary's owner) the glossary may cost at most that one link.
    for lang in ("ko", "ja"):
        docs, with_glossary = _subset(runs, "dev", "translation", lang)
        without = [_run(d, None)[0] for d in docs]
        made, plain = count(docs, with_glossary), count(docs, without)
        assert made.tp >= plain.tp - (1 if lang == "ja" else 0)
        assert made.f1 >= plain.f1 - (0.005 if lang == "ja" else 0.0)


def test_typed_junk_is_never_linked_and_scores_are_probabilities(runs):
    cal = calibration()
    for doc in DOCS:
        _, result, src, tgt = runs[doc.doc_id]
        assert 0.0 <= result.translation_probability <= 1.0
        assert result.is_translation == (result.translation_probability >= cal.translation_at)
        for bead in result:
            if bead.source and bead.target:
                kinds = {src[i].kind for i in bead.source} | {tgt[j].kind for j in bead.target}
                assert not kinds & _JUNK, (doc.doc_id, bead)
                # Reported probabilities rise with the link model's (calibration.py).
                assert cal.score(cal.translation_min) - 1e-4 <= bead.score <= 1.0
                assert bead.weak == (bead.score < cal.weak_below)
            else:
                assert bead.score == 0.0


def test_the_shipped_calibration_is_what_the_refit_script_writes():
    assert to_json(fit_on_dev()) == to_json(calibration())


def test_cross_fitted_dev_figures_hold():
    from service.align.fitting import _scored_dev, cross_fitted, prepare

    scored = _scored_dev(prepared=prepare("dev"))
    docs = [doc for doc, *_ in scored]
    preds = [predicted_links(doc, src, tgt, a)
             for (doc, src, tgt, _), a in zip(scored, cross_fitted(scored), strict=True)]

    def subset(kind, lang=None):
        idx = [k for k, d in enumerate(docs) if d.kind == kind and lang in (None, d.lang)]
        return count([docs[k] for k in idx], [preds[k] for k in idx])

    assert subset("translation", "ko").f1 >= CROSS_FITTED_DEV["ko"] - 0.01
    assert subset("translation", "ja").f1 >= CROSS_FITTED_DEV["ja"] - 0.01
    assert subset("comparable").precision >= CROSS_FITTED_DEV["comparable_precision"] - 0.01
    ece = expected_calibration_error(calibration_pairs(docs, preds))
    assert ece <= CROSS_FITTED_DEV["ece"] + 0.01


def test_the_document_model_trusts_a_covered_text_and_separately_written_links_need_more():
    from service.align.fitting import Options

    cal = calibration()
    assert "cover_src" in cal.document.features
    base = {f: 0.0 for f in cal.document.features}
    whole = cal.document.probability({**base, "cover_src": 1.0, "cover_tgt": 1.0})
    third = cal.document.probability({**base, "cover_src": 0.33, "cover_tgt": 0.33})
    assert whole > third
    # A document judged separately written asks more of each link than a translation,
    # and never less than the floor chosen on the dev half.
    assert cal.comparable_min >= max(cal.translation_min, Options().comparable_floor)
