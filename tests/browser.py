"""What every browser test shares: Debian's chromium (a skip with the reason
where it is absent, an error on CI, where scripts/setup.sh --test installs it)
and the flags it runs with on this closed network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if os.environ.get("CI") and not CHROMIUM.exists():
    # A skip on CI would hide a broken install behind a green run.
    raise RuntimeError("CI: /usr/bin/chromium is missing; scripts/setup.sh --test installs it")
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is missing: install Debian's chromium "
           "(apt-get install chromium; .ci/run does) to run the browser tests")
# Without the background-networking flags chromium keeps calling out and is refused.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# WIREALIGN_SCREENSHOTS=<dir> keeps screenshots of each step.
SHOTS = os.environ.get("WIREALIGN_SCREENSHOTS")


# One chromium per test module, one fresh context (and page) per test; a page
# keeps its script errors in ``page.errors`` so a test can assert there were none.
@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api  # a test dependency: setup.cfg [test]

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()
