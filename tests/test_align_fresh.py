"""The seventh round: pages from outlets new to the set (fresh_round7.txt) and the
evidence added for them (the JMdict word share and the margin in the link model,
how many best pairs run in order in the document model)."""

from __future__ import annotations

from service.align.aligner import _best_partners, _mutual_order
from service.align.bilingual import DATA_DIR, load
from service.align.calibration import calibration
from service.align.fitting import prepare

FRESH = load([DATA_DIR / "fresh_round7.txt"])
OLDER = [d for d in load() if d.doc_id not in {f.doc_id for f in FRESH}]


def _prepared(doc_id: str):
    (prepared,) = prepare("dev", [d for d in FRESH if d.doc_id == doc_id])
    return prepared


def _gold_segment_pairs(prepared) -> list[tuple[int, int]]:
    """1-1 gold links as (source segment, target segment), where a segment is one unit."""
    by_text_src = {s.text: k for k, s in enumerate(prepared.src)}
    by_text_tgt = {t.text: k for k, t in enumerate(prepared.tgt)}
    doc = prepared.doc
    pairs = []
    for ss, ts in doc.gold:
        if len(ss) == len(ts) == 1:
            i = by_text_src.get(doc.en[ss[0]].text)
            j = by_text_tgt.get(doc.target[ts[0]].text)
            if i is not None and j is not None and doc.en[ss[0]].kind == "body":
                pairs.append((i, j))
    return pairs


def test_the_fresh_pages_come_from_outlets_new_to_the_set_and_are_dev_pages():
    assert sum(d.kind == "translation" and d.lang == "ko" for d in FRESH) >= 4
    assert sum(d.kind == "translation" and d.lang == "ja" for d in FRESH) >= 4
    assert sum(d.kind == "comparable" for d in FRESH) >= 2
    older_outlets = {d.source for d in OLDER}
    assert not {d.source for d in FRESH} & older_outlets
    # Measured once before any change, then part of the dev half (never unseen).
    assert all(d.half == "dev" for d in FRESH)


def test_dictionary_words_and_the_margin_tell_a_right_pair_from_its_neighbour():
    # The British embassy's Korean statement repeats its terms (embassy, North Korea,
    # international organisations): counted anchors barely separate its sentences,
    # the share of JMdict words and the cost margin do.
    prepared = _prepared("ko-govuk-2013-04-pyongyang-embassy")
    pairs = _gold_segment_pairs(prepared)
    assert len(pairs) >= 4
    right_dictionary = wrong_dictionary = right_margin = 0.0
    shifted = 0
    for i, j in pairs:
        feats = prepared.scorer.bead_features(i, 1, j, 1)
        right_dictionary += feats["dictionary"]
        right_margin += feats["margin"]
        if j + 1 < len(prepared.tgt):
            wrong_dictionary += prepared.scorer.bead_features(i, 1, j + 1, 1)["dictionary"]
            shifted += 1
    assert right_dictionary / len(pairs) > wrong_dictionary / max(shifted, 1)
    assert right_margin / len(pairs) > 0.0
    cal = calibration()
    assert {"dictionary", "margin"} <= set(cal.link.features)
    # More of the English words found in the target never lowers a link's probability.
    coef = dict(zip(cal.link.features, cal.link.coef[1:], strict=True))
    assert coef["dictionary"] > 0


def test_a_translation_runs_more_best_pairs_in_order_than_a_story_written_separately():
    # The same Korean statement against its English original and against AFP's story
    # that quotes it: the translation's sentences pick each other in order.
    translation = _prepared("ko-govuk-2013-04-pyongyang-embassy")
    story = _prepared("ko-govuk-2013-04-pyongyang-embassy-afp")
    counts = []
    for prepared in (translation, story):
        _, _, pairs, _ = _best_partners(prepared.scorer)
        counts.append(_mutual_order(prepared.scorer, pairs)["diagonal_count"])
    assert counts[0] > counts[1]
    cal = calibration()
    base = {f: 0.0 for f in cal.document.features}
    few = cal.document.probability({**base, "diagonal_count": 1.0})
    many = cal.document.probability({**base, "diagonal_count": 3.0})
    assert many > few
