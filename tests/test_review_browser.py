"""The review pages in a real browser: Playwright drives Debian's chromium
against the app served over real HTTP on 127.0.0.1.

Set WIREALIGN_SCREENSHOTS=<dir> to keep screenshots of each step.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from service.app import create_app
from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.keys import add_key
from tests.browser import SHOTS, needs_chromium

pytestmark = needs_chromium
from playwright import sync_api  # noqa: E402  (a test dependency: setup.cfg [test])

SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=\"window.__pwned=2\">"


def _term(entry: str, source: str, target: str, src: str, tgt: str, enforced: bool = True):
    start = src.index(source)
    t = tgt.find(target)
    return {"entry_id": entry, "source_span": [start, start + len(source)],
            "target_span": [t, t + len(target)] if t >= 0 else None,
            "rendering": target, "enforced": enforced}


def _pair(position, kind, source, target, status="machine", flags=(), terms=()):
    return PairRecord(position=position, kind=kind, source=source, target=target,
                      status=status, origin="source" if status == "source_only" else "machine",
                      flags=list(flags), terms=list(terms))


def seed(db) -> dict[str, int]:
    s0 = "North Korea has sent troops to Russia, Seoul's spy agency said."
    t0 = "북한이 러시아에 군대를 파병했다고 국정원이 밝혔다."
    s2 = "Kim Jong Un ordered the deployment, NIS director Cho Tae-yong told lawmakers."
    t2 = "김정은이 파병을 지시했다고 조태용 국정원장이 의원들에게 말했다."
    s3 = "Shin Won-sik, the national security adviser, called it a grave threat."
    t3 = "국가안보실장 신원식은 이를 심각한 위협이라고 불렀다."
    ko = [
        _pair(0, "title", "North Korea sends troops to Russia", "북한, 러시아에 파병",
              terms=[_term("north-korea", "North Korea", "북한", "North Korea sends troops to "
                           "Russia", "북한, 러시아에 파병")]),
        _pair(1, "credit", "By Jane Doe", None, status="source_only"),
        _pair(2, "dateline", "SEOUL, Oct. 26 (AJP)", "서울, 10월 26일 (AJP)"),
        _pair(3, "body", s0, t0, terms=[_term("north-korea", "North Korea", "북한", s0, t0),
                                        _term("nis", "spy agency", "국정원", s0, t0)]),
        _pair(4, "body", s2, t2, status="needs_review", flags=["glossary_miss:kim-jong-un"],
              terms=[_term("kim-jong-un", "Kim Jong Un", "김정은 국무위원장", s2, t2, False),
                     _term("cho-tae-yong", "Cho Tae-yong", "조태용", s2, t2)]),
        _pair(5, "body", s3, t3, status="needs_review", flags=["length_ratio"],
              terms=[_term("shin-won-sik", "Shin Won-sik", "신원식", s3, t3)]),
        _pair(6, "body", f"Officials said {SCRIPT} and {IMG} were seen in the feed.",
              f"관계자들은 {SCRIPT} 와 {IMG} 이 보였다고 말했다.", status="needs_review",
              flags=["untranslated_english"]),
        _pair(7, "footer", "(c) AJP. All rights reserved.", None, status="source_only"),
    ]
    ja = [_pair(0, "title", "North Korea sends troops to Russia", "北朝鮮、ロシアに派兵"),
          _pair(3, "body", s0, "北朝鮮がロシアに部隊を派遣したと韓国の情報機関が明らかにした。")]
    article_id = save_article(
        db, text="browser test article", segments=[], title=f"Troops {SCRIPT}",
        url="https://example.test/nk-troops",
        translations=[TranslationRecord("ko", "machine", "test", "0", False, ko),
                      TranslationRecord("ja", "machine", "test", "0", False, ja)]).article_id
    return {"article": article_id}


def _serve(path: Path, **config):
    from werkzeug.serving import make_server

    app = create_app({"DATABASE": str(path), "TESTING": True, **config})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    return app, http, thread


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "review.db"
    db = connect(path)
    ids = seed(db)
    keys = {"rita": add_key(db, "rita", "reviewer"), "ada": add_key(db, "ada", "admin")}
    db.close()
    app, http, thread = _serve(path)
    yield {"url": f"http://127.0.0.1:{http.server_port}", "path": path, "keys": keys,
           "app": app, **ids}
    http.shutdown()
    thread.join(5)


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def stored(server, pair_id: int) -> dict:
    db = connect(server["path"])
    row = next(db.query("SELECT * FROM pairs WHERE id = ?", [pair_id]))
    row["history"] = list(db.query("SELECT * FROM pair_history WHERE pair_id = ? ORDER BY id",
                                   [pair_id]))
    db.close()
    return row


def pair_id(server, source_start: str, lang: str = "ko") -> int:
    db = connect(server["path"])
    row = db.execute("SELECT id FROM pairs WHERE source LIKE ? AND lang = ?",
                     [source_start + "%", lang]).fetchone()
    db.close()
    return row[0]


def log_in(page, key: str) -> None:
    page.fill("#key-input", key)
    page.press("#key-input", "Enter")
    sync_api.expect(page.locator("#who")).to_be_visible()


def not_pwned(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_review_flow_filter_edit_approve_history(server, page):
    page.goto(server["url"] + "/review/")
    expect = sync_api.expect
    expect(page.locator("#keys-help")).to_contain_text("approve")
    log_in(page, server["keys"]["rita"])
    # The key survives a reload in the same browser session.
    page.reload()
    expect(page.locator("#who")).to_be_visible()

    # Filter: Korean pairs flagged for a glossary miss.
    page.select_option("select[name=lang]", "ko")
    page.fill("input[name=flag]", "glossary_miss")
    page.click(".filters button[type=submit]")
    cards = page.locator("article.pair")
    expect(cards).to_have_count(1)
    kim = pair_id(server, "Kim Jong Un")
    card = page.locator(f"#pair-{kim}")
    expect(card.locator(".flags")).to_contain_text("glossary term is not rendered")
    expect(card.locator("mark.term.missed")).to_have_text("Kim Jong Un")
    shot(page, "1-filtered")

    # Search as in the API: Korean text, 2 characters (the LIKE fallback).
    page.fill("#q", "")
    page.select_option("select[name=lang]", "")
    page.fill("input[name=flag]", "")
    page.fill("#q", "신원")
    page.press("#q", "Enter")
    expect(cards).to_have_count(1)
    expect(cards.first.locator(".side.target")).to_contain_text("신원식")

    # Back to the whole Korean queue; edit the first flagged pair in place.
    page.goto(server["url"] + "/review/?lang=ko&state=needs_review")
    expect(cards).to_have_count(3)
    expect(card).to_have_class(lambda_class("current"))  # the first card is selected
    page.keyboard.press("e")
    area = card.locator("textarea")
    expect(area).to_be_focused()
    area.fill("김정은 국무위원장이 파병을 지시했다고 조태용 국정원장이 의원들에게 말했다.")
    card.locator("input.note").fill("glossary form")
    area.focus()
    page.keyboard.press("Control+Enter")
    expect(card.locator("[data-role=msg]")).to_contain_text("saved")
    expect(card.locator("[data-role=state]")).to_have_text("edited")
    expect(card.locator(".side.target")).to_have_text(
        "김정은 국무위원장이 파병을 지시했다고 조태용 국정원장이 의원들에게 말했다.")
    row = stored(server, kim)
    assert (row["status"], row["updated_by"], row["version"]) == ("edited", "rita", 2)
    assert row["target"].startswith("김정은 국무위원장이")
    assert row["history"][0]["note"] == "glossary form"

    # Approve by keyboard: the edit is kept and the next pair is selected.
    page.keyboard.press("a")
    expect(card.locator("[data-role=state]")).to_have_text("approved")
    row = stored(server, kim)
    assert (row["status"], row["version"]) == ("approved", 3)
    assert row["target"].startswith("김정은 국무위원장이")
    shin = pair_id(server, "Shin Won-sik")
    expect(page.locator(f"#pair-{shin}")).to_have_class(lambda_class("current"))

    # Reject by keyboard; the pair stays.
    page.keyboard.press("r")
    expect(page.locator(f"#pair-{shin} [data-role=state]")).to_have_text("rejected")
    assert stored(server, shin)["status"] == "rejected"

    # Back to the edited pair and its history.
    page.keyboard.press("k")
    page.keyboard.press("k")
    expect(card).to_have_class(lambda_class("current"))
    page.keyboard.press("h")
    history = card.locator("[data-role=history-list] li")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text("needs_review → edited")
    expect(history.nth(0)).to_contain_text("glossary form")
    expect(history.nth(1)).to_contain_text("rita")
    expect(history.nth(1)).to_contain_text("edited → approved")
    shot(page, "2-history")
    # The history is the server's: a fresh load shows the same.
    page.goto(server["url"] + "/review/?lang=ko&state=approved")
    expect(page.locator(f"#pair-{kim} [data-role=history-count]")).to_have_text("2")
    not_pwned(page)
    assert page.errors == []


def lambda_class(name: str):
    import re

    return re.compile(rf"(^|\s){name}(\s|$)")


def test_a_stale_page_gets_the_conflict_not_an_overwrite(server, page):
    expect = sync_api.expect
    dateline = pair_id(server, "SEOUL, Oct. 26")
    page.goto(server["url"] + f"/review/articles/{server['article']}?lang=ko#pair-{dateline}")
    log_in(page, server["keys"]["rita"])
    card = page.locator(f"#pair-{dateline}")
    expect(card).to_have_class(lambda_class("current"))
    # Someone else saves first, over the API.
    other = server["app"].test_client().patch(
        f"/api/pairs/{dateline}", headers={"X-API-Key": server["keys"]["ada"]},
        json={"target": "서울=10월 26일 (AJP)", "version": 1})
    assert other.status_code == 200
    card.click()
    page.keyboard.press("a")
    expect(card.locator("[data-role=msg]")).to_contain_text("ada changed this pair")
    expect(card.locator(".side.target")).to_have_text("서울=10월 26일 (AJP)")
    row = stored(server, dateline)
    assert (row["status"], row["updated_by"], row["target"]) == ("edited", "ada",
                                                                "서울=10월 26일 (AJP)")
    # Approving again now works, on the version the page shows.
    page.keyboard.press("a")
    expect(card.locator("[data-role=state]")).to_have_text("approved")
    assert stored(server, dateline)["target"] == "서울=10월 26일 (AJP)"

    # A conflict while editing keeps the reviewer's draft beside the newer version.
    card.click()
    page.keyboard.press("e")
    card.locator("textarea").fill("서울, 10월 26일 (아주경제)")
    version = stored(server, dateline)["version"]
    other = server["app"].test_client().patch(
        f"/api/pairs/{dateline}", headers={"X-API-Key": server["keys"]["ada"]},
        json={"target": "서울 10월 26일 (AJP)", "version": version})
    assert other.status_code == 200
    page.keyboard.press("Control+Enter")
    expect(card.locator("[data-role=msg]")).to_contain_text("ada changed this pair")
    expect(card.locator("textarea")).to_have_value("서울, 10월 26일 (아주경제)")
    expect(card.locator(".side.target")).to_have_text("서울 10월 26일 (AJP)")
    # Saving the old draft unchanged is not enough: it must be confirmed.
    card.locator("textarea").focus()
    page.keyboard.press("Control+Enter")
    expect(card.locator("[data-role=msg]")).to_contain_text("replace the newer version")
    assert stored(server, dateline)["target"] == "서울 10월 26일 (AJP)"
    page.keyboard.press("Control+Enter")
    expect(card.locator("[data-role=msg]")).to_contain_text("saved")
    row = stored(server, dateline)
    assert (row["target"], row["updated_by"]) == ("서울, 10월 26일 (아주경제)", "rita")
    assert [h["changed_by"] for h in row["history"]] == ["ada", "rita", "ada", "rita"]


def test_without_a_key_nothing_changes(server, page):
    expect = sync_api.expect
    page.goto(server["url"] + "/review/?lang=ja")
    first = page.locator("article.pair").first
    pid = int(first.get_attribute("data-id"))
    before = stored(server, pid)
    page.keyboard.press("a")
    expect(page.locator("#toast")).to_contain_text("reviewer key")
    expect(page.locator("#key-input")).to_be_focused()
    # A wrong key is checked with the server when entered, and refused.
    page.fill("#key-input", "wa_wrong")
    page.press("#key-input", "Enter")
    expect(page.locator("#toast")).to_contain_text("unknown or revoked")
    expect(page.locator("#login")).to_be_visible()
    first.click()
    page.keyboard.press("a")
    expect(page.locator("#toast")).to_contain_text("reviewer key")
    assert stored(server, pid) == before


def test_injected_markup_shows_as_text_and_never_runs(server, page):
    expect = sync_api.expect
    page.goto(server["url"] + f"/review/articles/{server['article']}?lang=ko")
    expect(page.locator("h1")).to_have_text(f"Troops {SCRIPT}")
    bad = page.locator("article.pair", has_text="were seen in the feed")
    expect(bad.locator(".side.source")).to_contain_text(SCRIPT)
    expect(bad.locator(".side.source")).to_contain_text(IMG)
    expect(bad.locator(".side.target")).to_contain_text(IMG)
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    # Editing puts the text back as text too.
    log_in(page, server["keys"]["rita"])
    bad.click()
    page.keyboard.press("e")
    bad.locator("textarea").fill(f"새 번역 {IMG} {SCRIPT}")
    page.keyboard.press("Control+Enter")
    expect(bad.locator(".side.target")).to_have_text(f"새 번역 {IMG} {SCRIPT}")
    page.keyboard.press("h")
    expect(bad.locator("[data-role=history-list]")).to_contain_text(IMG)
    assert page.locator("main img").count() == 0
    page.reload()
    expect(bad.locator(".side.target")).to_have_text(f"새 번역 {IMG} {SCRIPT}")
    not_pwned(page)
    assert page.errors == []


def test_article_view_side_by_side_in_order_with_kinds_and_terms(server, page):
    expect = sync_api.expect
    page.goto(server["url"] + f"/review/articles/{server['article']}?lang=ko")
    kinds = page.locator("article.pair .kind").all_inner_texts()
    assert kinds == ["title", "credit", "dateline", "body", "body", "body", "body", "footer"]
    body = page.locator("article.pair", has_text="Seoul's spy agency")
    expect(body.locator(".side.source mark.term")).to_have_text(["North Korea", "spy agency"])
    expect(body.locator(".side.target mark.term")).to_have_text(["북한", "국정원"])
    src = body.locator(".side.source").bounding_box()
    tgt = body.locator(".side.target").bounding_box()
    assert tgt["x"] > src["x"] + src["width"] - 1 and abs(tgt["y"] - src["y"]) < 5
    expect(page.locator("article.pair", has_text="By Jane Doe")).to_contain_text(
        "kept in the source language")
    # Esc cancels an edit: the text is back and nothing was sent.
    body.click()
    before = stored(server, int(body.get_attribute("data-id")))
    page.keyboard.press("e")
    body.locator("textarea").fill("버려질 초안")
    page.keyboard.press("Escape")
    expect(body.locator("[data-role=editor]")).to_be_hidden()
    expect(body.locator(".side.target")).to_be_visible()
    expect(body.locator("textarea")).to_have_value(before["target"])
    assert stored(server, before["id"]) == before
    page.locator("p.meta a", has_text="ja").click()
    expect(page.locator("article.pair .lang").first).to_have_text("ja")
    shot(page, "3-article")


def test_phone_width(server, browser):
    expect = sync_api.expect
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(server["url"] + f"/review/articles/{server['article']}?lang=ko")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"the page scrolls sideways at phone width: {width}"
        body = page.locator("article.pair", has_text="Seoul's spy agency")
        src = body.locator(".side.source").bounding_box()
        tgt = body.locator(".side.target").bounding_box()
        assert tgt["y"] >= src["y"] + src["height"] - 1  # stacked, not side by side
        assert tgt["x"] + tgt["width"] <= 390
        log_in(page, server["keys"]["rita"])
        ja_or_ko = body.get_attribute("data-id")
        body.locator("button.approve").tap()
        expect(body.locator("[data-role=state]")).to_have_text("approved")
        assert stored(server, int(ja_or_ko))["status"] == "approved"
        shot(page, "4-phone")
        not_pwned(page)
    finally:
        context.close()


def test_key_asked_once_when_reads_need_a_key(server, page):
    expect = sync_api.expect
    _app, http, thread = _serve(server["path"], READS_NEED_KEY=True)
    try:
        url = f"http://127.0.0.1:{http.server_port}/review/"
        response = page.goto(url)
        assert response.status == 401
        expect(page.locator("#need-key")).to_be_visible()
        page.fill("#key-input", server["keys"]["rita"])
        page.press("#key-input", "Enter")
        expect(page.locator("article.pair").first).to_be_visible()
        # Another page in the same session needs no second entry.
        response = page.goto(url.replace("/review/", f"/review/articles/{server['article']}"))
        assert response.status == 200
        expect(page.locator("#who")).to_be_visible()
    finally:
        http.shutdown()
        thread.join(5)
