"""Human translations over HTTP and the CLI: aligned, stored with origin
``human``, bead type and score, and refused clearly when they cannot be."""

from __future__ import annotations

import json

import pytest

from service.cli import cli
from service.store import connect

ENGLISH = """\
Seoul and Tokyo agree to share missile data

SEOUL, Nov. 5 (Yonhap) -- South Korea and Japan agreed on Tuesday to share missile \
warning data in real time. About 10,000 troops took part in the drill. \
Jake Sullivan welcomed the decision. Officials will meet again in December.

A South Korean destroyer fires a missile during a drill. (Yonhap)
"""
KOREAN = """\
한일, 미사일 정보 실시간 공유 합의

(서울=연합뉴스) 한국과 일본은 5일 미사일 경보 정보를 실시간으로 공유하기로 합의했다. \
훈련에는 약 1만 명의 병력이 참가했다. 제이크 설리번은 이 결정을 환영했다. \
당국자들은 12월에 다시 만날 예정이다.
"""
JAPANESE = """\
日韓、ミサイル情報の即時共有で合意

【ソウル共同】韓国と日本は5日、ミサイル警戒情報を即時に共有することで合意した。\
訓練には約1万人の兵力が参加した。ジェイク・サリバン氏はこの決定を歓迎した。\
当局者は12月に再び会う予定だ。
"""


def pairs_of(body: dict) -> list[dict]:
    [translation] = body["translations"]
    assert translation["origin"] == "human"
    return translation["pairs"]


@pytest.mark.parametrize(("lang", "text", "anchor"), [("ko", KOREAN, "1만"),
                                                      ("ja", JAPANESE, "1万")])
def test_alignment_is_stored_as_human_pairs(client, lang, text, anchor):
    response = client.post("/api/alignments", json={
        "source_text": ENGLISH, "target_text": text, "target": lang,
        "url": "https://news.test/1"})
    assert response.status_code == 201, response.json
    pairs = pairs_of(response.json)
    assert all(p["origin"] == "human" and p["bead"] and p["score"] is not None for p in pairs)
    by_source = {p["source"]: p for p in pairs}
    troops = next(p for s, p in by_source.items() if "10,000 troops" in s)
    assert anchor in troops["target"] and troops["bead"] == "1-1"
    sullivan = next(p for s, p in by_source.items() if "Sullivan" in s)
    assert ("설리번" if lang == "ko" else "サリバン") in sullivan["target"]
    # The photo caption has no counterpart in the translation: a real 1-0 bead.
    caption = next(p for p in pairs if p["kind"] == "caption")
    assert caption["bead"] == "1-0" and caption["target"] is None
    # The human pairs show in review and in the corpus filters.
    listed = client.get(f"/api/pairs?origin=human&lang={lang}").json["pairs"]
    assert {p["id"] for p in listed} >= {troops["id"], sullivan["id"]}


def test_attach_translation_to_stored_article(client):
    article = client.post("/api/articles", json={"text": ENGLISH, "targets": ["ko"]}).json
    response = client.post(f"/api/articles/{article['id']}/alignments",
                           json={"target_text": JAPANESE, "target": "ja"})
    assert response.status_code == 201
    assert response.json["id"] == article["id"]
    assert pairs_of(response.json)
    stored = client.get(f"/api/articles/{article['id']}").json
    assert sorted((t["target"], t["origin"]) for t in stored["translations"]) == [
        ("ja", "human"), ("ko", "machine")]
    missing = client.post("/api/articles/999/alignments",
                          json={"target_text": JAPANESE, "target": "ja"})
    assert missing.status_code == 404


@pytest.mark.parametrize(("payload", "status", "words"), [
    ({"source_text": ENGLISH, "target": "ko"}, 400, "target_text"),
    ({"source_text": ENGLISH, "target_text": KOREAN}, 400, "target"),
    ({"source_text": ENGLISH, "target_text": KOREAN, "target": "zh"}, 422, "zh"),
    ({"source_text": ENGLISH, "target_text": "   ", "target": "ko"}, 400, "empty"),
    ({"source_text": ENGLISH, "target_text": JAPANESE, "target": "ko"}, 422, "not Korean"),
    ({"source_text": ENGLISH, "target_text": KOREAN, "target": "ja"}, 422, "not Japanese"),
    ({"source_text": ENGLISH, "target_text": ENGLISH, "target": "ko"}, 422, "not Korean"),
    ({"source_text": KOREAN, "target_text": KOREAN, "target": "ko"}, 422, "not English"),
    ({"source_text": ENGLISH, "target_text": "ok " * 60_000, "target": "ko"}, 413, "limit"),
])
def test_bad_alignments_are_refused_and_nothing_is_stored(client, app, payload, status, words):
    response = client.post("/api/alignments", json=payload)
    assert response.status_code == status
    assert words in response.json["error"]
    db = connect(app.config["DATABASE"])
    assert db["articles"].count == 0 and db["pairs"].count == 0


def test_align_command(runner, tmp_path):
    en = tmp_path / "en.txt"
    ko = tmp_path / "ko.txt"
    en.write_text(ENGLISH, encoding="utf-8")
    ko.write_text(KOREAN, encoding="utf-8")
    result = runner.invoke(cli, ["align", str(en), str(ko), "--to", "ko", "--json"])
    assert result.exit_code == 0, result.output
    pairs = pairs_of(json.loads(result.output))
    assert any(p["bead"] == "1-0" for p in pairs)
    plain = runner.invoke(cli, ["align", str(en), str(ko), "--to", "ko"])
    assert plain.exit_code == 0 and "(en-ko, human)" in plain.output
    wrong = runner.invoke(cli, ["align", str(en), str(ko), "--to", "ja"])
    assert wrong.exit_code == 1 and "not Japanese" in wrong.output


def test_mt_assisted_alignment_only_with_a_real_model(client, app, monkeypatch):
    import dataclasses

    import service.align_article as alignment
    from service.config import engine_settings

    with app.app_context():
        settings = engine_settings()
        # The stand-in copies English: it cannot help the aligner, so it is not used.
        assert alignment.machine_translation_for(settings, "ko") is None
        real = alignment.find_package(settings.packages_dir, "ko")
        monkeypatch.setattr(alignment, "find_package",
                            lambda *a, **k: dataclasses.replace(real, stand_in=False))
        assert callable(alignment.machine_translation_for(settings, "ko"))

    seen = []
    original = alignment.align_texts

    def spy(*args, **kwargs):
        seen.append(kwargs.get("translate"))
        return original(*args, **kwargs)

    monkeypatch.setattr(alignment, "align_texts", spy)
    response = client.post("/api/alignments", json={
        "source_text": ENGLISH, "target_text": KOREAN, "target": "ko"})
    assert response.status_code == 201
    assert callable(seen[0])
    assert response.json["translations"][0]["engine"]["version"] == "1+mt"


def test_the_response_says_whether_the_target_is_a_translation(client):
    # The aligner's document-level judgement is stored with the translation.
    aligned = client.post("/api/alignments", json={
        "source_text": ENGLISH, "target_text": KOREAN, "target": "ko"})
    assert aligned.status_code == 201
    translation = aligned.json["translations"][0]
    assert 0.0 <= translation["translation_probability"] <= 1.0
    from service.align.calibration import calibration

    threshold = calibration().translation_at
    assert translation["is_translation"] is (translation["translation_probability"] >= threshold)
    stored = client.get(f"/api/articles/{aligned.json['id']}").json["translations"]
    assert stored[0]["translation_probability"] == translation["translation_probability"]
    assert "translation_probability" not in client.post("/api/articles", json={
        "text": "Officials met in Seoul on Monday to discuss the drills.",
        "targets": ["ko"]}).json["translations"][0]
