"""Train the piece-labelling CRF of the English segmenter on the development half.

    python bench/train_segment_model.py          # writes service/segment/data/en_pieces.crfsuite
    python bench/train_segment_model.py --cv     # leave-one-outlet-out on the development half

Training reads the development half of tests/data/pages (split.json) and the
project's own wire-style samples (data/samples with their marks in
tests/data/segmentation); the unseen half never reaches training or model
choice.  Training is
deterministic: the same pages give the same model file.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.segment.en_model import MODEL_PATH, assemble, label_pieces  # noqa: E402
from service.segment.en_training import C1, C2, augment, label_page, train  # noqa: E402
from service.segment.english import (  # noqa: E402
    MIN_LINES_FOR_MODEL,
    non_blank_lines,
    segment_english_rules,
)
from service.segment.evaluate import marked_articles  # noqa: E402
from service.segment.page_gold import (  # noqa: E402
    load_pages,
    load_split,
    outlet_of,
    page_from_marks,
)
from service.segment.page_score import PageScore, score_page  # noqa: E402

PAGES = ROOT / "tests" / "data" / "pages"
MARKS = ROOT / "tests" / "data" / "segmentation"
OWN_SAMPLES = ROOT / "data" / "samples"


def development_pages() -> list:
    return load_pages(PAGES, load_split(PAGES)["development"])


def house_samples() -> list:
    """The articles written for this project, with their hand marks: more
    examples of the clean wire forms (bylines, footers, end marks, captions)."""
    return [
        page_from_marks(name, text, marks)
        for name, text, marks in marked_articles(MARKS, OWN_SAMPLES)
    ]


def cross_validate(c1: float, c2: float) -> PageScore:
    """Leave one outlet out: train on the others (and the house samples), score
    the pages of that outlet."""
    pages = development_pages()
    labelled = {page.name: label_page(page) for page in pages}
    house = house_samples()
    extra = [label_page(page) for page in house]
    total = PageScore()
    with tempfile.TemporaryDirectory() as folder:
        for outlet in sorted({outlet_of(p.name) for p in pages}):
            model = Path(folder) / f"{outlet}.crfsuite"
            kept = [p for p in pages if outlet_of(p.name) != outlet]
            made = [label_page(p) for p in augment(kept + house)]
            train([labelled[p.name] for p in kept] + extra + made, model, c1, c2)
            for page in pages:
                if outlet_of(page.name) != outlet:
                    continue
                if non_blank_lines(page.content) < MIN_LINES_FOR_MODEL:  # as segment_english
                    rules = segment_english_rules(page.content)
                    total.add(score_page(page, [(s.kind, s.text) for s in rules]))
                    continue
                found = labelled[page.name].pieces
                labels = label_pieces(page.content, found, model)
                segments = assemble(page.content, found, labels)
                total.add(score_page(page, [(k, t) for k, t, _ in segments]))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate on the development half")
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    if args.cv:
        result = cross_validate(args.c1, args.c2)
        b = result.boundaries
        print(
            f"c1={args.c1} c2={args.c2}: F1 {b.f1:.3f} (P {b.precision:.3f} R {b.recall:.3f}) "
            f"kinds {result.kinds:.3f} sent {result.sent_wrongly} kept {result.kept_wrongly}"
        )
        return
    real = development_pages() + house_samples()
    labelled = [label_page(page) for page in real + augment(real)]
    unreachable = sum(p.unreachable for p in labelled)
    train(labelled, args.out, args.c1, args.c2)
    n = sum(len(p.pieces) for p in labelled)
    print(f"trained on {len(labelled)} pages, {n} pieces "
          f"({unreachable} gold starts inside a piece)")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
