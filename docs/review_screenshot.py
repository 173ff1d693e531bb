"""Make docs/review.png: the real sample article (../shared/samples) translated
by the stand-in copy model (the page says so in a banner), shown in the review
desk by Debian's chromium, with an edit in progress and a memory suggestion.

    python docs/review_screenshot.py [--out docs/review.png]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

from playwright import sync_api
from werkzeug.serving import make_server

from service.app import create_app
from service.engine import build_standin_package, install_from_file
from service.store import connect
from service.store.keys import add_key

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "samples" / "ajp-2024-10-26-nk-troops.txt"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "review.png")
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        packages = Path(tmp) / "packages"
        for lang in ("ko", "ja"):
            install_from_file(build_standin_package(Path(tmp) / f"{lang}.argosmodel", lang),
                              packages)
        app = create_app({"DATABASE": str(Path(tmp) / "shot.db"),
                          "PACKAGES_DIR": str(packages)})
        db = connect(app.config["DATABASE"])
        key = add_key(db, "editor", "reviewer")
        db.close()
        http = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=http.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{http.server_port}"
        try:
            with sync_api.sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                     args=ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 1280})
                page.goto(url + "/review/desk")
                page.fill("#desk-text", args.sample.read_text(encoding="utf-8"))
                page.click("#desk-submit")
                page.wait_for_url("**/review/articles/*")
                page.fill("#key-input", key)
                page.press("#key-input", "Enter")
                page.wait_for_selector("#who:not([hidden])")
                card = page.locator("article.pair:not(.inert)").nth(2)
                card.click()
                page.keyboard.press("e")
                page.wait_for_timeout(4500)  # the sign-in toast fades
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            http.shutdown()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
