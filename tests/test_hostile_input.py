"""Client input that once reached a 500, a wrong status or lost a write
(found by an audit): each now gets a clear 4xx and leaves nothing behind."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import threading

import pytest

from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.keys import add_key
from tests.live_server import live_server

ENGLISH = ("Jake Sullivan met officials in Seoul on Monday to discuss North Korea's troops "
           "in Russia, the presidential office said.")
KOREAN_1 = "제이크 설리번은 월요일 서울에서 당국자들과 만나 러시아에 파병된 북한군 문제를 논의했다."
KOREAN_2 = ("설리번 보좌관은 월요일 서울을 방문해 북한군의 러시아 파병 문제를 협의했다고 "
            "대통령실이 밝혔다.")
HUGE = "99999999999999999999"


def stored(app) -> dict[str, int]:
    db = connect(app.config["DATABASE"])
    try:
        return {t: db[t].count for t in ("articles", "translations", "pairs", "pair_history",
                                         "glossary_entries")}
    finally:
        db.close()


@pytest.fixture
def reviewer(app) -> dict[str, str]:
    db = connect(app.config["DATABASE"])
    key = add_key(db, "rita", "reviewer")
    db.close()
    return {"X-API-Key": key}


def raw_json(client, method, path, text, headers=None):
    return client.open(path, method=method, data=text, content_type="application/json",
                       headers=headers or {})


def lone(body: dict) -> str:
    """JSON text of ``body`` with every LONE replaced by a lone-surrogate escape."""
    return json.dumps(body, ensure_ascii=False).replace("LONE", "\\ud800")


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/api/articles", lone({"text": f"{ENGLISH} LONE"})),
    ("POST", "/api/articles", lone({"text": ENGLISH, "title": "LONE"})),
    ("POST", "/translate", lone({"q": f"{ENGLISH} LONE", "target": "ko"})),
    ("POST", "/translate", lone({"q": "Hello.", "target": "LONE"})),
    ("POST", "/api/alignments", lone({"source_text": ENGLISH, "target_text": f"LONE {KOREAN_1}",
                                      "target": "ko"})),
    ("POST", "/api/glossary", lone({"id": "x-y", "kind": "term", "en": "X Y", "ko": "엑스",
                                    "ja": "エックス", "note": "LONE"})),
    ("POST", "/api/pairs/bulk", lone({"action": "approve", "ids": [1], "note": "LONE"})),
])
def test_lone_surrogates_are_refused(client, app, reviewer, method, path, body):
    response = raw_json(client, method, path, body, reviewer)
    assert response.status_code == 400
    assert "surrogate" in response.json["error"]
    assert stored(app)["articles"] == 0 and stored(app)["glossary_entries"] == 0


def test_deeply_nested_json_is_a_400(client):
    body = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    for path in ("/api/articles", "/translate", "/api/alignments"):
        response = raw_json(client, "POST", path, body)
        assert response.status_code == 400 and "nested" in response.json["error"]


def test_ids_beyond_sqlite_integers_are_not_found(client, reviewer):
    for path in (f"/api/pairs/{HUGE}", f"/api/articles/{HUGE}", f"/review/articles/{HUGE}"):
        assert client.get(path).status_code == 404, path
    attach = client.post(f"/api/articles/{HUGE}/alignments",
                         json={"target_text": KOREAN_1, "target": "ko"})
    assert attach.status_code == 404
    assert client.get(f"/api/articles?before={HUGE}").status_code == 400
    export = client.get(f"/api/export?articles={HUGE}")
    assert export.status_code == 400 and HUGE in export.json["error"]


@pytest.mark.parametrize("path", [
    "/api/pairs?changed_since=9999-12-31T23:59:59-05:00",
    "/api/pairs?changed_since=0001-01-01T00:00:00%2B05:00",
    "/api/export?until=9999-12-31",
    "/api/export?since=9999-12-31T23:59:59-05:00",
])
def test_dates_past_the_calendar_are_a_400(client, path):
    response = client.get(path)
    assert response.status_code == 400 and "9999" in response.json["error"]


def test_chunked_body_over_the_limit_is_413(app):
    body = json.dumps({"text": "Officials met. " * 200_000}).encode()
    with live_server(app) as url:
        conn = http.client.HTTPConnection(url.split("//")[1])
        conn.putrequest("POST", "/api/articles")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Transfer-Encoding", "chunked")
        conn.endheaders()
        for start in range(0, len(body), 65536):
            chunk = body[start:start + 65536]
            conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        conn.send(b"0\r\n\r\n")
        response = conn.getresponse()
        assert response.status == 413
        assert "too large" in json.loads(response.read())["error"]
    assert stored(app)["articles"] == 0


@pytest.mark.parametrize("text", ["Share\nComments\nRelated articles\n(END)", "(END)",
                                  "Copyright Yonhap News Agency. All rights reserved.",
                                  "(ATTN: UPDATES with details)"])
def test_text_with_nothing_to_translate_is_422(client, app, text):
    response = client.post("/api/articles", json={"text": text})
    assert response.status_code == 422 and "nothing to translate" in response.json["error"]
    aligned = client.post("/api/alignments", json={"source_text": text, "target": "ko",
                                                   "target_text": "(끝)"})
    assert aligned.status_code == 422
    assert stored(app)["articles"] == 0


@pytest.mark.parametrize(("payload", "words"), [
    ({"q": "Hello there.", "source": None, "target": "ko"}, "string"),
    ({"q": "Hello there.", "source": ["en"], "target": "ko"}, "string"),
    ({"q": "Hello there.", "target": ["ko"]}, "string"),
    ({"q": "Hello there.", "target": 1}, "string"),
])
def test_translate_wrong_types_are_400(client, payload, words):
    response = client.post("/translate", json=payload)
    assert response.status_code == 400 and words in response.json["error"]


@pytest.fixture
def pairs(app) -> dict[str, dict]:
    db = connect(app.config["DATABASE"])
    record = TranslationRecord(lang="ko", origin="machine", engine="e", engine_version="1",
                               stand_in=False, pairs=[
                                   PairRecord(0, "credit", "By Kim", None, "source_only",
                                              "source"),
                                   PairRecord(1, "body", "One.", "하나.", "machine", "machine")])
    save_article(db, text="By Kim\nOne.", segments=[], translations=[record])
    rows = {row["kind"]: row for row in db.query("SELECT id, kind, version FROM pairs")}
    db.close()
    return rows


def test_review_refuses_what_would_spoil_the_corpus(client, app, reviewer, pairs):
    credit, body = pairs["credit"], pairs["body"]
    for change in ({"state": "approved"}, {"target": "김 기자"}):
        response = client.patch(f"/api/pairs/{credit['id']}", headers=reviewer,
                                json={"version": credit["version"], **change})
        assert response.status_code == 400 and "source language" in response.json["error"]
    blank = client.patch(f"/api/pairs/{body['id']}", headers=reviewer,
                         json={"version": body["version"], "target": "  "})
    assert blank.status_code == 400 and "reject" in blank.json["error"]
    long_note = client.patch(f"/api/pairs/{body['id']}", headers=reviewer,
                             json={"version": body["version"], "note": "x" * 200_000})
    assert long_note.status_code == 400 and "longer" in long_note.json["error"]
    assert stored(app)["pair_history"] == 0
    bad_filter = client.post("/api/pairs/bulk", headers=reviewer,
                             json={"action": "approve", "filters": {"lang": {"a": 1}}})
    assert bad_filter.status_code == 400
    assert client.get("/api/pairs?lang=xx").status_code == 400
    assert client.get("/api/articles/1?lang=xx").status_code == 400


@pytest.mark.parametrize(("entry", "words"), [
    ({"id": "the-word", "kind": "person", "en": "the", "ko": "그", "ja": "その",
      "en_surname": "The"}, "ordinary word"),
    ({"id": "bold", "kind": "term", "en": "Bold Term", "ko": "<b>홍길동</b>", "ja": "太字"},
     "markup"),
    ({"id": "long", "kind": "term", "en": "Long Term", "ko": "가" * 600, "ja": "長"},
     "longer than"),
])
def test_glossary_refuses_entries_that_would_damage_articles(client, app, reviewer, entry,
                                                             words):
    response = client.post("/api/glossary", json=entry, headers=reviewer)
    assert response.status_code == 422 and words in response.json["error"]
    assert stored(app)["glossary_entries"] == 0


def test_glossary_id_cannot_change_through_put(client, reviewer):
    response = client.put("/api/glossary/jake-sullivan", headers=reviewer, json={
        "id": "someone-else", "kind": "person", "en": "Jake Sullivan", "ko": "설리번",
        "ja": "サリバン", "en_surname": "Sullivan"})
    assert response.status_code == 400 and "cannot be changed" in response.json["error"]


def test_language_detection_is_right_from_the_first_concurrent_calls():
    # A fresh process: langdetect's profiles must be loaded before threads race.
    script = (
        "import threading\n"
        "from service.language import english_or_reason\n"
        f"text = {ENGLISH!r}\n"
        "out = []\n"
        "threads = [threading.Thread(target=lambda: out.append(english_or_reason(text)))"
        " for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(out)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip() == str([None] * 8)


def test_concurrent_alignments_of_one_new_article_keep_both(app):
    results = []

    def align(korean: str) -> None:
        with app.test_client() as client:
            results.append(client.post("/api/alignments", json={
                "source_text": ENGLISH, "target_text": korean, "target": "ko"}))

    threads = [threading.Thread(target=align, args=(k,)) for k in (KOREAN_1, KOREAN_2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results) == [201, 201]
    ids = {r.json["translations"][0]["id"] for r in results}
    assert len(ids) == 2 and len({r.json["id"] for r in results}) == 1
    assert stored(app)["translations"] == 2


def test_the_same_alignment_twice_is_stored_once(client, app):
    payload = {"source_text": ENGLISH, "target_text": KOREAN_1, "target": "ko"}
    first = client.post("/api/alignments", json=payload)
    again = client.post("/api/alignments", json=payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["translations"][0]["id"] == again.json["translations"][0]["id"]
    assert stored(app)["translations"] == 1
