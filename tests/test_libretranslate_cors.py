"""CORS as LibreTranslate sends it: browser clients on other origins may call
the API (preflight included); the review desk never gets CORS headers; the
allowed origins come from CORS_ORIGINS."""

from __future__ import annotations

import pytest
import requests

from service.app import create_app
from tests.live_server import live_server

ORIGIN = "https://newsroom.example"


@pytest.fixture
def base_url_any(app):
    with live_server(app) as url:
        yield url


def test_api_answers_other_origins_and_preflights(base_url_any):
    reply = requests.post(f"{base_url_any}/translate", headers={"Origin": ORIGIN}, timeout=30,
                          json={"q": "The talks ended.", "source": "en", "target": "ko"})
    assert reply.status_code == 200
    assert reply.headers["Access-Control-Allow-Origin"] == ORIGIN  # flask-cors reflects it
    preflight = requests.options(f"{base_url_any}/translate", timeout=30, headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "content-type" in preflight.headers["Access-Control-Allow-Headers"].lower()
    languages = requests.get(f"{base_url_any}/languages", headers={"Origin": ORIGIN},
                             timeout=30)
    assert languages.headers["Access-Control-Allow-Origin"] == ORIGIN


def test_review_pages_never_get_cors_headers(base_url_any):
    for path in ("/review/", "/review/login", "/review"):
        reply = requests.get(f"{base_url_any}{path}", headers={"Origin": ORIGIN}, timeout=30,
                             allow_redirects=False)
        assert "Access-Control-Allow-Origin" not in reply.headers, path


def test_origins_are_configurable(tmp_path, standin_packages_dir):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db.sqlite"),
                      "PACKAGES_DIR": str(standin_packages_dir),
                      "CORS_ORIGINS": f"{ORIGIN}, https://other.example"})
    client = app.test_client()
    allowed = client.get("/languages", headers={"Origin": ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == ORIGIN
    refused = client.get("/languages", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in refused.headers
    off = create_app({"TESTING": True, "DATABASE": str(tmp_path / "db2.sqlite"),
                      "PACKAGES_DIR": str(standin_packages_dir), "CORS_ORIGINS": ""})
    assert "Access-Control-Allow-Origin" not in off.test_client().get(
        "/languages", headers={"Origin": ORIGIN}).headers

