"""Our pySBD segmenter maps sentences back to the text with ``str.find``
instead of a regex per sentence: it must give exactly pySBD's output."""

from __future__ import annotations

from pathlib import Path

import pysbd
import pytest

from service.segment.en_sentences import _Segmenter, plainly_one_sentence

from .conftest import NTREX, needs_shared

PAGES = Path(__file__).resolve().parent / "data" / "pages"


def _both(text: str) -> tuple[list[str], list[str]]:
    ours = _Segmenter(language="en", clean=False).segment(text)
    theirs = pysbd.Segmenter(language="en", clean=False).segment(text)
    return ours, theirs


def _page_lines() -> list[str]:
    return [line for page in sorted(PAGES.glob("*.txt"))
            for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_same_sentences_as_pysbd_on_every_line_of_the_real_pages():
    lines = _page_lines()
    assert len(lines) > 1500
    differing = [line for line in lines if _both(line)[0] != _both(line)[1]]
    assert differing == []


@needs_shared(NTREX)
def test_same_sentences_as_pysbd_on_ntrex_paragraphs():
    lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    paragraphs = [" ".join(lines[i:i + 6]) for i in range(0, 600, 6)]
    for paragraph in paragraphs:
        ours, theirs = _both(paragraph)
        assert ours == theirs


@pytest.mark.parametrize("text", [
    "Yes. Yes. Yes.",                       # the same sentence three times
    "No.  No.\tNo.\n\nNo.",                 # whitespace of every kind between them
    "He left.\u00a0She stayed.\u2003Done.",  # Unicode spaces count as whitespace
    "   Leading space. Trailing space.   ",
    "U.S. officials met at 10 a.m. Monday. They left.",
    "",
])
def test_same_sentences_as_pysbd_on_repeats_and_odd_whitespace(text):
    ours, theirs = _both(text)
    assert ours == theirs


def _pysbd_stripped(text: str) -> list[str]:
    return [s.strip() for s in pysbd.Segmenter(language="en", clean=False).segment(text)
            if s.strip()]


def test_lines_seen_as_one_sentence_are_one_sentence_for_pysbd_on_real_pages():
    quick = [line for line in _page_lines() if plainly_one_sentence(line)]
    assert len(quick) > 500  # the path is taken often enough to matter
    assert [line for line in quick if _pysbd_stripped(line) != [line.strip()]] == []


@needs_shared(NTREX)
def test_lines_seen_as_one_sentence_are_one_sentence_for_pysbd_on_ntrex():
    lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    quick = [line for line in lines if plainly_one_sentence(line)]
    assert len(quick) > 800
    assert [line for line in quick if _pysbd_stripped(line) != [line.strip()]] == []


@pytest.mark.parametrize("line", [
    "1) Yonhap reported 2) KCNA said",      # pySBD cuts list items
    "(a) first (b) second (c) third",
    "iii) gamma iv) delta",
    '"Hans" Geiger died in 1945',            # and after a closing quote
    "He left. She stayed",                   # and at a full stop inside
    "Talks ended\nin Seoul",
])
def test_lines_pysbd_may_cut_are_left_to_pysbd(line):
    assert not plainly_one_sentence(line)
