"""The OpenAPI document: every API route is in it (generated from the routes,
so a route cannot be left out), it is served at /openapi.json and /spec, the
Swagger UI page at /docs works offline, and request bodies are validated
against it with a 400 naming the field."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from service.api.contracts import CONTRACTS
from service.api.openapi import routed_operations
from tests.live_server import live_server


def test_every_api_route_has_a_contract_and_is_in_the_document(app, client):
    document = client.get("/openapi.json").json
    assert document["openapi"] == "3.1.0"
    operations = {(path, method) for path, methods in document["paths"].items()
                  for method in methods}
    routes = routed_operations(app)
    missing = sorted({endpoint for _, _, endpoint in routes} - set(CONTRACTS))
    assert missing == [], f"routes without a contract in service/api/contracts.py: {missing}"
    assert len(operations) == len(routes)
    for area in ("/api/articles", "/api/alignments", "/api/pairs/{pair_id}", "/api/glossary",
                 "/api/export", "/api/stats", "/api/keys", "/health", "/translate",
                 "/translate_file", "/download_file/{filename}", "/frontend/settings",
                 "/metrics"):
        assert area in document["paths"], area
    assert client.get("/spec").json == document
    translate = document["paths"]["/translate"]["post"]
    assert set(translate["requestBody"]["content"]) == {
        "application/json", "application/x-www-form-urlencoded", "multipart/form-data"}
    assert translate["description"].startswith("Translate text or HTML")  # the view's docstring
    pair = document["paths"]["/api/pairs/{pair_id}"]["get"]["parameters"][0]
    assert pair["schema"]["type"] == "integer"


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/api/articles", {"text": 5}, "text"),
    ("/api/articles", {"text": "Troops moved.", "glossary": "maybe"}, "glossary"),
    ("/api/articles", {"html": 5}, "html"),
    ("/api/alignments", {"source_text": "x", "target": "ko", "target_text": ["y"]},
     "target_text"),
    ("/api/keys", {"name": "x", "rank": "admin"}, "rank"),
    ("/api/pairs/bulk", {"action": "approve", "ids": ["1"]}, "ids.0"),
])
def test_a_body_that_breaks_the_contract_is_a_400_naming_the_field(client, path, body, field):
    response = client.post(path, json=body)
    assert response.status_code == 400
    assert response.json["field"] == field
    assert repr(field) in response.json["error"] or field in response.json["error"]


def test_libretranslate_errors_keep_their_shape(client):
    response = client.post("/translate", json={"q": "Troops moved.", "source": "en",
                                               "target": "ko", "alternatives": [2]})
    assert response.status_code == 400
    assert response.json == {"error": "Invalid request: invalid field 'alternatives': must be "
                                      "a whole number or a string"}


def test_docs_page_uses_only_local_assets(client):
    page = client.get("/docs")
    assert page.status_code == 200 and b"swagger-ui-bundle.js" in page.data
    assert b"http://" not in page.data and b"https://" not in page.data
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "docs-init.js"):
        assert client.get(f"/docs/static/{asset}").status_code == 200, asset


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("CI"),
                    reason="/usr/bin/chromium is missing: install Debian's chromium")
def test_docs_render_in_a_browser_with_no_network_but_loopback(app):
    from playwright import sync_api

    outside: list[str] = []
    with live_server(app) as url, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()

            def only_loopback(route):
                if route.request.url.startswith(url):
                    return route.continue_()
                outside.append(route.request.url)
                return route.abort()

            page.route("**/*", only_loopback)
            page.goto(f"{url}/docs")
            page.wait_for_selector(".opblock", timeout=20_000)
            titles = page.locator(".opblock-summary-path").all_inner_texts()
        finally:
            browser.close()
    assert outside == []
    assert any("/translate" in title for title in titles)
    assert any("/api/articles" in title for title in titles)
