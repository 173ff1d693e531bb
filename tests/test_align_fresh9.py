"""The ninth round: a second batch of pages from outlets new to the set
(fresh_round9.txt), scored once before any change, then made dev pages; and the
evidence tried for its largest error class (sentences a translator split, left
unpaired: scoring.Weights.null_shared, linkmodel.shared_null_cost)."""

from __future__ import annotations

from service.align.bilingual import DATA_DIR, load
from service.align.fitting import prepare
from service.align.linkmodel import shared_null_cost
from service.align.scoring import DEFAULT_WEIGHTS, shares_paragraph

from .fresh_batches import assert_fresh_batch

FRESH = load([DATA_DIR / "fresh_round9.txt"])


def test_the_second_fresh_batch_is_big_enough_and_from_outlets_in_neither_half():
    assert len(FRESH) >= 12
    assert_fresh_batch(DATA_DIR / "fresh_round9.txt", ko=4, ja=5, comparable=3)


def test_a_unit_sharing_its_paragraph_is_left_unlinked_less_often_in_the_gold():
    dev = [d for d in load() if d.half == "dev"]
    cost = shared_null_cost(dev)
    # log(rate alone / rate sharing): the dev gold leaves a unit alone in its
    # paragraph unlinked about twice as often.
    assert 0.4 < cost < 1.2
    # Comparable stories (most units unlinked by design) are not read.
    assert shared_null_cost([d for d in dev if d.kind == "comparable"]) == 0.0


def test_the_segmenter_keeps_paragraphs_and_a_shared_sentence_costs_more_to_unpair():
    # A forum post translating Obama's 2008 victory speech: the translator split the
    # first English sentence in two Korean sentences of one paragraph. A blog's
    # heading above its translation stands alone in its paragraph.
    pages = {p.doc.doc_id: p for p in prepare("dev", [
        d for d in FRESH if d.doc_id in ("ko-pgr21-2008-11-obama-victory",
                                         "ko-davey-2004-07-obama-audacity-of-hope")])}
    p = pages["ko-pgr21-2008-11-obama-victory"]
    flags = shares_paragraph(p.tgt)
    assert flags == p.scorer.tgt.shared
    split = [k for k, t in enumerate(p.tgt) if t.text.startswith("오늘이 바로")]
    assert split and flags[split[0]]
    blog = pages["ko-davey-2004-07-obama-audacity-of-hope"]
    heading = [k for k, t in enumerate(blog.tgt) if t.text.startswith("1. 본문")]
    assert heading and not blog.scorer.tgt.shared[heading[0]]
    assert any(blog.scorer.tgt.shared)
    scorer = p.scorer.with_weights(DEFAULT_WEIGHTS.__class__(null_shared=0.7))
    assert scorer.cost(0, 0, split[0], 1) > p.scorer.cost(0, 0, split[0], 1)
