"""The LibreTranslate-compatible endpoints, driven over real HTTP by a real
LibreTranslate client library from PyPI (libretranslatepy) and by requests."""

from __future__ import annotations

import urllib.error

import pytest
import requests
from libretranslatepy import LibreTranslateAPI

from service.engine import EngineSettings
from service.engine.settings import resolved_inter_threads
from tests.live_server import live_server

KOREAN = "북한이 러시아에 병력을 보냈다고 정부 관계자들이 밝혔다."
SENTENCES = [f"Officials met in Seoul on day {n} to discuss the drills." for n in range(1, 33)]


@pytest.fixture
def base_url(app):
    with live_server(app) as url:
        yield url


def test_libretranslate_client_translates_detects_and_lists(base_url):
    client = LibreTranslateAPI(base_url)
    text = "The ministers met in Tokyo on Saturday."
    # The stand-in copies its input: the same words come back.
    assert client.translate(text, "en", "ko") == text
    assert client.translate(text, "auto", "ja") == text
    detected = client.detect("North Korea has sent thousands of troops to Russia, officials said.")
    assert detected[0]["language"] == "en"
    assert client.detect(KOREAN)[0]["language"] == "ko"
    languages = {lang["code"]: lang for lang in client.languages()}
    assert languages["en"]["targets"] == ["ja", "ko"]


def test_client_gets_errors_as_libretranslate_does(base_url):
    client = LibreTranslateAPI(base_url)
    with pytest.raises(urllib.error.HTTPError) as error:
        client.translate("Hello there.", "en", "fr")
    assert error.value.code == 422
    with pytest.raises(urllib.error.HTTPError) as error:
        client.translate("Hello there.", "de", "ko")
    assert error.value.code == 422


def test_array_q_is_one_engine_batch(base_url, engine_calls):
    calls = engine_calls
    reply = requests.post(f"{base_url}/translate", json={
        "q": SENTENCES, "source": "en", "target": "ko", "format": "text", "glossary": False},
        timeout=60)
    assert reply.status_code == 200
    body = reply.json()
    assert body["translatedText"] == SENTENCES
    # One engine call per CTranslate2 replica (the engine queue's lanes), never one per item.
    assert sum(calls) == 32 and len(calls) <= engine_lanes()
    assert body["stand_in"] is True and "NOT a translation" in body["warning"]


def test_auto_source_reports_detected_language(base_url):
    body = requests.post(f"{base_url}/translate", json={
        "q": "The defense ministers of the three countries agreed to share missile warning "
             "data in real time.", "source": "auto", "target": "ja"}, timeout=60).json()
    assert body["detectedLanguage"]["language"] == "en"
    assert body["detectedLanguage"]["confidence"] > 50


@pytest.mark.parametrize(("payload", "status"), [
    ({"source": "en", "target": "ko"}, 400),
    ({"q": 5, "source": "en", "target": "ko"}, 400),
    ({"q": [], "source": "en", "target": "ko"}, 400),
    ({"q": "Hi there.", "source": "en"}, 400),
    ({"q": "Hi there.", "source": "en", "target": "ko", "format": "html"}, 400),
    ({"q": "Hi there.", "source": "en", "target": "zh"}, 422),
    ({"q": KOREAN, "source": "en", "target": "ko"}, 422),
])
def test_translate_errors(client, payload, status):
    response = client.post("/translate", json=payload)
    assert response.status_code == status
    assert response.json["error"]


def test_translate_refuses_other_content_types(client):
    response = client.post("/translate", data="q=hi", content_type="text/plain")
    assert response.status_code == 415


def test_missing_model_is_503(tmp_path):
    from service.app import create_app

    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(tmp_path / "empty")})
    response = app.test_client().post("/translate", json={"q": "Hi.", "target": "ko"})
    assert response.status_code == 503
    assert "wirealign models install ko" in response.json["error"]


def engine_lanes() -> int:
    return resolved_inter_threads(EngineSettings(packages_dir="."))
