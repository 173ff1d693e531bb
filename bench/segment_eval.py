"""Boundary F1 of the English wire-copy segmenter against plain pySBD.

Three sets: the English Golden Rules (pySBD's published test cases), the real
AJP sample in ../shared/samples (left out when absent) with hand marks, and the
project's own wire-style samples in data/samples with hand marks; and, as an external
check, NTREX-128's English news documents (../shared/datasets, when present)
with each document's reference segments joined into one paragraph.

    python bench/segment_eval.py            # the table
    python bench/segment_eval.py --errors   # and every wrong boundary

Time per set is shown for information only; the tests never check it.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.segment import segment_english, split_sentences  # noqa: E402
from service.segment.en_sentences import pysbd_sentences  # noqa: E402
from service.segment.evaluate import (  # noqa: E402
    Score,
    golden_rules,
    kind_agreement,
    marked_articles,
    ntrex_paragraphs,
    pysbd_article,
    score,
)

MARKS = ROOT / "tests" / "data" / "segmentation"
OWN_SAMPLES = ROOT / "data" / "samples"
SHARED_SAMPLES = ROOT.parent / "shared" / "samples"
NTREX = ROOT.parent / "shared" / "datasets" / "ntrex128"


def _row(name: str, n: int, base: Score, ours: Score, kinds: str, seconds: float) -> str:
    ratio = (1 - ours.f1) / (1 - base.f1) if base.f1 < 1 else float("nan")
    return (
        f"| {name:<36} | {n:>4} | {base.f1:6.3f} | {ours.f1:6.3f} | {ours.precision:5.3f} "
        f"| {ours.recall:5.3f} | {ratio:6.2f} | {kinds:>7} | {seconds:6.2f} |"
    )


def _show_errors(source: str, expected: list[str], predicted: list[str]) -> None:
    from service.segment.evaluate import starts

    gold = set(starts(source, expected))
    for text, at in zip(predicted, starts(source, predicted), strict=True):
        if at not in gold:
            print(f"    extra boundary before: {text[:70]!r}")
    found = set(starts(source, predicted))
    for text, at in zip(expected, starts(source, expected), strict=True):
        if at not in found:
            print(f"    missed boundary before: {text[:70]!r}")


def _show_kind_errors(source: str, marks: list, segments: list) -> None:
    from service.segment.evaluate import starts

    found = dict(zip(starts(source, [s.text for s in segments]), segments, strict=True))
    for (kind, mark), at in zip(marks, starts(source, [t for _, t in marks]), strict=True):
        if at in found and found[at].kind != kind:
            print(f"    kind {found[at].kind} != {kind}: {mark[:60]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list wrong boundaries")
    args = parser.parse_args()

    print(f"# segment_eval  {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  ")
    print(f"# machine: {platform.node()} {platform.machine()} {platform.python_version()}")
    print("# F1 over segment-start boundaries; error ratio = (1-F1 ours)/(1-F1 pySBD)")
    print(
        "| set                                  |    n | pySBD  | ours   | P     "
        "| R     | err/pS | kinds   | sec    |"
    )
    print("|" + "---|" * 9)

    golden_base, golden_ours = Score(), Score()
    started = time.perf_counter()
    cases = golden_rules(MARKS / "golden_rules_en.json")
    for text, expected in cases:
        golden_base.add(score(text, expected, pysbd_sentences(text)))
        ours = split_sentences(text)
        golden_ours.add(score(text, expected, ours))
        if args.errors and ours != expected:
            print(f"  golden: {text[:60]!r}")
            _show_errors(text, expected, ours)
    print(
        _row(
            "golden rules (sentences)",
            len(cases),
            golden_base,
            golden_ours,
            "-",
            time.perf_counter() - started,
        )
    )

    all_base, all_ours, all_agree, all_n = Score(), Score(), 0, 0
    for name, text, marks in marked_articles(MARKS, OWN_SAMPLES, SHARED_SAMPLES):
        started = time.perf_counter()
        expected = [t for _, t in marks]
        segments = segment_english(text)
        predicted = [s.text for s in segments]
        base = score(text, expected, pysbd_article(text))
        ours = score(text, expected, predicted)
        agree, n = kind_agreement(text, marks, [(s.kind, s.text) for s in segments])
        all_base.add(base)
        all_ours.add(ours)
        all_agree, all_n = all_agree + agree, all_n + n
        seconds = time.perf_counter() - started
        print(_row(name[:36], len(marks), base, ours, f"{agree}/{n}", seconds))
        if args.errors:
            _show_errors(text, expected, predicted)
            _show_kind_errors(text, marks, segments)
    print(_row("all articles", all_n, all_base, all_ours, f"{all_agree}/{all_n}", 0.0))
    if NTREX.is_dir():
        started = time.perf_counter()
        base, ours = Score(), Score()
        documents = ntrex_paragraphs(NTREX)
        for segments in documents:
            text = " ".join(segments)
            base.add(score(text, segments, pysbd_sentences(text)))
            ours.add(score(text, segments, split_sentences(text)))
        seconds = time.perf_counter() - started
        name = f"ntrex-128 en, {len(documents)} docs (external)"
        print(_row(name, sum(map(len, documents)), base, ours, "-", seconds))
    if not SHARED_SAMPLES.is_dir():
        print(f"# {SHARED_SAMPLES} absent: the real AJP sample was left out")


if __name__ == "__main__":
    main()
