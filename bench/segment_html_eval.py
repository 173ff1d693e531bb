"""Whole HTML news pages -> article text (service.segment.html) -> segments,
scored against hand marks of each article's opening (tests/data/html/*.seg).

The pages are real saved pages shipped as test data in the source
distribution of newspaper4k (MIT licence) on PyPI; they are not part of this
repository.  Fetch them once with pip (the ordinary client):

    python bench/segment_html_eval.py --fetch    # pip download into the cache folder
    python bench/segment_html_eval.py --fetch-only   # the download alone, if absent (setup)
    python bench/segment_html_eval.py            # the table
    python bench/segment_html_eval.py --errors

The folder is $WIREALIGN_HTML_CACHE or ~/.cache/wirealign/html.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.segment import segment_english  # noqa: E402
from service.segment.evaluate import load_marks  # noqa: E402
from service.segment.html import article_text  # noqa: E402
from service.segment.page_score import PageScore, score_opening  # noqa: E402

MARKS = ROOT / "tests" / "data" / "html"
SDIST = "newspaper4k-0.9.6.tar.gz"
PACKAGE = "newspaper4k==0.9.6"
PAGES_IN_SDIST = "newspaper4k-0.9.6/tests/data/html/"


def cache_folder() -> Path:
    default = Path.home() / ".cache" / "wirealign" / "html"
    return Path(os.environ.get("WIREALIGN_HTML_CACHE", default))


def fetch() -> Path:
    """pip download the source distribution (no install, no dependencies)."""
    folder = cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary=:all:",
         "--quiet", PACKAGE, "-d", str(folder)],
        check=True,
    )
    return folder / SDIST


def saved_pages(names: list[str]) -> dict[str, str] | None:
    """The HTML of each named page from the cached source distribution, or
    None when it has not been fetched."""
    archive = cache_folder() / SDIST
    if not archive.is_file():
        return None
    pages: dict[str, str] = {}
    with tarfile.open(archive) as tar:
        for name in names:
            member = tar.extractfile(f"{PAGES_IN_SDIST}{name}.html")
            if member is not None:
                pages[name] = member.read().decode("utf-8", errors="replace")
    return pages


def evaluate() -> dict[str, PageScore] | None:
    names = sorted(p.stem for p in MARKS.glob("*.seg"))
    pages = saved_pages(names)
    if pages is None:
        return None
    results: dict[str, PageScore] = {}
    for name in names:
        text = article_text(pages[name])
        segments = [(s.kind, s.text) for s in segment_english(text)]
        results[name] = score_opening(text, load_marks(MARKS / f"{name}.seg"), segments)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fetch", action="store_true", help="pip download the pages first")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--fetch-only", action="store_true",
                        help="pip download the pages if absent, then stop (setup.sh --test)")
    args = parser.parse_args()
    if args.fetch_only:
        if not (cache_folder() / SDIST).exists():
            print(f"fetched {fetch()}")
        return
    if args.fetch:
        print(f"fetched {fetch()}")
    results = evaluate()
    if results is None:
        sys.exit(f"{cache_folder() / SDIST} absent: run with --fetch first")
    total = PageScore()
    print("| page | marks | P | R | F1 | kinds right | sent | kept |")
    print("|---|---|---|---|---|---|---|---|")
    for name, result in results.items():
        b = result.boundaries
        print(f"| {name} | {result.gold_segments} | {b.precision:.3f} | {b.recall:.3f} | "
              f"{b.f1:.3f} | {result.kinds_right}/{result.kinds_matched} | "
              f"{result.sent_wrongly} | {result.kept_wrongly} |")
        total.add(result)
        if args.errors:
            for error in result.errors:
                print(f"    {error}")
    b = total.boundaries
    print(f"| all ({len(results)} pages) | {total.gold_segments} | {b.precision:.3f} | "
          f"{b.recall:.3f} | {b.f1:.3f} | {total.kinds:.3f} ({total.kinds_right}/"
          f"{total.kinds_matched}) | {total.sent_wrongly} | {total.kept_wrongly} |")


if __name__ == "__main__":
    main()
