"""Candidate evidence no shipped model reads (service/align/candidates.py) is
computed only when a bench asks for it, and the alignment is the same either way."""

from __future__ import annotations

import pytest

from service.align import align_texts
from service.align.aligner import document_features, run_path
from service.align.bilingual import load
from service.align.calibration import calibration
from service.align.candidates import (
    CANDIDATES,
    DOCUMENT_CANDIDATES,
    LINK_CANDIDATES,
    candidate_features,
    wanted,
)
from service.align.fitting import Options, fit_calibration, prepare
from service.align_article import anchors_from_glossary
from service.glossary.files import load_glossary

# Real dev pages: a translation and a separately written story of one outlet, and
# two pages of the ninth round's fresh batch (en-ko and en-ja).
DOC_IDS = ("ko-govuk-2013-04-pyongyang-embassy", "ko-govuk-2013-04-pyongyang-embassy-afp",
           "ko-simplekoreannews-2017-04-missile-test", "ja-canadanet-2006-07-mackay-missile")
DOCS = [d for d in load() if d.doc_id in DOC_IDS]


def _beads(doc, glossary):
    anchors = anchors_from_glossary(glossary, doc.lang)
    _, _, result = align_texts(doc.text("en"), doc.text("target"), doc.lang, anchors=anchors)
    return ([(b.source, b.target, b.kind, b.score, b.weak) for b in result],
            result.translation_probability, result.is_translation)


def test_the_documents_are_there():
    assert {d.doc_id for d in DOCS} == set(DOC_IDS)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_the_alignment_is_the_same_with_and_without_the_candidates(doc_id):
    doc = next(d for d in DOCS if d.doc_id == doc_id)
    glossary = load_glossary()
    assert not wanted()
    plain = _beads(doc, glossary)
    with candidate_features():
        assert wanted()
        asked = _beads(doc, glossary)
    assert not wanted()
    assert plain == asked
    if doc.kind == "translation":
        assert any(b[0] and b[1] for b in plain[0])  # links were made


def test_serving_computes_no_candidate_and_a_bench_gets_every_one():
    cal = calibration()
    (p,) = prepare("dev", docs=[d for d in DOCS if d.doc_id == DOC_IDS[0]])
    plain = run_path(p.scorer)
    plain_doc = document_features(plain, p.src, p.tgt, cal.link)
    links = [f for f in plain.features if f is not None]
    assert links
    assert not any(set(f) & CANDIDATES for f in links)
    assert not set(plain_doc) & CANDIDATES
    with candidate_features():
        asked = run_path(p.scorer)
        asked_doc = document_features(asked, p.src, p.tgt, cal.link)
    for f in (f for f in asked.features if f is not None):
        assert set(LINK_CANDIDATES) <= set(f)
    assert set(DOCUMENT_CANDIDATES) <= set(asked_doc)
    # Everything serving computes is the same number with the candidates on.
    assert asked.path == plain.path
    for a, b in zip(asked.features, plain.features, strict=True):
        assert (a is None) == (b is None)
        if a is not None:
            assert {k: a[k] for k in b} == b
    assert {k: asked_doc[k] for k in plain_doc} == plain_doc


def test_fitting_a_model_on_a_candidate_nobody_computed_fails_clearly():
    from service.align.fitting import _scored_dev

    scored = _scored_dev(prepared=prepare("dev", docs=DOCS))
    with pytest.raises(ValueError, match="candidate_features"):
        fit_calibration(scored, Options(document_features=("cover_src", "run_count")))


def test_a_translations_links_stand_out_from_their_sentences_other_pairings():
    # The twelfth round's candidates: the embassy's Korean text of its statement against
    # AFP's story on the same event, one outlet; the translation's 1-1 links are far
    # cheaper and share far more dictionary words than their sentences' other pairings.
    with candidate_features():
        scored = {p.doc.doc_id: run_path(p.scorer).document
                  for p in prepare("dev", docs=[d for d in DOCS if d.doc_id in DOC_IDS[:2]])}
    translation, comparable = scored[DOC_IDS[0]], scored[DOC_IDS[1]]
    for feature in ("doc_lift", "doc_dictionary_lift", "confident_src"):
        assert translation[feature] > comparable[feature] + 0.2, feature
    assert 0.0 <= comparable["confident_src"] <= translation["confident_src"] <= 1.0


def test_a_title_pairs_anchor_margin_is_taken_over_the_other_titles_only():
    # The EEAS statement's headline repeats the anchors of its first sentence: over its
    # neighbours its margin is negative, over the other titles it is not.
    doc = next(d for d in load() if d.doc_id == "ja-eeas-2017-08-missile-over-japan")
    (p,) = prepare("dev", docs=[doc])
    with candidate_features():
        scored = run_path(p.scorer)
    links = [(bead, f) for bead, f in zip(scored.path, scored.features, strict=True)
             if f is not None]
    titles = [f for _, f in links if f["titles"]]
    assert titles
    assert all(f["specific_kind"] >= f["specific"] for f in titles)
    assert any(f["specific_kind"] > f["specific"] for f in titles)
    assert all(f["specific_kind"] == f["specific"] for _, f in links if not f["titles"])


def test_a_translations_links_stand_out_in_dictionary_share_and_a_comparable_storys_do_not():
    """The fifteenth round's per-link evidence: the govuk translation's path links share
    more of their English dictionary words with their partner than with any target
    sentence nearby; the AFP story on the same event, forced onto a path, does not."""
    pair = [d for d in DOCS if d.doc_id in DOC_IDS[:2]]
    lift, anchored = {}, {}
    for p in prepare("dev", docs=pair):
        with candidate_features():
            links = [f for f in run_path(p.scorer).features if f is not None]
        assert links
        lift[p.doc.kind] = sum(f["dictionary_lift"] for f in links) / len(links)
        anchored[p.doc.kind] = sum(f["specific_any"] for f in links) / len(links)
    assert lift["translation"] > 0 > lift["comparable"]
    assert anchored["translation"] > anchored["comparable"]
