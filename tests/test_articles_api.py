"""POST/GET /api/articles against the real engine (stand-in copy models) and a
real SQLite file: the whole path from wire copy to stored pairs."""

from __future__ import annotations

import threading

import pytest

from service.app import create_app
from service.engine import EngineSettings
from service.engine.settings import resolved_inter_threads
from service.store import connect

ARTICLE = """\
Allies discuss missile launches at emergency meeting

By Kim Min-ji Posted : November 3, 2026, 10:15 Updated : November 3, 2026, 10:40
SEOUL, November 3 (AJP) - South Korea, the U.S. and Japan held an emergency meeting \
on Tuesday. Officials said the launches violated U.N. resolutions.

Defense ministers pose for a photo in Tokyo. AP-Yonhap

"We will respond firmly," the minister said. About 10,000 troops took part in the drill.

Copyright ⓒ Aju Press All rights reserved."""

KOREAN = "북한은 러시아에 군대를 파견했다고 국가정보원이 밝혔다. 정부는 깊은 우려를 표명했다."
JAPANESE = "北朝鮮がロシアに部隊を派遣したと韓国の情報機関が明らかにした。"


def counts(app) -> dict[str, int]:
    db = connect(app.config["DATABASE"])
    try:
        return {t: db[t].count for t in ("articles", "translations", "pairs")}
    finally:
        db.close()


def test_article_is_segmented_translated_and_stored(client, app):
    response = client.post("/api/articles", json={"text": ARTICLE, "url": "https://x.test/1"})
    assert response.status_code == 201, response.json
    body = response.json
    kinds = [s["kind"] for s in body["segments"]]
    assert kinds[0] == "title"
    assert "credit" in kinds and "dateline" in kinds and "caption" in kinds
    assert kinds[-1] == "footer"
    assert [s["position"] for s in body["segments"]] == list(range(len(kinds)))
    assert sorted(t["target"] for t in body["translations"]) == ["ja", "ko"]
    for translation in body["translations"]:
        assert translation["engine"]["stand_in"] is True
        pairs = translation["pairs"]
        assert [p["position"] for p in pairs] == list(range(len(kinds)))
        for pair, segment in zip(pairs, body["segments"], strict=True):
            assert pair["source"] == segment["text"]
            assert pair["kind"] == segment["kind"]
            if segment["kind"] in ("title", "dateline", "body", "caption"):
                # The stand-in copies: output i is segment i, so order is proven.
                assert "stand_in" in pair["flags"]
                assert pair["status"] in ("machine", "needs_review")
            else:
                assert pair["target"] is None
                assert pair["status"] == "source_only"
    assert body["stand_in"] is True and "NOT a translation" in body["warning"]
    assert counts(app)["articles"] == 1


def test_copy_model_output_equals_source_through_the_glossary_free_path(client):
    body = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"],
                                              "glossary": False}).json
    for pair in body["translations"][0]["pairs"]:
        if pair["target"] is not None:
            assert pair["target"] == pair["source"]
            assert pair["terms"] == []


def test_same_text_twice_is_one_article(client, app):
    first = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"]})
    again = client.post("/api/articles", json={"text": ARTICLE + "\n", "targets": ["ko"]})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json["id"] == first.json["id"]
    assert counts(app)["translations"] == 1
    # A new target for a stored text is added to the same article.
    more = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko", "ja"]})
    assert more.status_code == 200
    assert sorted(t["target"] for t in more.json["translations"]) == ["ja", "ko"]
    assert counts(app)["articles"] == 1


def test_one_engine_batch_per_target(client, engine_calls):
    calls = engine_calls
    body = client.post("/api/articles", json={"text": ARTICLE, "glossary": False}).json
    translatable = [s for s in body["segments"]
                    if s["kind"] in ("title", "dateline", "body", "caption")]
    # Per target, one engine call per CTranslate2 replica (the engine queue's lanes).
    lanes = resolved_inter_threads(EngineSettings(packages_dir="."))
    assert sum(calls) == 2 * len(translatable) and len(calls) <= 2 * lanes


def test_get_and_list_articles(client):
    ids = []
    for n in range(3):
        text = ARTICLE.replace("10,000", f"{n + 1},000")
        ids.append(client.post("/api/articles", json={"text": text, "targets": ["ko"]}).json["id"])
    one = client.get(f"/api/articles/{ids[1]}")
    assert one.status_code == 200 and one.json["id"] == ids[1]
    page = client.get("/api/articles?limit=2").json
    assert [a["id"] for a in page["articles"]] == [ids[2], ids[1]]
    rest = client.get(f"/api/articles?limit=2&before={page['next']}").json
    assert [a["id"] for a in rest["articles"]] == [ids[0]] and rest["next"] is None
    assert client.get("/api/articles/9999").status_code == 404
    assert client.get("/api/articles?limit=abc").status_code == 400


@pytest.mark.parametrize(("kwargs", "status", "words"), [
    ({"data": "text=hello", "content_type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ({"data": "{not json", "content_type": "application/json"}, 400, "JSON"),
    ({"json": ["a list"]}, 400, "object"),
    ({"json": {"title": "no text"}}, 400, "'text'"),
    ({"json": {"text": 42}}, 400, "string"),
    ({"json": {"text": "   "}}, 400, "empty"),
    ({"json": {"text": ARTICLE, "targets": ["fr"]}}, 422, "fr"),
    ({"json": {"text": ARTICLE, "targets": "nope"}}, 422, "nope"),
    ({"json": {"text": ARTICLE, "targets": 5}}, 400, "targets"),
    ({"json": {"text": ARTICLE, "glossary": "maybe"}}, 400, "glossary"),
    ({"json": {"text": KOREAN}}, 422, "'ko'"),
    ({"json": {"text": JAPANESE}}, 422, "'ja'"),
    ({"json": {"text": "Le gouvernement français a annoncé mardi une nouvelle série de mesures "
                       "pour soutenir les agriculteurs touchés par la sécheresse cette année."}},
     422, "'fr'"),
])
def test_bad_input_is_a_clear_error_and_nothing_is_stored(client, app, kwargs, status, words):
    response = client.post("/api/articles", **kwargs)
    assert response.status_code == status
    assert words in response.json["error"]
    assert counts(app) == {"articles": 0, "translations": 0, "pairs": 0}


def test_size_limits(tmp_path, standin_packages_dir):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(standin_packages_dir), "MAX_TEXT_CHARS": 500,
                      "MAX_CONTENT_LENGTH": 4000})
    client = app.test_client()
    too_many_chars = client.post("/api/articles", json={"text": "Officials met. " * 40})
    assert too_many_chars.status_code == 413 and "500" in too_many_chars.json["error"]
    too_many_bytes = client.post("/api/articles", json={"text": "Officials met. " * 400})
    assert too_many_bytes.status_code == 413 and "4000" in too_many_bytes.json["error"]
    assert counts(app)["articles"] == 0


def test_missing_model_is_503_naming_the_install_command(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(tmp_path / "no-packages")})
    response = app.test_client().post("/api/articles", json={"text": ARTICLE})
    assert response.status_code == 503
    assert "wirealign models install" in response.json["error"]
    assert counts(app)["articles"] == 0


def test_a_crash_while_storing_leaves_nothing_half_written(client, app, monkeypatch):
    from service.store import articles

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    original = articles._insert_translation
    calls = {"n": 0}

    def second_translation_crashes(db, article_id, translation, stamp):
        calls["n"] += 1
        if calls["n"] == 2:
            crash()
        return original(db, article_id, translation, stamp)

    monkeypatch.setattr(articles, "_insert_translation", second_translation_crashes)
    response = client.post("/api/articles", json={"text": ARTICLE})
    assert response.status_code == 500
    assert "not applied" in response.json["error"]
    assert counts(app) == {"articles": 0, "translations": 0, "pairs": 0}


def test_concurrent_submissions_of_one_text_make_one_article(app):
    results = []

    def submit():
        with app.test_client() as c:
            results.append(c.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"]}))

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in results).count(201) == 1
    assert {r.json["id"] for r in results} == {results[0].json["id"]}
    assert counts(app)["articles"] == 1 and counts(app)["translations"] == 1


def test_submissions_need_a_key_when_configured(app, client):
    from service.store.keys import add_key

    app.config["SUBMIT_NEEDS_KEY"] = True
    refused = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"]})
    assert refused.status_code == 401 and counts(app)["articles"] == 0
    db = connect(app.config["DATABASE"])
    key = add_key(db, "desk", "reviewer")
    db.close()
    accepted = client.post("/api/articles", json={"text": ARTICLE, "targets": ["ko"]},
                           headers={"X-API-Key": key})
    assert accepted.status_code == 201
    aligned = client.post("/api/alignments", json={"source_text": ARTICLE, "target": "ko",
                                                   "target_text": "북한이 미사일을 발사했다."})
    assert aligned.status_code == 401
