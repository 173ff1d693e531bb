"""Make and check the hand gold of the real wire pages in tests/data/pages.

    python bench/segment_pages_gold.py check             # every gold file is well formed
    python bench/segment_pages_gold.py draft DIR          # marks to correct by hand
    python bench/segment_pages_gold.py build DIR          # DIR/*.seg -> tests/data/pages/*.json

A marks file (``DIR/<page>.seg``) holds one segment a line as ``kind<TAB>text``
with the text as on the page (whitespace may differ); ``kind+`` marks a segment
the page was cut off in.  ``draft`` writes the current segmenter's output as a
starting point: every line of it must then be read and corrected by hand
against the convention, or the gold is only the segmenter's opinion.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.segment import segment_english  # noqa: E402
from service.segment.page_gold import gold_json, gold_problems, load_pages, locate  # noqa: E402

PAGES = ROOT / "tests" / "data" / "pages"


def _check() -> int:
    bad = 0
    for page in load_pages(PAGES):
        for problem in gold_problems(page):
            print(f"{page.name}: {problem}")
            bad += 1
    print("gold ok" if not bad else f"{bad} problems")
    return 1 if bad else 0


def _draft(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for page in load_pages(PAGES):
        target = folder / f"{page.name}.seg"
        if target.exists():
            continue  # never overwrite marks already corrected by hand
        lines = [f"{s.kind}\t{s.text}" for s in segment_english(page.content)]
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def _build(folder: Path) -> int:
    for page in load_pages(PAGES):
        marks_path = folder / f"{page.name}.seg"
        if not marks_path.is_file():
            continue
        marks = []
        for line in marks_path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                kind, _, text = line.partition("\t")
                marks.append((kind.strip(), text))
        segments = locate(page.text, marks, page.body_start)
        (PAGES / f"{page.name}.json").write_text(gold_json(page, segments), encoding="utf-8")
    return _check()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "draft", "build"])
    parser.add_argument("folder", nargs="?", type=Path, help="marks folder (draft, build)")
    args = parser.parse_args()
    if args.command == "check":
        return _check()
    if args.folder is None:
        parser.error(f"{args.command} needs a marks folder")
    return _draft(args.folder) if args.command == "draft" else _build(args.folder)


if __name__ == "__main__":
    sys.exit(main())
