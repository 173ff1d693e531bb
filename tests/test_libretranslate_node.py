"""LibreTranslate's most used npm client (``libretranslate``, Node's fetch) against
a live wirealign: text and ``format=html`` through a client this project did
not write, which sends JSON with its key as ``apiKey`` and asks /languages
first (a GET with a JSON content type and no body)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.live_server import live_server

CLIENTS = Path(__file__).parent / "clients" / "node"
NODE = shutil.which("node")
if os.environ.get("CI") and (NODE is None or not (CLIENTS / "node_modules").exists()):
    raise RuntimeError("CI: node or tests/clients/node/node_modules is missing; "
                       "scripts/setup.sh --test installs the npm clients")
pytestmark = pytest.mark.skipif(
    NODE is None or not (CLIENTS / "node_modules" / "libretranslate").exists(),
    reason="node or the npm clients are missing: install Debian's nodejs and npm, then "
           "scripts/setup.sh --test (npm ci --prefix tests/clients/node)")


def node_translate(**options) -> dict:
    done = subprocess.run([NODE, str(CLIENTS / "translate.mjs"), json.dumps(options)],
                          capture_output=True, text=True, timeout=60, cwd=CLIENTS)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def base_url(app):
    with live_server(app) as url:
        yield url


def test_npm_client_translates_text_and_html(base_url, engine_calls):
    text = node_translate(query="The ministers met on Saturday.", source="en", target="ko",
                          apiurl=base_url)
    assert text == {"ok": "The ministers met on Saturday."}
    page = ('<p class="lead">The <b>ministers</b> met &amp; talked.</p>'
            "<ul><li>One item here.</li><li>Another item.</li></ul>")
    html = node_translate(query=page, source="en", target="ja", format="html",
                          apiurl=base_url)
    assert html == {"ok": page}
    # One batch per request (1 text, then 3 HTML runs), each spread over the
    # engine queue's replica lanes.
    assert sum(engine_calls) == 4 and engine_calls[0] == 1


def test_npm_client_sees_languages_and_our_refusals(base_url):
    refused = node_translate(query="Hi there.", source="en", target="fr", apiurl=base_url)
    assert "does not exist" in refused["error"]  # the client checked /languages first
    korean = node_translate(query="북한이 러시아에 병력을 보냈다고 정부 관계자들이 밝혔다.",
                            source="en", target="ko", apiurl=base_url)
    assert korean == {}  # a 422 {"error": ...} has no translatedText: the client gives undefined
