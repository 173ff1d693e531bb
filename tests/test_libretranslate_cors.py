"""CORS as LibreTranslate sends it: browser clients on other origins may call
the API (preflight included); the review desk never gets CORS headers; the
allowed origins come from CORS_ORIGINS."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from flask import Flask

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



CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                    reason="/usr/bin/chromium is missing: install Debian's chromium")
def test_a_page_on_another_origin_calls_the_api_from_a_real_browser(app):
    """Chromium enforces CORS: a newsroom page served from another origin can
    translate (JSON POST, so a preflight first) but cannot read the review desk."""
    from playwright import sync_api

    newsroom = Flask("newsroom")
    newsroom.add_url_rule("/", "page", lambda: "<!doctype html><title>newsroom</title>")
    with live_server(app) as api, live_server(newsroom) as page_origin, \
            sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.goto(page_origin + "/")
            translated = page.evaluate("""async (api) => {
                const reply = await fetch(api + "/translate", {method: "POST",
                    headers: {"Content-Type": "application/json"},
                    body: JSON.stringify({q: "The talks ended.", source: "en", target: "ja"})});
                return [reply.status, (await reply.json()).translatedText,
                        reply.headers.get("X-Request-Id") !== null];
            }""", api)
            review = page.evaluate("""async (api) => {
                try { await fetch(api + "/review/"); return "read"; }
                catch (error) { return "blocked"; }
            }""", api)
        finally:
            browser.close()
    assert translated == [200, "The talks ended.", True]
    assert review == "blocked"
