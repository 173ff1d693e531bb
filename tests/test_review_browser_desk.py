"""The desk's new pages in a real browser (Debian's chromium through
Playwright), at desktop and phone widths: submitting an article, the article
list, the dashboard, error pages, keyboard navigation, highlights, memory
suggestions, and Korean and Japanese drawn with real glyphs."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from service.store import connect
from service.store.articles import PairRecord, TranslationRecord, save_article
from service.store.keys import add_key
from tests.browser import CHROMIUM
from tests.conftest import SAMPLE
from tests.test_review_browser import (
    _serve,
    log_in,
    not_pwned,
    shot,
    sync_api,
)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
HANGUL, KANJI = "김정은국무위원장", "金正恩総書記"
FALLBACK_ARTICLE = """North Korea sends troops to Russia, Seoul says

SEOUL, Oct. 26 (AJP) -- North Korea has sent troops to Russia, South Korea's spy agency said.
Kim Jong Un ordered the deployment, the National Intelligence Service told lawmakers.
"""


def _has_cjk_font() -> bool:
    try:
        found = subprocess.run(["fc-list", ":lang=ko"], capture_output=True, text=True,
                               timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.strip())


def _human_and_remembered(db) -> dict[str, int]:
    """An aligned (human) article stored without terms or title, and an approved
    pair that memory can offer for a similar sentence."""
    human = [PairRecord(0, "title", "Kim Jong Un visits Moscow", "김정은, 모스크바 방문",
                        "machine", "human", bead="1-1"),
             PairRecord(1, "credit", "By Jane Doe", None, "source_only", "source"),
             PairRecord(2, "body", "Kim Jong Un met officials of the National Intelligence "
                        "Service on Tuesday.",
                        "김정은은 화요일 국가정보원(국정원) 관계자들을 만났다.",
                        "needs_review", "human", bead="1-1"),
             PairRecord(3, "footer", "(c) AJP", None, "source_only", "source"),
             PairRecord(4, "body", "The talks lasted two hours, officials said.",
                        "회담은 두 시간 동안 이어졌다고 관계자들이 말했다.", "machine", "human",
                        bead="1-1")]
    aligned = save_article(db, text="aligned article", segments=[], translations=[
        TranslationRecord("ko", "human", "alignment", "1", False, human,
                          target_text="사람 번역")]).article_id
    memory = [PairRecord(0, "body", "The talks lasted three hours, officials said on Monday.",
                         "회담은 월요일 세 시간 동안 이어졌다고 관계자들이 말했다.", "approved",
                         "machine")]
    save_article(db, text="earlier article", segments=[], title="Earlier talks",
                 translations=[TranslationRecord("ko", "machine", "t", "0", False, memory)])
    return {"aligned": aligned}


@pytest.fixture(scope="module")
def desk(tmp_path_factory, standin_packages_dir):
    path = tmp_path_factory.mktemp("desk") / "desk.db"
    db = connect(path)
    ids = _human_and_remembered(db)
    keys = {"rita": add_key(db, "rita", "reviewer")}
    db.close()
    _app, http, thread = _serve(path, PACKAGES_DIR=str(standin_packages_dir))
    yield {"url": f"http://127.0.0.1:{http.server_port}", "path": path, "keys": keys, **ids}
    http.shutdown()
    thread.join(5)


def _no_sideways_scroll(tab) -> None:
    width = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page scrolls sideways: {width}"


def test_submit_an_article_and_find_it_everywhere(desk, page):
    expect = sync_api.expect
    text = SAMPLE.read_text(encoding="utf-8") if SAMPLE.exists() else FALLBACK_ARTICLE
    page.goto(desk["url"] + "/review/desk")
    page.fill("#desk-text", text)
    page.click("#desk-submit")
    page.wait_for_url("**/review/articles/*")
    # A real article, clearly marked as a stand-in's output, titled by its title.
    expect(page.locator(".stand-in-banner")).to_contain_text("not a translation")
    title = page.locator("h1.article-title").inner_text()
    assert title and not title.startswith("Article ")
    assert page.locator("article.pair").count() >= 4
    shot(page, "desk-1-article")
    article_id = int(page.url.split("/articles/")[1].split("?")[0])

    page.goto(desk["url"] + "/review/articles")
    row = page.locator(f".article-row[data-id='{article_id}']")
    expect(row.locator(".article-link")).to_have_text(title)
    shown = dict(row.locator(".chip-state").evaluate_all(
        "chips => chips.map(c => [c.dataset.state, Number(c.querySelector('b').textContent)])"))
    db = connect(desk["path"])
    stored = dict(db.execute("SELECT status, count(*) FROM pairs WHERE article_id = ? "
                             "GROUP BY status", [article_id]).fetchall())
    db.close()
    assert shown == stored and sum(shown.values()) >= 8
    # The aligned article has no stored title: its title segment names it.
    aligned = page.locator(f".article-row[data-id='{desk['aligned']}'] .article-link")
    expect(aligned).to_have_text("Kim Jong Un visits Moscow")

    page.goto(desk["url"] + "/review/dashboard")
    for plot in ("#plot-states", "#plot-throughput", "#plot-flags"):
        expect(page.locator(f"{plot} svg, {plot} .empty-plot").first).to_be_visible()
    assert page.locator("#plot-states rect[data-state]").count() >= 2
    assert page.locator("#plot-flags rect").count() >= 1  # stand_in flags at least
    not_pwned(page)
    assert not page.errors


def test_a_pasted_html_page_is_read_as_its_article(desk, page):
    html = (Path(__file__).parent / "data" / "html_pages" / "wire-page.html").read_text()
    page.goto(desk["url"] + "/review/desk")
    page.fill("#desk-text", html)
    page.click("#desk-submit")
    # The article page of the extracted story: its headline, no site chrome.
    sync_api.expect(page.locator("h1.article-title")).to_have_text(
        "N. Korea fires ballistic missile into East Sea: JCS")
    shown = page.locator("#pairs").inner_text()
    assert "East Sea on Tuesday" in shown
    assert "Related articles" not in shown and "Log in" not in shown


def test_error_pages_are_styled_with_a_way_back(desk, browser):
    for options in ({"viewport": {"width": 1280, "height": 900}}, PHONE):
        context = browser.new_context(**options)
        tab = context.new_page()
        try:
            response = tab.goto(desk["url"] + "/review/articles/987654")
            assert response.status == 404
            sync_api.expect(tab.locator(".error-page h1")).to_have_text("Not Found")
            tab.click("#back")
            tab.wait_for_url("**/review/")
            _no_sideways_scroll(tab)
        finally:
            context.close()


def test_keyboard_skips_what_cannot_be_acted_on(desk, page):
    page.goto(desk["url"] + f"/review/articles/{desk['aligned']}?lang=ko")
    order = page.eval_on_selector_all(
        "article.pair", "cards => cards.map(c => [c.dataset.id, c.classList.contains('inert')])")
    actionable = [pid for pid, inert in order if not inert]
    assert len(order) == 5 and len(actionable) == 3
    seen = [page.eval_on_selector("article.pair.current", "c => c.dataset.id")]
    for _ in range(3):
        page.keyboard.press("j")
        seen.append(page.eval_on_selector("article.pair.current", "c => c.dataset.id"))
    assert seen == [*actionable, actionable[-1]]
    page.keyboard.press("k")
    assert page.eval_on_selector("article.pair.current", "c => c.dataset.id") == actionable[1]


def test_human_pairs_highlighted_and_kept_after_save_with_a_word_diff(desk, page):
    expect = sync_api.expect
    page.goto(desk["url"] + f"/review/articles/{desk['aligned']}?lang=ko")
    log_in(page, desk["keys"]["rita"])
    card = page.locator("article.pair", has_text="National Intelligence Service")
    expect(card.locator(".side.source mark.term").first).to_be_visible()
    expect(card.locator(".side.target mark.term", has_text="국가정보원")).to_be_visible()
    card.click()
    page.keyboard.press("e")
    card.locator("textarea").fill("김정은은 수요일 국가정보원(국정원) 관계자들을 만났다.")
    page.keyboard.press("Control+Enter")
    expect(card.locator("[data-role=state]")).to_have_text("edited")
    # The glossary highlight survives the save; the history shows the one word.
    expect(card.locator(".side.target mark.term", has_text="국가정보원")).to_be_visible()
    expect(card).to_have_class(__import__("re").compile(r"\bjust-saved\b"))
    card.locator("details.history summary").click()
    diff = card.locator("[data-role=history-list] .diff").last
    expect(diff.locator("del")).to_have_text(["화요일"])
    expect(diff.locator("ins")).to_have_text(["수요일"])
    not_pwned(page)


def test_memory_suggestion_is_one_key_away(desk, page):
    expect = sync_api.expect
    page.goto(desk["url"] + f"/review/articles/{desk['aligned']}?lang=ko")
    log_in(page, desk["keys"]["rita"])
    card = page.locator("article.pair", has_text="The talks lasted two hours")
    card.click()
    page.keyboard.press("e")
    suggestion = card.locator(".suggestion").first
    expect(suggestion).to_be_visible()
    expect(suggestion.locator(".suggestion-source del")).to_contain_text(["three"])
    expect(suggestion.locator(".suggestion-source ins").first).to_have_text("two")
    page.keyboard.press("Alt+1")
    expect(card.locator("textarea")).to_have_value(
        "회담은 월요일 세 시간 동안 이어졌다고 관계자들이 말했다.")


def test_phone_layout_folds_filters_and_hides_key_help(desk, browser):
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    try:
        tab.goto(desk["url"] + "/review/?state=all")
        assert tab.locator("#filters-fold").evaluate("d => d.open") is False
        assert not tab.locator(".filters").is_visible()
        assert not tab.locator("#keys-help").is_visible()
        assert tab.locator("article.pair").first.bounding_box()["y"] < 844  # pairs come first
        for path in ("/review/?state=all", "/review/articles", "/review/desk",
                     "/review/dashboard", f"/review/articles/{desk['aligned']}?lang=ko"):
            tab.goto(desk["url"] + path)
            _no_sideways_scroll(tab)
            shot(tab, "phone" + path.replace("/", "-").replace("?", "-"))
        # The fold opens on a tap.
        tab.goto(desk["url"] + "/review/")
        tab.locator("#filters-fold > summary").tap()
        assert tab.locator(".filters").is_visible()
    finally:
        context.close()


def test_desktop_shows_filters_and_key_help(desk, page):
    page.goto(desk["url"] + "/review/?state=all")
    assert page.locator(".filters").is_visible() and page.locator("#keys-help").is_visible()
    counts = page.locator("#state-counts .chip-state")
    assert counts.count() >= 2
    # State and origin chips are told apart at a glance: different shapes and fills.
    state = page.locator("article.pair .chip-state").first
    origin = page.locator("article.pair .chip-origin").first
    look = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderStyle]; }"
    assert state.evaluate(look) != origin.evaluate(look)


def test_hangul_and_kanji_are_drawn_with_a_real_cjk_font(desk, browser):
    if not _has_cjk_font():
        if os.environ.get("CI"):
            raise RuntimeError("CI: no CJK font; scripts/setup.sh --test installs fonts-noto-cjk")
        pytest.skip("no CJK font: install Debian's fonts-noto-cjk (scripts/setup.sh --test)")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(desk["url"] + "/review/desk")
        tab.evaluate(f"""() => {{
            for (const [lang, text] of [["ko", "{HANGUL}"], ["ja", "{KANJI}"]]) {{
                const span = document.createElement("span");
                span.lang = lang; span.id = "probe-" + lang; span.textContent = text;
                document.querySelector("main").append(span);
            }}
        }}""")
        cdp = context.new_cdp_session(tab)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        for lang, text in (("ko", HANGUL), ("ja", KANJI)):
            node = cdp.send("DOM.querySelector", {"nodeId": root,
                                                  "selector": f"#probe-{lang}"})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            # Every character came from a CJK face the page names, none from a fallback box.
            names = {f["familyName"] for f in fonts}
            assert all("CJK" in name for name in names), (lang, fonts)
            assert sum(f["glyphCount"] for f in fonts) == len(text)
        # And the glyphs are real: distinct characters draw distinct pixels and take
        # more room than the missing-glyph box of a font without them.
        drawn = tab.evaluate("""([hangul, kanji]) => {
            const canvas = document.createElement("canvas");
            canvas.width = 64; canvas.height = 64;
            const ctx = canvas.getContext("2d", { willReadFrequently: true });
            const family = getComputedStyle(document.querySelector("#probe-ko")).fontFamily;
            const image = (ch, font) => {
                ctx.clearRect(0, 0, 64, 64); ctx.font = font; ctx.fillText(ch, 4, 48);
                return Array.from(ctx.getImageData(0, 0, 64, 64).data).join(",");
            };
            const chars = [...hangul.slice(0, 3), ...kanji.slice(0, 3)];
            const images = new Set(chars.map(ch => image(ch, "40px " + family)));
            ctx.font = "40px " + family;
            const real = ctx.measureText(hangul).width;
            ctx.font = "40px 'DejaVu Sans', sans-serif";
            const box = ctx.measureText("\\u0378".repeat(hangul.length)).width;
            return { distinct: images.size, count: chars.length, real, box };
        }""", [HANGUL, KANJI])
        assert drawn["distinct"] == drawn["count"], drawn
        assert drawn["real"] != pytest.approx(drawn["box"], rel=0.02), drawn
    finally:
        context.close()
