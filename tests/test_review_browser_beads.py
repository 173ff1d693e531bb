"""Fixing alignment links on an aligned article's review page in a real
browser (Debian's chromium driven by Playwright, the app over real HTTP on
127.0.0.1): move sentences to the neighbouring pair, split, merge, undo, and
check what is stored.

Set WIREALIGN_SCREENSHOTS=<dir> to keep screenshots of each step.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from service.app import create_app
from service.store import connect
from service.store.keys import add_key
from tests.browser import SHOTS, needs_chromium

from .beads_material import JA, JA_EN, KO, KO_EN, seed_human

pytestmark = needs_chromium
from playwright import sync_api  # noqa: E402  (a test dependency: setup.cfg [test])

expect = sync_api.expect


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    path = tmp_path_factory.mktemp("links") / "links.db"
    db = connect(path)
    articles = {"ko": seed_human(db, "ko"), "ja": seed_human(db, "ja", with_machine=True)}
    keys = {"rita": add_key(db, "rita", "reviewer"), "ada": add_key(db, "ada", "admin")}
    db.close()
    app = create_app({"DATABASE": str(path), "TESTING": True})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{http.server_port}", "path": path, "keys": keys,
           "app": app, "articles": articles}
    http.shutdown()
    thread.join(5)


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"links-{name}.png"), full_page=True)


def stored(server, lang: str) -> list[dict]:
    db = connect(server["path"])
    rows = list(db.query("SELECT * FROM pairs WHERE article_id = ? AND lang = ?"
                         " ORDER BY position", [server["articles"][lang], lang]))
    for row in rows:
        row["history"] = list(db.query(
            "SELECT * FROM pair_history WHERE pair_id = ? ORDER BY id", [row["id"]]))
    db.close()
    return rows


def open_article(page, server, lang: str) -> None:
    page.goto(server["url"] + f"/review/articles/{server['articles'][lang]}?lang={lang}")
    if page.locator("#who").is_hidden():
        page.fill("#key-input", server["keys"]["rita"])
        page.press("#key-input", "Enter")
        expect(page.locator("#who")).to_be_visible()


def card(page, pair_id: int):
    return page.locator(f"#pair-{pair_id}")


def choose(page, pair_id: int) -> None:
    card(page, pair_id).locator(".side.source").click()
    expect(card(page, pair_id)).to_have_class(re.compile(r"(^|\s)current(\s|$)"))


def fix(page, action, pair_id: int, toast: str) -> None:
    """Do ``action`` and wait for the page to load again after the fix."""
    with page.expect_navigation():
        action()
    expect(page.locator("#toast")).to_contain_text(toast)
    expect(card(page, pair_id)).to_have_class(re.compile(r"(^|\s)current(\s|$)"))


def test_fix_a_shift_by_one_then_split_and_undo(server, page):
    open_article(page, server, "ko")
    expect(page.locator("#link-keys")).to_contain_text("split")
    rows = stored(server, "ko")
    assert [r["bead"] for r in rows] == ["1-1", "1-1", "1-1", "1-2", "1-1", "1-1", "2-1"]
    expect(card(page, rows[3]["id"]).locator(".link-actions .bead")).to_have_text("bead 1-2")
    shot(page, "1-wrong")

    # A button: the second Korean sentence of the 1-2 pair goes down a pair.
    fix(page, card(page, rows[3]["id"]).locator("button[data-link=target-down]").click,
        rows[3]["id"], "Moved a target sentence down")
    # Keys: the next two pairs give their extra sentence down too.
    for position in (4, 5):
        choose(page, rows[position]["id"])
        fix(page, lambda: page.keyboard.press("]"), rows[position]["id"],
            "Moved a target sentence down")
    now = stored(server, "ko")
    assert [(r["source"], r["target"]) for r in now[3:6]] == list(zip(KO_EN[3:6], KO[3:6],
                                                                      strict=True))
    assert [r["bead"] for r in now] == ["1-1"] * 6 + ["2-2"]
    assert {(r["status"], r["updated_by"]) for r in now[3:]} == {("edited", "rita")}

    # Split the 2-2 at its sentences, chosen in the page.
    last = now[6]
    choose(page, last["id"])
    page.keyboard.press("s")
    splitter = card(page, last["id"]).locator("[data-role=splitter]")
    expect(splitter).to_be_visible()
    expect(splitter.locator(".cuts-source_at .sentence")).to_have_text(KO_EN[6:8])
    expect(splitter.locator(".cuts-target_at .sentence")).to_have_text(KO[6:8])
    splitter.locator("input[name=source_at][value='1']").check()
    splitter.locator("input[name=target_at][value='1']").check()
    shot(page, "2-split")
    fix(page, splitter.locator("button[data-split=go]").click, last["id"],
        f"Split #{last['id']}")
    now = stored(server, "ko")
    assert [(r["source"], r["target"]) for r in now] == list(zip(KO_EN, KO, strict=True))
    assert [r["position"] for r in now] == list(range(8))
    new = now[7]
    expect(card(page, new["id"]).locator(".link-actions .bead")).to_have_text("bead 1-1")
    # The history of the pair, on the page and stored, names the change.
    first = card(page, last["id"])
    first.locator("[data-role=history] summary").click()
    expect(first.locator("[data-role=history-list] li").last).to_contain_text("split")
    assert "split" in now[6]["history"][-1]["note"]
    assert now[6]["history"][-1]["changed_by"] == "rita"
    changes = page.locator("#link-changes li.change")
    expect(changes).to_have_count(4)
    expect(changes.first).to_contain_text("split")
    shot(page, "3-fixed")

    # Undo the split: the 2-2 is back, the new pair gone; the moves stay.
    fix(page, changes.first.locator("button[data-undo]").click, last["id"], "Undid change")
    expect(card(page, new["id"])).to_have_count(0)
    now = stored(server, "ko")
    assert [r["bead"] for r in now] == ["1-1"] * 6 + ["2-2"]
    assert now[6]["id"] == last["id"] and now[6]["target"] == f"{KO[6]} {KO[7]}"
    expect(page.locator("#link-changes li.change").first).to_contain_text("undo of change")
    expect(page.locator("#link-changes li.change").nth(1)).to_contain_text("undone by")
    assert page.errors == []


def test_merge_by_key_and_a_stale_page_gets_the_conflict(server, page):
    open_article(page, server, "ja")
    rows = stored(server, "ja")
    assert [r["bead"] for r in rows] == ["1-1", "1-0", "0-1", "2-2", "1-1"]
    choose(page, rows[1]["id"])
    fix(page, lambda: page.keyboard.press("m"), rows[1]["id"], "Merged")
    now = stored(server, "ja")
    assert (now[1]["source"], now[1]["target"], now[1]["bead"]) == (JA_EN[1], JA[1], "1-1")
    assert json_flags(now[1]) == []
    assert rows[2]["id"] not in {r["id"] for r in now}
    expect(card(page, rows[1]["id"]).locator(".side.target")).to_have_text(JA[1])
    expect(card(page, rows[2]["id"])).to_have_count(0)

    # Someone else splits the 2-2 over the API while this page shows it.
    two = now[2]
    other = server["app"].test_client().post(
        f"/api/pairs/{two['id']}/split", headers={"X-API-Key": server["keys"]["ada"]},
        json={"source_at": 1, "target_at": 1, "version": two["version"]})
    assert other.status_code == 200
    choose(page, two["id"])
    page.keyboard.press("m")
    expect(card(page, two["id"]).locator("[data-role=msg]")).to_contain_text("changed since")
    after = stored(server, "ja")
    assert [(r["source"], r["target"]) for r in after] == list(zip(JA_EN, JA, strict=True))
    # Machine pairs of the same article have no link buttons.
    page.goto(server["url"] + f"/review/articles/{server['articles']['ja']}?lang=ko")
    expect(page.locator("article.pair").first).to_be_visible()
    assert page.locator("[data-role=links]").count() == 0
    assert page.locator("#link-changes").count() == 0
    assert page.errors == []


def json_flags(row: dict) -> list[str]:
    import json

    return json.loads(row["flags"])
