"""Term finding meets its goal on our own hand-marked wire articles (no timing)."""

from __future__ import annotations

from bench.glossary_eval import Score, own_scores, parse_marked
from service.glossary import load_glossary


def test_parse_marked_strips_marks_and_keeps_offsets():
    lines, marks = parse_marked("[[dprk|NK]] and [[russia|Russia]]\nno marks")
    assert lines == ["NK and Russia", "no marks"]
    assert marks == [(0, 0, 2, "dprk"), (0, 7, 13, "russia")]


def test_own_marked_articles_meet_the_goal():
    scores = own_scores(load_glossary())
    assert len(scores) >= 3
    total = Score("total")
    for s in scores:
        total.add(s)
    assert total.marks >= 100
    assert total.recall >= 0.98, total.misses
    assert total.precision == 1.0, total.false
