"""The desk's pages over the test client: queue counts and paging, the article
list, the submit page, error pages and the dashboard's numbers."""

from __future__ import annotations

import io
import re

import pytest

from service.app import create_app
from service.store import connect, dashboard
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.keys import add_key
from tests.test_review_api import env, find, get  # noqa: F401 (env is a fixture)

ARTICLE = """Seoul and Tokyo agree to meet

SEOUL, Nov. 5 (Yonhap) -- South Korea and Japan agreed on Tuesday to hold talks next month.
The foreign ministers will meet in Tokyo, officials said.
"""
PAIR_IDS = re.compile(r'id="pair-(\d+)"')


def _ids(html: str) -> list[int]:
    return [int(x) for x in PAIR_IDS.findall(html)]


def test_queue_counts_by_state_follow_the_filters(env):  # noqa: F811
    html = env.client.get("/review/?lang=ko&state=all").get_data(as_text=True)
    counts = dict(re.findall(r'data-state="(\w+)" href="[^"]*">\w+ <b>(\d+)</b>', html))
    db = env.db()
    stored = dict(db.execute("SELECT status, count(*) FROM pairs WHERE lang = 'ko' "
                             "GROUP BY status").fetchall())
    db.close()
    assert {k: int(v) for k, v in counts.items()} == stored
    assert f"{sum(stored.values())} pairs match" in html


def test_previous_and_next_pages_walk_the_queue(env):  # noqa: F811
    first = env.client.get("/review/?state=all&limit=3").get_data(as_text=True)
    assert 'id="prev-page"' not in first
    next_url = re.search(r'id="next-page" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    second = env.client.get(next_url).get_data(as_text=True)
    prev_url = re.search(r'id="prev-page" href="([^"]+)"', second).group(1).replace("&amp;", "&")
    again = env.client.get(prev_url).get_data(as_text=True)
    assert _ids(again) == _ids(first) and len(_ids(first)) == 3
    assert min(_ids(second)) > max(_ids(first))


def test_article_list_counts_and_title_segment(env):  # noqa: F811
    db = env.db()
    untitled = save_article(db, text="aligned", segments=[], translations=[TranslationRecord(
        "ko", "human", "alignment", "1", False,
        [PairRecord(0, "title", "Kim visits Moscow", "김정은 모스크바 방문", "machine", "human"),
         PairRecord(1, "body", "He met Putin.", "그는 푸틴을 만났다.", "approved", "human")],
        target_text="t")]).article_id
    db.close()
    html = env.client.get("/review/articles").get_data(as_text=True)
    assert "Kim visits Moscow" in html and "Troops" in html
    row = html[html.index(f'data-id="{untitled}"'):]
    row = row[:row.index("</li>")]
    assert 'data-state="machine"' in row and 'data-state="approved"' in row
    page = env.client.get(f"/review/articles/{untitled}").get_data(as_text=True)
    assert "<h1 class=\"article-title\">Kim visits Moscow</h1>" in page
    assert env.client.get("/review/articles?before=x").status_code == 400


def test_error_pages_are_styled_and_the_api_stays_json(env):  # noqa: F811
    for path in ("/review/articles/424242", "/review/no-such-page",
                 "/review/articles/1?lang=fr"):
        response = env.client.get(path, headers={"Accept": "text/html"})
        html = response.get_data(as_text=True)
        assert response.status_code == 404
        assert 'class="error-page"' in html and 'id="back"' in html
        assert "Content-Security-Policy" in response.headers
    api = env.client.get("/api/pairs/424242", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.get_json()["error"]


@pytest.fixture
def desk_client(app):
    return app.test_client()


def test_desk_translates_pasted_and_uploaded_text(desk_client, app):
    pasted = desk_client.post("/review/desk", data={"text": ARTICLE.replace("\n", "\r\n"),
                                                    "targets": ["ko"]})
    assert pasted.status_code == 303
    assert re.search(r"/review/articles/\d+\?lang=ko$", pasted.headers["Location"])
    article = desk_client.get(pasted.headers["Location"]).get_data(as_text=True)
    assert "STAND-IN MODEL" in article and "Seoul and Tokyo agree to meet" in article
    db = connect(app.config["DATABASE"])
    kinds = [k for (k,) in db.execute("SELECT kind FROM pairs ORDER BY id")]
    db.close()
    assert kinds[:3] == ["title", "dateline", "body"]  # CRLF from the form understood
    upload = desk_client.post("/review/desk", data={
        "file": (io.BytesIO(ARTICLE.replace("Tokyo", "Osaka").encode()), "story.txt"),
        "targets": ["ja"]}, content_type="multipart/form-data")
    assert upload.status_code == 303 and upload.headers["Location"].endswith("lang=ja")


@pytest.mark.parametrize("data, status, words", [
    ({"text": "<html><body><nav><a href='/'>Home</a></nav></body></html>"}, 422,
     "no article was found"),
    ({"text": "   "}, 400, "Paste the article"),
    ({"text": "서울은 월요일 회담을 열겠다고 밝혔다. 일본도 참석한다."}, 422, "ko"),
    ({"file": (io.BytesIO(b"\xff\xfe\x00bad"), "x.txt")}, 422, "UTF-8"),
])
def test_desk_explains_what_it_cannot_take(desk_client, data, status, words):
    response = desk_client.post("/review/desk", data=data, content_type="multipart/form-data")
    assert response.status_code == status
    assert words in response.get_data(as_text=True)


def test_desk_refuses_unknown_fields_and_follows_submit_keys(tmp_path, standin_packages_dir):
    app = create_app({"DATABASE": str(tmp_path / "d.db"), "TESTING": True,
                      "PACKAGES_DIR": str(standin_packages_dir), "SUBMIT_NEEDS_KEY": True})
    client = app.test_client()
    assert client.post("/review/desk", data={"text": ARTICLE, "target": "ko"}).status_code == 400
    assert client.post("/review/desk", data={"text": ARTICLE}).status_code == 401
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    db.close()
    client.set_cookie("wa_key", key, path="/review")
    assert client.post("/review/desk", data={"text": ARTICLE}).status_code == 303


def test_dashboard_numbers(env):  # noqa: F811
    headers = {"X-API-Key": env.keys["reviewer"]}
    kim = find(env, "Kim Jong Un met Putin in Moscow.")
    nis = find(env, "The NIS confirmed the report.")
    env.client.patch(f"/api/pairs/{kim['id']}", headers=headers,
                     json={"state": "approved", "version": kim["version"]})
    env.client.patch(f"/api/pairs/{nis['id']}", headers={"X-API-Key": env.keys["admin"]},
                     json={"target": "국정원이 확인했다.", "version": nis["version"]})
    db = env.db()
    over_time = dashboard.states_over_time(db)
    stored = dict(db.execute("SELECT status, count(*) FROM pairs GROUP BY status").fetchall())
    reviewers = dashboard.throughput_by_reviewer(db)
    flags = dashboard.flags_by_kind(db)
    db.close()
    # The last day's counts are the store's counts now.
    assert over_time["counts"][-1] == stored
    assert {r["reviewer"]: r["by_state"] for r in reviewers} == {
        "rita": {"approved": 1}, "ada": {"edited": 1}}
    assert {f["flag"]: f["pairs"] for f in flags} == {
        "glossary_miss": 1, "untranslated_english": 1, "length_ratio": 1}
    html = env.client.get("/review/dashboard").get_data(as_text=True)
    assert html.count("<svg") >= 3 and "glossary_miss" in html and "rita" in html


def test_queue_counts_are_capped_not_slow(env, monkeypatch):  # noqa: F811
    from service.store import pairs as store
    monkeypatch.setattr(store, "COUNT_CAP", 2)
    html = env.client.get("/review/?lang=ko&state=all").get_data(as_text=True)
    counts = dict(re.findall(r'data-state="(\w+)" href="[^"]*">\w+ <b>([\d,+]+)</b>', html))
    assert counts["machine"] == "2+" and counts["source_only"] == "1"
    assert "more than 2 pairs match" in html
    searched = env.client.get("/review/?q=Kim&state=all").get_data(as_text=True)
    assert "pairs match" in searched


def test_an_unexpected_failure_is_a_styled_page_too(env, monkeypatch):  # noqa: F811
    import service.review as review

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(review, "list_articles", broken)
    env.client.application.config["PROPAGATE_EXCEPTIONS"] = False
    response = env.client.get("/review/articles", headers={"Accept": "text/html"})
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert 'class="error-page"' in html and 'id="back"' in html and "disk on fire" not in html
