"""``format=html`` and ``alternatives=N`` on /translate: through a LibreTranslate
client library (libretranslate-aio, sync and async) over real HTTP, through
requests, and the HTML splitter on its own with engines that move words."""

from __future__ import annotations

import asyncio

import pytest
import requests
from libretranslate_aio import AsyncLibreTranslate, LibreTranslate

from service.documents.html import engine_segments, text_runs, translate_html
from service.documents.sentences import by_sentences
from tests.conftest import assert_one_batch
from tests.live_server import live_server

PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>Talks &amp; troops</title>"
    '<style>p > b { color: red; }</style><script>var s = "<p>not text</p>";</script>'
    "</head><body>\n"
    '<h1 class="headline">Capital &mdash; harbour talks</h1>\n'
    '<p>The <b>foreign minister</b> met <a href="/x?a=1&amp;b=2" title="a > b">reporters'
    "</a> on Saturday.</p>\n"
    "<ul><li>The army sent troops.</li><li>Officials&nbsp;said so.</li></ul>\n"
    "<!-- a comment that stays -->\n"
    "<p><i>Whole paragraph in italics.</i></p>\n"
    "</body></html>"
)


@pytest.fixture
def base_url(app):
    with live_server(app) as url:
        yield url


def test_html_keeps_every_tag_attribute_and_entity(base_url, engine_calls):
    with LibreTranslate(base_url) as client:
        result = client.translate(PAGE, "en", "ko", format="html")
    # The stand-in copies its input, so the page must come back byte for byte:
    # tags, attributes, entities, the script, the comment.
    assert result.translated_text == PAGE
    assert_one_batch(engine_calls, 6)  # every text run of the page in ONE engine batch


def test_html_documents_of_an_array_share_one_batch(base_url, engine_calls):
    documents = ["<p>The <b>minister</b> spoke.</p>", "<div>Troops <em>moved</em>.</div>"]
    reply = requests.post(f"{base_url}/translate", json={
        "q": documents, "source": "en", "target": "ja", "format": "html"}, timeout=30)
    assert reply.status_code == 200
    assert reply.json()["translatedText"] == documents
    assert_one_batch(engine_calls, 2)


def test_html_gets_the_glossary_inside_tags(base_url):
    async def run() -> str:
        async with AsyncLibreTranslate(base_url) as client:
            result = await client.translate(
                '<p>On Monday <a href="/p/1">Jake Sullivan</a> said so.</p>', "en", "ja",
                format="html")
            return str(result.translated_text)

    translated = asyncio.run(run())
    assert translated.startswith('<p>On Monday <a href="/p/1">')
    assert "サリバン" in translated and "Sullivan" not in translated
    assert translated.endswith("</a> said so.</p>")


def test_html_refuses_non_english_words_but_not_english_markup(client):
    korean = client.post("/translate", json={
        "q": "<p>북한이 러시아에 병력을 보냈다고 정부 관계자들이 밝혔다.</p>", "source": "en",
        "target": "ko", "format": "html"})
    assert korean.status_code == 422


def test_markup_without_words_comes_back_without_an_engine_call(client, engine_calls):
    page = '<div class="ad"><img src="/a.png" alt=""><br></div>'
    reply = client.post("/translate", json={"q": page, "source": "en", "target": "ko",
                                            "format": "html"})
    assert reply.status_code == 200 and reply.json["translatedText"] == page
    assert engine_calls == []


def _upper(texts: list[str]) -> list[str]:
    return [text.upper() for text in texts]


def _swap_halves(texts: list[str]) -> list[str]:
    """An engine that moves the second half of each sentence to the front (as
    Korean/Japanese word order does), markers travelling with their words."""
    out = []
    for text in texts:
        words = text.split(" ")
        middle = len(words) // 2
        out.append(" ".join(words[middle:] + words[:middle]))
    return out


def test_inline_tags_travel_with_their_words():
    page = '<p>The <b>minister</b> met <a href="/r">reporters</a> today.</p>'
    assert text_runs(page) == ["The \ue800minister\ue801 met \ue802reporters\ue803 today."]
    assert translate_html([page], _upper) == [
        '<p>THE <b>MINISTER</b> MET <a href="/r">REPORTERS</a> TODAY.</p>']
    assert translate_html([page], _swap_halves) == [
        '<p>met <a href="/r">reporters</a> today. The <b>minister</b></p>']


def test_lost_markers_keep_every_tag_around_the_run():
    page = '<p>The <b>minister</b> met <a href="/r">reporters</a>.</p>'

    def drop_markers(texts: list[str]) -> list[str]:
        return [text.replace("\ue801", "").upper() for text in texts]

    assert translate_html([page], drop_markers) == [
        '<p><b><a href="/r">THE MINISTER MET REPORTERS.</a></b></p>']


def test_block_tags_split_runs_and_whitespace_stays():
    page = "<ul>\n  <li>One\n    two</li>\n  <li>Three</li>\n</ul>"
    assert text_runs(page) == ["One two", "Three"]
    assert translate_html([page], _upper) == ["<ul>\n  <li>ONE TWO</li>\n  <li>THREE</li>\n</ul>"]


def test_runs_are_cut_into_sentences_but_never_inside_an_element(client, engine_calls):
    inside = "<p>The minister met reporters. He said <b>talks</b> went well. U.S. aides agreed.</p>"
    assert engine_segments(inside) == ["The minister met reporters.",
                                       "He said \ue800talks\ue801 went well.",
                                       "U.S. aides agreed."]
    across = "<p>The minister met <b>reporters. He said talks</b> went well. Aides agreed.</p>"
    assert engine_segments(across) == [
        "The minister met \ue800reporters. He said talks\ue801 went well.", "Aides agreed."]
    reply = client.post("/translate", json={"q": [inside, across], "source": "en",
                                            "target": "ko", "format": "html",
                                            "glossary": False})
    assert reply.json["translatedText"] == [inside, across]
    assert_one_batch(engine_calls, 5)  # every sentence of both documents in one batch
    assert translate_html([inside], _upper) == [
        "<p>THE MINISTER MET REPORTERS. HE SAID <b>TALKS</b> WENT WELL. U.S. AIDES AGREED.</p>"]


def test_alternatives_come_from_one_n_best_call(base_url, engine_calls):
    with LibreTranslate(base_url) as client:
        result = client.translate("The minister met reporters on Saturday.", "en", "ko",
                                  alternatives=2)
    assert result.translated_text == "The minister met reporters on Saturday."
    assert isinstance(result.alternatives, list) and len(result.alternatives) == 2
    assert len(set(result.alternatives)) == 2
    assert result.translated_text not in result.alternatives
    assert_one_batch(engine_calls, 1)


def test_alternatives_are_capped_by_the_setting(app, base_url):
    app.config["MAX_ALTERNATIVES"] = 1
    reply = requests.post(f"{base_url}/translate", data={
        "q": ["First sentence about the talks.", "Second sentence about the troops."],
        "source": "en", "target": "ja", "alternatives": "5"}, timeout=30).json()
    assert reply["translatedText"] == ["First sentence about the talks.",
                                       "Second sentence about the troops."]
    assert [len(alts) for alts in reply["alternatives"]] == [1, 1]


def test_alternatives_keep_glossary_terms(client):
    reply = client.post("/translate", json={"q": "Jake Sullivan said so.", "source": "en",
                                            "target": "ja", "alternatives": 3}).json
    assert "サリバン" in reply["translatedText"]
    assert reply["alternatives"]
    assert all("Sullivan" not in alternative for alternative in reply["alternatives"])


def test_html_has_no_alternatives_as_in_libretranslate(client):
    reply = client.post("/translate", json={"q": "<p>The talks ended.</p>", "source": "en",
                                            "target": "ko", "format": "html",
                                            "alternatives": 2}).json
    assert reply["translatedText"] == "<p>The talks ended.</p>"
    assert reply["alternatives"] == []


JAPANESE = {"The talks ended.": "会談は終わった。", "They agreed.": "合意した。"}


def _japanese(texts: list[str]) -> list[str]:
    return [JAPANESE.get(text, text) for text in texts]


def test_japanese_sentences_join_without_a_space_korean_keeps_it():
    calls: list[list[str]] = []

    def engine(texts: list[str]) -> list[str]:
        calls.append(texts)
        return _japanese(texts)

    assert by_sentences(engine, "ja")(["The talks ended. They agreed.", "  "]) == [
        "会談は終わった。合意した。", "  "]
    assert calls == [["The talks ended.", "They agreed."]]
    assert by_sentences(engine, "ko")(["The talks ended. They agreed."]) == [
        "会談は終わった。 合意した。"]
    # After a sentence the engine left in English the space stays.
    assert by_sentences(engine, "ja")(["Nobody came. The talks ended."]) == [
        "Nobody came. 会談は終わった。"]
    assert translate_html(["<p>The talks ended. They agreed.</p>"], engine, "ja") == [
        "<p>会談は終わった。合意した。</p>"]
