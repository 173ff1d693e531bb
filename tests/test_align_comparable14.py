"""Issue 10, fourteenth round: where the wrong links in comparable stories come from.

Dev half, each outlet decided by a calibration fitted without it (README, align14
round; `python bench/align_errors.py --comparable`). In stories judged separately
written the comparable threshold holds their links to 15 right of 17; the wrong
links that keep comparable precision at 0.695 sit in comparable stories the
document model judged translations (26 right of 44), where the threshold never
applied. Raising the threshold lowers precision (the two wrong links in stories
judged separately written score 0.97), so the floor stays at 0.80.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from service.align.bilingual import count, predicted_links
from service.align.fitting import Options, _scored_dev, cross_fitted, prepare

ROOT = Path(__file__).resolve().parent.parent
# Unit links right / made in dev comparable stories, cross-fitted, by judged kind.
JUDGED_SEPARATELY = (15, 17)
JUDGED_TRANSLATION = (26, 44)
# Cross-fitted dev comparable precision with the floor at 0.80 (shipped) and 0.90.
FLOOR_PRECISION = {0.80: 0.695, 0.90: 0.667}


@pytest.fixture(scope="module")
def scored():
    return _scored_dev(prepared=prepare("dev"))


def _by_judged_kind(scored, alignments) -> dict[bool, list[int]]:
    sys.path.insert(0, str(ROOT / "bench"))
    from align_errors import comparable_links

    totals = {True: [0, 0], False: [0, 0]}
    for (doc, src, tgt, _), alignment in zip(scored, alignments, strict=True):
        if doc.kind == "translation":
            continue
        for bead, right, n in comparable_links(doc, src, tgt, alignment):
            assert 0 <= right <= n and bead.source and bead.target
            totals[alignment.is_translation][0] += right
            totals[alignment.is_translation][1] += n
    return totals


def test_comparable_links_judged_separately_written_hold_and_the_rest_are_the_gap(scored):
    totals = _by_judged_kind(scored, cross_fitted(scored))
    right, made = totals[False]
    assert made >= JUDGED_SEPARATELY[1] - 2
    assert right / made >= JUDGED_SEPARATELY[0] / JUDGED_SEPARATELY[1] - 0.01
    # The stories judged translations are where precision is lost: more wrong links
    # there than among the stories the stricter threshold applies to.
    t_right, t_made = totals[True]
    assert t_made - t_right > made - right
    assert t_right / t_made <= JUDGED_TRANSLATION[0] / JUDGED_TRANSLATION[1] + 0.05


def test_a_stricter_comparable_floor_does_not_buy_precision(scored):
    docs = [doc for doc, *_ in scored]
    precision = {}
    for floor in FLOOR_PRECISION:
        alignments = cross_fitted(scored, options=Options(comparable_floor=floor))
        preds = [predicted_links(doc, src, tgt, a)
                 for (doc, src, tgt, _), a in zip(scored, alignments, strict=True)]
        idx = [k for k, d in enumerate(docs) if d.kind == "comparable"]
        precision[floor] = count([docs[k] for k in idx], [preds[k] for k in idx]).precision
        assert precision[floor] >= FLOOR_PRECISION[floor] - 0.01
    # The wrong links in stories judged separately written score highest: a higher
    # floor drops right links first (README, align14: 0.85 0.673, 0.95 0.617).
    assert precision[0.90] <= precision[0.80]
