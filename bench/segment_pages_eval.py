"""Segmentation of real wire pages (tests/data/pages) against hand gold.

For each half of the corpus (split by outlet in split.json; the unseen half is
the headline figure) and each segmenter: boundary P/R/F1 per the house
convention (adjacent debris counted as one), kinds right over gold segments
whose start is found, and translation-policy violations (debris, credit or
footer text sent to the engine / title, dateline, body or caption text kept
from it).  pySBD alone (each line split into sentences, everything sent to the
engine) is the baseline.

    python bench/segment_pages_eval.py                      # the table
    python bench/segment_pages_eval.py --errors development # what goes wrong there
    python bench/segment_pages_eval.py --half development   # the development half only
    python bench/segment_pages_eval.py --batch round6       # a fresh batch (split.json)
    python bench/segment_pages_eval.py --batch fresh        # every fresh batch pooled

A fresh batch (``fresh_batches`` in split.json) is a set of pages scored
before they joined the development half: the shipped segmenter's figure on
pages nobody had looked at while building it.  Its errors may be listed
(``--errors round6``): the batch is development data once scored.  ``fresh``
pools every fresh batch: one batch of about 20 pages moves the kinds figure by
0.01-0.02 a page, the pooled pages give the steadier estimate.

Only ever look at the development half's errors: the unseen half is for the
figure, and looking at its errors would make it seen.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.segment import segment_english  # noqa: E402
from service.segment.evaluate import pysbd_article  # noqa: E402
from service.segment.page_gold import Page, load_pages, load_split  # noqa: E402
from service.segment.page_score import PageScore, score_page  # noqa: E402

PAGES = ROOT / "tests" / "data" / "pages"

Segmenter = Callable[[str], list[tuple[str, str]]]


def pysbd_alone(text: str) -> list[tuple[str, str]]:
    return [("body", s) for s in pysbd_article(text)]


def rules(text: str) -> list[tuple[str, str]]:
    """The rule-based segmenter (every line typed by hand-written rules)."""
    from service.segment.english import segment_english_rules

    return [(s.kind, s.text) for s in segment_english_rules(text)]


def current(text: str) -> list[tuple[str, str]]:
    """What ``segment_english`` (the public API) does now."""
    return [(s.kind, s.text) for s in segment_english(text)]


# The first-round model, shipped until the fourth round switched the second
# round's on (service/segment/en_pieces.py SECOND_ROUND_CUTS): its cuts, no
# feature groups, texts of fewer than 7 lines to the rules; for comparison.
FIRST_ROUND_MODEL = ROOT / "service" / "segment" / "data" / "en_pieces.crfsuite"


def first_round(text: str) -> list[tuple[str, str]]:
    """The first-round model, as segment_english used it before the fourth round."""
    from service.segment import en_features, en_pieces
    from service.segment.en_model import assemble, label_pieces
    from service.segment.english import MIN_LINES_FOR_MODEL, non_blank_lines

    if non_blank_lines(text) < MIN_LINES_FOR_MODEL:
        return rules(text)
    saved = en_pieces.SECOND_ROUND_CUTS, set(en_features.ACTIVE_GROUPS)
    en_pieces.SECOND_ROUND_CUTS = False
    en_features.ACTIVE_GROUPS.clear()
    try:
        found = en_pieces.pieces(text)
        labels = label_pieces(text, found, FIRST_ROUND_MODEL)
        return [(kind, seg) for kind, seg, _ in assemble(text, found, labels)]
    finally:
        en_pieces.SECOND_ROUND_CUTS = saved[0]
        en_features.ACTIVE_GROUPS.clear()
        en_features.ACTIVE_GROUPS.update(saved[1])


SEGMENTERS: dict[str, Segmenter] = {
    "pySBD alone": pysbd_alone,
    "rules (before)": rules,
    "segment_english": current,
    "first-round model (before)": first_round,
}


POOLED_FRESH = "fresh"


def fresh_batches() -> dict[str, list[str]]:
    """The named fresh batches of split.json, and all of them pooled as
    ``fresh``: {batch: [page names]}."""
    data = json.loads((PAGES / "split.json").read_text(encoding="utf-8"))
    batches = {name: list(batch["pages"]) for name, batch in data.get("fresh_batches", {}).items()}
    if batches:
        batches[POOLED_FRESH] = [page for pages in batches.values() for page in pages]
    return batches


def score_half(pages: list[Page], segmenter: Segmenter) -> PageScore:
    total = PageScore()
    for page in pages:
        result = score_page(page, segmenter(page.content))
        result.errors = [f"{page.name}: {e}" for e in result.errors]
        total.add(result)
    return total


def row(half: str, name: str, n_pages: int, result: PageScore) -> str:
    b = result.boundaries
    kinds = f"{result.kinds_right}/{result.kinds_matched}"
    return (
        f"| {half:<11} | {name:<22} | {n_pages:>5} | {result.gold_segments:>4} | {b.precision:.3f} "
        f"| {b.recall:.3f} | {b.f1:.3f} | {result.kinds:.3f} ({kinds}) "
        f"| {result.sent_wrongly:>4} | {result.kept_wrongly:>4} |"
    )


def evaluate(halves: dict[str, list[Page]]) -> dict[tuple[str, str], PageScore]:
    return {
        (half, name): score_half(pages, segmenter)
        for half, pages in halves.items()
        for name, segmenter in SEGMENTERS.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    batches = fresh_batches()
    parser.add_argument(
        "--errors", choices=["development", *batches],
        help="list the errors on the development half or a fresh batch",
    )
    parser.add_argument(
        "--half", choices=["unseen", "development"], default=None,
        help="score one half only (development while developing: the unseen half's "
        "aggregates are printed once, at the end of a round)",
    )
    parser.add_argument(
        "--batch", choices=sorted(batches),
        help="score a fresh batch of split.json only (pages scored before they joined a half; "
        f"'{POOLED_FRESH}': every fresh batch pooled)",
    )
    args = parser.parse_args()
    if args.batch and args.half:
        parser.error("--batch and --half are exclusive")
    split = {**load_split(PAGES), **batches}
    if args.batch:
        wanted: tuple[str, ...] = (args.batch,)
    else:
        wanted = (args.half,) if args.half else ("unseen", "development")
    if args.errors and args.errors not in wanted:
        parser.error("--errors needs its half (or batch) scored")
    halves = {half: load_pages(PAGES, split[half]) for half in wanted}

    print(f"# segment_pages_eval  {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"# machine: {platform.machine()}, python {platform.python_version()}")
    print(
        "| half        | segmenter              | pages | segs | P     | R     | F1    "
        "| kinds right            | sent | kept |"
    )
    print("|" + "---|" * 10)
    results = evaluate(halves)
    for (half, name), result in results.items():
        print(row(half, name, len(halves[half]), result))
    if args.errors:
        for name in SEGMENTERS:
            if name == "pySBD alone":
                continue
            print(f"\n## {name} on the {args.errors} half")
            for error in results[(args.errors, name)].errors:
                print(f"  {error}")


if __name__ == "__main__":
    main()
