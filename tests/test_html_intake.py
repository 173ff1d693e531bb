"""Whole HTML pages in: the API (``"html"``) and the CLI (``.html`` files) take
the page's article, as trafilatura extracts it, and leave the site's chrome out.
The page in tests/data/html_pages/ was written for these tests; accuracy on
real saved pages is measured by bench/segment_html_eval.py."""

from __future__ import annotations

from pathlib import Path

PAGE = Path(__file__).parent / "data" / "html_pages" / "wire-page.html"
HEADLINE = "N. Korea fires ballistic missile into East Sea: JCS"
CHROME = ("Related articles", "Log in", "Be the first to comment", "All rights reserved",
          "Privacy")


def _kinds(article: dict) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for segment in article["segments"]:
        kinds.setdefault(segment["kind"], []).append(segment["text"])
    return kinds


def test_the_api_takes_a_whole_page_and_keeps_only_its_article(client):
    response = client.post("/api/articles", json={"html": PAGE.read_text(), "targets": ["ko"]})
    assert response.status_code == 201, response.json
    kinds = _kinds(response.json)
    assert kinds["title"] == [HEADLINE]
    assert kinds["credit"] == ["By Park Ji-won"]
    assert kinds["dateline"] == ["SEOUL, Nov. 5 (Yonhap) --"]
    assert len(kinds["caption"]) == 1 and kinds["caption"][0].startswith("This photo shows")
    assert len(kinds["body"]) == 5
    text = " ".join(s["text"] for s in response.json["segments"])
    assert not any(words in text for words in CHROME)
    pairs = response.json["translations"][0]["pairs"]
    sent = {p["kind"] for p in pairs if p["state"] != "source_only"}
    assert sent == {"title", "caption", "dateline", "body"}


def test_html_and_text_together_or_a_page_without_an_article_are_refused(client):
    both = client.post("/api/articles", json={"html": PAGE.read_text(), "text": "Hi."})
    assert both.status_code == 400 and "not both" in both.json["error"]
    empty = client.post("/api/articles", json={
        "html": "<html><body><nav><a href='/'>Home</a></nav></body></html>"})
    assert empty.status_code == 422 and "no article" in empty.json["error"]


def test_the_cli_translates_a_saved_html_page(runner, tmp_path):
    from service.cli import cli

    saved = tmp_path / "story.html"
    saved.write_text(PAGE.read_text(), encoding="utf-8")
    result = runner.invoke(cli, ["translate", str(saved), "--to", "ja"])
    assert result.exit_code == 0, result.output
    assert HEADLINE in result.output and "East Sea on Tuesday" in result.output
    assert not any(words in result.output for words in CHROME)
