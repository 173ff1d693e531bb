"""The LibreTranslate-compatible endpoints, driven over real HTTP by three
independent LibreTranslate client libraries from PyPI (libretranslatepy sends
forms with urllib, deep-translator puts everything in the query string,
libretranslate-aio sends forms with httpx) and by requests."""

from __future__ import annotations

import urllib.error

import pytest
import requests
from deep_translator import LibreTranslator
from deep_translator.exceptions import AuthorizationException, ServerException
from libretranslate_aio import LibreTranslate
from libretranslate_aio.exceptions import BadRequestError, ForbiddenError, RateLimitError
from libretranslatepy import LibreTranslateAPI

from service.app import create_app
from service.engine import EngineSettings
from service.engine.settings import resolved_inter_threads
from service.store import connect
from service.store.keys import add_key
from tests.conftest import assert_one_batch
from tests.live_server import live_server

KOREAN = "북한이 러시아에 병력을 보냈다고 정부 관계자들이 밝혔다."
SENTENCES = [f"Officials met in Seoul on day {n} to discuss the drills." for n in range(1, 33)]
# No glossary term here (Tokyo is a verified entry since issue 9).
TEXT = "The ministers met at noon on Saturday."


@pytest.fixture
def base_url(app):
    with live_server(app) as url:
        yield url


@pytest.fixture
def api_key(app) -> str:
    db = connect(app.config["DATABASE"])
    try:
        return add_key(db, "newsdesk", "reviewer")
    finally:
        db.close()


def test_libretranslatepy_translates_detects_and_lists(base_url):
    client = LibreTranslateAPI(base_url)
    # The stand-in copies its input: the same words come back.
    assert client.translate(TEXT, "en", "ko") == TEXT
    assert client.translate(TEXT, "auto", "ja") == TEXT
    detected = client.detect("North Korea has sent thousands of troops to Russia, officials said.")
    assert detected[0]["language"] == "en"
    assert client.detect(KOREAN)[0]["language"] == "ko"
    languages = {lang["code"]: lang for lang in client.languages()}
    assert languages["en"]["targets"] == ["ja", "ko"]


def test_libretranslatepy_gets_errors_as_libretranslate_does(base_url):
    client = LibreTranslateAPI(base_url)
    for source, target in (("en", "fr"), ("de", "ko")):
        with pytest.raises(urllib.error.HTTPError) as error:
            client.translate("Hello there.", source, target)
        assert error.value.code == 422
    with pytest.raises(urllib.error.HTTPError) as error:
        LibreTranslateAPI(base_url, api_key="not-a-key").translate(TEXT, "en", "ko")
    assert error.value.code == 403


def test_deep_translator_sends_everything_in_the_query_string(base_url, api_key):
    translator = LibreTranslator(source="en", target="ko", api_key=api_key,
                                 custom_url=f"{base_url}/")
    assert translator.translate(TEXT) == TEXT
    assert translator.translate_batch([TEXT, "Officials said so."]) == [
        TEXT, "Officials said so."]
    with pytest.raises(AuthorizationException):
        LibreTranslator(source="en", target="ja", api_key="not-a-key",
                        custom_url=f"{base_url}/").translate(TEXT)
    with pytest.raises(ServerException):  # Korean is not an English source: refused
        translator.translate(KOREAN)


def test_libretranslate_aio_speaks_the_whole_api(base_url, api_key):
    with LibreTranslate(base_url, api_key=api_key) as client:
        result = client.translate(TEXT, "en", "ja")
        assert result.translated_text == TEXT
        many = client.translate(["One sentence here.", "Another sentence here."], "en", "ko")
        assert many.translated_text == ["One sentence here.", "Another sentence here."]
        assert client.detect(KOREAN)[0].language == "ko"
        assert {lang.code for lang in client.languages()} == {"en", "ja", "ko"}
        settings = client.frontend_settings()
        assert ".docx" in settings.supported_files_format
        assert settings.language.source.code == "en"
        assert settings.char_limit > 0
        assert client.health()
        with pytest.raises(BadRequestError):
            client.translate(TEXT, "en", "")
    with LibreTranslate(base_url, api_key="not-a-key") as client, \
            pytest.raises(ForbiddenError):
        client.translate(TEXT, "en", "ko")


def test_request_limit_is_429_for_every_client(tmp_path, standin_packages_dir):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(standin_packages_dir), "REQ_LIMIT": 2})
    with live_server(app) as url, LibreTranslate(url) as client:
        client.translate(TEXT, "en", "ko")
        client.translate(TEXT, "en", "ko")
        with pytest.raises(RateLimitError) as error:
            client.translate(TEXT, "en", "ko")
        assert "2 per 1 minute" in str(error.value)
        with pytest.raises(urllib.error.HTTPError) as refused:
            LibreTranslateAPI(url).translate(TEXT, "en", "ko")
        assert refused.value.code == 429


@pytest.mark.parametrize("where", ["json", "form", "query"])
def test_parameters_and_key_are_read_from_json_form_or_query(base_url, api_key, where):
    params = {"q": TEXT, "source": "en", "target": "ko", "api_key": api_key}
    send = {"json": {"json": params}, "form": {"data": params},
            "query": {"params": params}}[where]
    reply = requests.post(f"{base_url}/translate", timeout=30, **send)
    assert reply.status_code == 200, reply.text
    assert reply.json()["translatedText"] == TEXT
    bad = dict(params, api_key="not-a-key")
    send = {"json": {"json": bad}, "form": {"data": bad}, "query": {"params": bad}}[where]
    refused = requests.post(f"{base_url}/translate", timeout=30, **send)
    assert refused.status_code == 403
    assert refused.json() == {"error": "Invalid API key"}


def test_json_body_wins_over_the_query_string(client):
    reply = client.post("/translate?target=zz&q=Other+words.",
                        json={"q": TEXT, "source": "en", "target": "ja"})
    assert reply.status_code == 200
    assert reply.json["translatedText"] == TEXT


def test_a_required_key_is_asked_for_as_libretranslate_does(tmp_path, standin_packages_dir):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(standin_packages_dir), "SUBMIT_NEEDS_KEY": True})
    client = app.test_client()
    missing = client.post("/translate", data={"q": TEXT, "source": "en", "target": "ko"})
    assert missing.status_code == 400 and "API key" in missing.json["error"]
    assert client.get("/frontend/settings").json["keyRequired"] is True


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


def test_text_reaches_the_engine_as_sentences_in_one_batch(client, engine_calls):
    reply = client.post("/translate", json={
        "q": ["The ministers met on Saturday. They agreed to share data.", "One more."],
        "source": "en", "target": "ko", "glossary": False})
    assert reply.json["translatedText"] == [
        "The ministers met on Saturday. They agreed to share data.", "One more."]
    assert_one_batch(engine_calls, 3)


def test_auto_source_reports_detected_language(base_url):
    body = requests.post(f"{base_url}/translate", json={
        "q": "The defense ministers of the three countries agreed to share missile warning "
             "data in real time.", "source": "auto", "target": "ja"}, timeout=60).json()
    assert body["detectedLanguage"]["language"] == "en"
    assert body["detectedLanguage"]["confidence"] > 50
    with LibreTranslate(base_url) as client:
        many = client.translate(["The defense ministers agreed to share missile data.",
                                 "Officials said the talks in Tokyo went well on Monday."],
                                "auto", "ko")
    assert [d.language for d in many.detected_language] == ["en", "en"]


@pytest.mark.parametrize(("payload", "status", "words"), [
    ({"source": "en", "target": "ko"}, 400, "missing q"),
    ({"q": "Hi there.", "target": "ko"}, 400, "missing source"),
    ({"q": "Hi there.", "source": "en"}, 400, "missing target"),
    ({"q": 5, "source": "en", "target": "ko"}, 400, "field 'q'"),
    ({"q": [], "source": "en", "target": "ko"}, 400, "field 'q'"),
    ({"q": "Hi there.", "source": "en", "target": "ko", "format": "pdf"}, 400, "field 'format'"),
    ({"q": "Hi there.", "source": "en", "target": "ko", "alternatives": "x"}, 400,
     "alternatives"),
    ({"q": "Hi there.", "source": "en", "target": "ko", "alternatives": -1}, 400,
     "alternatives"),
    ({"q": "Hi there.", "source": "en", "target": "zh"}, 422, "unsupported target"),
    ({"q": KOREAN, "source": "en", "target": "ko"}, 422, "not English"),
])
def test_translate_errors(client, payload, status, words):
    response = client.post("/translate", json=payload)
    assert response.status_code == status
    assert words.lower() in response.json["error"].lower()


def test_text_limit_is_a_400_naming_both_numbers(app, client):
    app.config["MAX_TEXT_CHARS"] = 20
    response = client.post("/translate", data={"q": TEXT, "source": "en", "target": "ko"})
    assert response.status_code == 400
    assert response.json["error"] == f"Invalid request: request ({len(TEXT)}) exceeds text " \
                                     "limit (20)"


def test_a_body_that_is_neither_json_nor_form_has_no_parameters(client):
    response = client.post("/translate", data="q=hi", content_type="text/plain")
    assert response.status_code == 400 and "missing q" in response.json["error"]


def test_suggestions_are_refused_as_libretranslate_refuses_them(client):
    response = client.post("/suggest", data={"q": "a", "s": "b", "source": "en",
                                             "target": "ko"})
    assert response.status_code == 403 and "disabled" in response.json["error"]


def test_missing_model_is_503(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(tmp_path / "empty")})
    response = app.test_client().post("/translate", json={"q": "Hi.", "source": "en",
                                                          "target": "ko"})
    assert response.status_code == 503
    assert "wirealign models install ko" in response.json["error"]


def engine_lanes() -> int:
    return resolved_inter_threads(EngineSettings(packages_dir="."))
