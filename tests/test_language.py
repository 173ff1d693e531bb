"""The English check that gates translation: its quick path (English-only
function words) must never call another language English, and must agree
with langdetect wherever it answers, on real pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.language import detect, english_or_reason, plainly_english

from .conftest import NTREX, needs_shared

DATA = Path(__file__).resolve().parent / "data"
NOT_ENGLISH = [json.loads(line) for line in
               (DATA / "languages" / "not_english.jsonl").read_text(encoding="utf-8").splitlines()]
ENGLISH_PAGES = sorted((DATA / "pages").glob("*.txt"))


def test_the_not_english_set_is_real_and_varied():
    assert len(NOT_ENGLISH) >= 20
    assert len({row["lang"] for row in NOT_ENGLISH}) >= 12
    assert all(row["url"].startswith("http") for row in NOT_ENGLISH)


@pytest.mark.parametrize("row", NOT_ENGLISH, ids=lambda row: f"{row['lang']}-{row['url'][8:40]}")
def test_news_in_other_latin_languages_is_never_plainly_english_and_is_refused(row):
    assert not plainly_english(row["text"])
    reason = english_or_reason(row["text"])
    assert reason is not None and f"'{row['lang']}'" in reason


def test_the_quick_path_agrees_with_langdetect_on_every_real_english_page():
    quick = [page for page in ENGLISH_PAGES if plainly_english(page.read_text(encoding="utf-8"))]
    assert len(quick) >= 0.9 * len(ENGLISH_PAGES)  # it is the path most pages take
    for page in quick:
        assert detect(page.read_text(encoding="utf-8"))[0] == "en", page.name


@needs_shared(NTREX)
def test_the_quick_path_agrees_with_langdetect_on_short_ntrex_articles():
    lines = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    articles = ["\n\n".join(lines[i:i + 2]) for i in range(0, 400, 2)]
    quick = [article for article in articles if plainly_english(article)]
    assert len(quick) >= 0.6 * len(articles)
    assert all(detect(article)[0] == "en" for article in quick)


def test_words_inside_other_words_do_not_count():
    # "notícias", "Theodor", "without": only whole words are English function words.
    assert not plainly_english("Notícias: Theodor e Andersson withdrew; thesis hisser")


def test_scripts_are_judged_before_the_quick_path():
    korean = "북한은 오늘 미사일을 발사했다고 합참이 밝혔다. "
    korean_with_english = korean * 3 + "the and that with"
    assert detect(korean_with_english, quick=True)[0] == "ko"
    assert english_or_reason(korean_with_english) is not None


def test_langdetect_is_skipped_only_on_the_quick_path(monkeypatch):
    import service.language as language

    calls: list[str] = []
    real = language.detect_langs
    monkeypatch.setattr(language, "detect_langs", lambda text: calls.append(text) or real(text))
    text = "The ministers said that the talks with the North would resume in the spring."
    assert detect(text)[0] == "en" and len(calls) == 1
    assert detect(text, quick=True) == ("en", 1.0) and len(calls) == 1
    assert english_or_reason(text) is None and len(calls) == 1
