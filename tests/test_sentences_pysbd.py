"""Our pySBD segmenter maps sentences back to the text with ``str.find``
instead of a regex per sentence: it must give exactly pySBD's output."""

from __future__ import annotations

from pathlib import Path

import pysbd
import pytest

from service.segment.en_sentences import _Segmenter

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
