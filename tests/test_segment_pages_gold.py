"""The real-page corpus and its hand gold follow the house convention's form:
every page has a SOURCE line and gold that covers it exactly, and the split
into development and unseen halves is by outlet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from service.segment.page_gold import (
    gold_problems,
    load_pages,
    load_split,
    locate,
    outlet_of,
)
from service.segment.types import KINDS

PAGES = Path(__file__).resolve().parent / "data" / "pages"
ALL_PAGES = load_pages(PAGES)


def test_corpus_size_and_outlets():
    assert len(ALL_PAGES) >= 40
    assert len({outlet_of(p.name) for p in ALL_PAGES}) >= 10


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_page_gold_covers_the_page_exactly(page):
    assert page.url.startswith("http")
    assert gold_problems(page) == []


def test_every_kind_occurs_in_the_gold():
    kinds = {seg.kind for page in ALL_PAGES for seg in page.gold}
    assert kinds == set(KINDS)


def test_split_is_by_outlet_and_covers_every_page():
    split = load_split(PAGES)
    development, unseen = split["development"], split["unseen"]
    assert sorted(development + unseen) == sorted(p.name for p in ALL_PAGES)
    assert not {outlet_of(n) for n in development} & {outlet_of(n) for n in unseen}
    assert len(development) >= 15 and len(unseen) >= 15


def test_checker_finds_a_gap_an_overlap_and_a_wrong_slice():
    page = ALL_PAGES[0]
    first, second, *rest = page.gold
    gap = replace(page, gold=(second, *rest))
    assert any("uncovered" in p for p in gold_problems(gap))
    overlap = replace(page, gold=(first, replace(second, start=first.start), *rest))
    assert any("before the previous" in p or "slice" in p for p in gold_problems(overlap))
    wrong_kind = replace(page, gold=(replace(first, kind="headline"), second, *rest))
    assert any("unknown kind" in p for p in gold_problems(wrong_kind))


def test_locate_allows_other_whitespace_and_marks_truncation():
    text = "SOURCE: x\nOne  line\nsplit here. Cut of"
    segments = locate(text, [("body", "One line split here."), ("body+", "Cut of")], 10)
    assert [s.text for s in segments] == ["One  line\nsplit here.", "Cut of"]
    assert [s.truncated for s in segments] == [False, True]
