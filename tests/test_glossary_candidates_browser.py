"""The glossary candidates page in a real browser (Playwright driving Debian's
chromium against the app on 127.0.0.1): a reviewer accepts a candidate into a
proposal and dismisses another; page text is never markup."""

from __future__ import annotations

import threading

import pytest

from service.align_article import align_article
from service.app import create_app
from service.store import connect
from service.store.candidates import save_candidates
from service.store.keys import add_key
from tests.browser import needs_chromium
from tests.conftest import SEED_GLOSSARY
from tests.test_glossary_candidates import EN, KO

pytestmark = needs_chromium
from playwright import sync_api  # noqa: E402  (a test dependency: setup.cfg [test])

SCRIPT = "<script>window.__pwned=1</script>"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    path = tmp_path_factory.mktemp("candidates") / "review.db"
    db = connect(path)
    align_article(db, source_text=EN, target_text=KO, lang="ko", glossary=None)
    pair = db.execute("SELECT min(id) FROM pairs").fetchone()[0]
    save_candidates(db, "ko", [{"en": f"Evil {SCRIPT}", "target": f"악성 {SCRIPT}",
                                "score": 0.5, "methods": ["translit"], "evidence": [pair]}])
    keys = {"rita": add_key(db, "rita", "reviewer")}
    db.close()
    # The seed file alone: the beat glossary already holds these test names.
    app = create_app({"DATABASE": str(path), "TESTING": True,
                      "GLOSSARY_PATH": SEED_GLOSSARY})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{http.server_port}", "path": path, "keys": keys}
    http.shutdown()
    thread.join(5)


def _card(page, english: str):
    return page.locator("article.candidate").filter(
        has=page.locator(".en", has_text=english)).first


def test_reviewer_accepts_and_dismisses_candidates(server, page):
    expect = sync_api.expect
    page.goto(server["url"] + "/review/")
    page.click("nav.nav >> text=Glossary candidates")  # the header links to the candidates page
    expect(page).to_have_url(server["url"] + "/review/candidates")
    busan = _card(page, "Busan")
    expect(busan.locator(".rendering")).to_have_text("부산")
    expect(busan.locator(".evidence summary")).to_contain_text("1 pair")

    # Without a key, nothing is sent.
    busan.locator("input[name=other]").fill("釜山")
    busan.locator("button[data-action=accept]").click()
    expect(busan.locator("[data-role=msg]")).to_contain_text("key")

    page.fill("#key-input", server["keys"]["rita"])
    page.press("#key-input", "Enter")
    expect(page.locator("#who")).to_be_visible()
    busan.locator("select[name=kind]").select_option("place")
    busan.locator("button[data-action=accept]").click()
    expect(busan.locator("[data-role=msg]")).to_contain_text("Proposed as busan")
    expect(busan.locator("[data-role=state]")).to_have_text("accepted")

    gyeongju = _card(page, "Gyeongju")
    gyeongju.locator("button[data-action=dismiss]").click()
    expect(gyeongju.locator("[data-role=state]")).to_have_text("dismissed")

    # An accepted candidate without the other rendering is refused, in words.
    emanuel = _card(page, "Rahm Emanuel")
    emanuel.locator("input[name=other]").fill("")
    emanuel.locator("button[data-action=accept]").click()
    # The browser's own check stops an empty required field before any request.
    expect(emanuel.locator("[data-role=state]")).to_have_text("open")

    db = connect(server["path"])
    proposal = next(db.query("SELECT * FROM glossary_proposals"))
    states = dict(db.execute("SELECT en, state FROM glossary_candidates").fetchall())
    db.close()
    assert (proposal["entry_id"], proposal["proposed_by"]) == ("busan", "rita")
    assert '"kind": "place"' in proposal["data"] and "釜山" in proposal["data"]
    assert states["Busan"] == "accepted" and states["Gyeongju"] == "dismissed"

    page.reload()
    shown = page.locator("article.candidate .en").all_text_contents()
    assert "Busan" not in shown and "Gyeongju" not in shown and "Rahm Emanuel" in shown
    # Markup in a candidate is shown as text and never runs.
    expect(_card(page, "Evil").locator(".en")).to_have_text(f"Evil {SCRIPT}")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors == []
