"""Train the piece-labelling CRF of the English segmenter on the development half.

    python bench/train_segment_model.py          # writes service/segment/data/en_pieces.crfsuite
    python bench/train_segment_model.py --cv     # leave-one-outlet-out on the development half
    python bench/train_segment_model.py --cv --folds 6 --groups shape,affixes --c1 0.1
        # cheaper: outlets dealt into 6 folds (still no outlet on both sides)
    python bench/train_segment_model.py --cv --short   # also short excerpts: model vs rules
    python bench/train_segment_model.py --second-round [--cv --folds 6 --short] [--out F]
        # the second round's configuration (cuts, feature groups, c1, line threshold)
    python bench/train_segment_model.py --first-round --cv --folds 6
        # the first round's configuration, for comparison
    python bench/train_segment_model.py --second-round --cv --folds 6 --also-min-lines 1,7
        # the same folds scored with other line thresholds for the rules
    python bench/train_segment_model.py --second-round --cv --folds 6 --eighth-round-cuts \
        --ninth-round-cuts --groups shape,affixes,tail,listing,release --c2 0.1 \
        --squeezed-blank-lines --also-min-lines 1,7   # the eleventh round's candidate
    python bench/train_segment_model.py --second-round --cv --folds 6 --confusion conf.tsv
        # also the gold-kind x predicted-kind table of the left-out pages
    python bench/train_segment_model.py --second-round --cv --folds 6 --fifth-round-cuts \
        --groups shape,affixes,tail,tokens   # the fifth round's best CV row (not shipped)
    python bench/train_segment_model.py --second-round --cv --folds 6 --short --eighth-round-cuts \
        --groups shape,affixes,tail,listing --also-min-lines 1,7   # the eighth round's rows
    python bench/train_segment_model.py --second-round --cv --folds 6 --short --eighth-round-cuts \
        --ninth-round-cuts --groups shape,affixes,tail,listing,release --also-min-lines 1,7
        # the ninth round's rows
    python bench/train_segment_model.py --second-round --cv --folds 6 --c2 0.1 \
        [--algorithm ap] [--possible-states] [--no-possible-transitions]   # crfsuite settings
    python bench/train_segment_model.py --second-round --leave-batch-out
        # each fresh batch of split.json scored (as segment_english) by a model trained on
        # the development half without it: the fresh-batch figure of a retrained model

Training reads the development half of tests/data/pages (split.json) and the
project's own wire-style samples (data/samples with their marks in
tests/data/segmentation); the unseen half never reaches training or model
choice.  Training is
deterministic: the same pages give the same model file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.segment import en_features, en_pieces, en_sentences, en_training  # noqa: E402
from service.segment.en_features import piece_features  # noqa: E402
from service.segment.en_model import JOIN, MODEL_PATH, assemble, label_pieces  # noqa: E402
from service.segment.en_pieces import pieces  # noqa: E402
from service.segment.en_training import (  # noqa: E402
    C1,
    C2,
    _free_line_breaks,
    _sub_page,
    _without_chrome,
    augment,
    label_page,
    train,
)
from service.segment.english import (  # noqa: E402
    MIN_LINES_FOR_MODEL,
    guard_with_rules,
    guarded_kinds,
    non_blank_lines,
    segment_english_rules,
)
from service.segment.evaluate import marked_articles  # noqa: E402
from service.segment.page_gold import (  # noqa: E402
    Page,
    load_pages,
    load_split,
    outlet_of,
    page_from_marks,
)
from service.segment.page_score import (  # noqa: E402
    PageScore,
    gold_spans,
    predicted_spans,
    score_page,
)

PAGES = ROOT / "tests" / "data" / "pages"
ROUND2_MODEL = MODEL_PATH.with_name("en_pieces_round2.crfsuite")
# The first-round model's own file: MODEL_PATH is the round-2 file now that it
# ships, and --first-round must never write over it.
FIRST_ROUND_MODEL = MODEL_PATH.with_name("en_pieces.crfsuite")
MARKS = ROOT / "tests" / "data" / "segmentation"
OWN_SAMPLES = ROOT / "data" / "samples"


SPLIT: Path | None = None  # another split file (--split), for comparing runs on one page set


def development_pages() -> list:
    if SPLIT is not None:
        names = json.loads(SPLIT.read_text(encoding="utf-8"))["pages"]["development"]
        return load_pages(PAGES, names)
    return load_pages(PAGES, load_split(PAGES)["development"])


def house_samples() -> list:
    """The articles written for this project, with their hand marks: more
    examples of the clean wire forms (bylines, footers, end marks, captions)."""
    return [
        page_from_marks(name, text, marks)
        for name, text, marks in marked_articles(MARKS, OWN_SAMPLES)
    ]


def outlet_folds(outlets: list[str], folds: int | None) -> list[list[str]]:
    """Outlets dealt into ``folds`` groups (one outlet a group when None),
    largest first, so that no outlet is ever on both sides of a fold."""
    if not folds:
        return [[outlet] for outlet in outlets]
    groups: list[list[str]] = [[] for _ in range(folds)]
    for n, outlet in enumerate(outlets):
        groups[n % folds].append(outlet)
    return [group for group in groups if group]


def _cut_page(page: Page, openings: tuple[int, ...], middles: tuple[int, ...],
              tags: tuple[str, str]) -> list[Page]:
    """Texts cut from a page at line breaks no gold segment crosses: its opening
    ``openings`` lines without chrome, and ``middles`` lines from its middle."""
    clean = _without_chrome(page)
    start = clean if clean is not None and clean.gold else page
    text = start.text
    breaks = [  # at the start of a non-blank line (or the end)
        b for b in _free_line_breaks(start) if b == len(text) or text[b:].split("\n", 1)[0].strip()
    ]
    middle = len(breaks) // 2
    spans = [(f"{tags[0]}{size}", 0, size) for size in openings if len(breaks) > size]
    spans += [(f"{tags[1]}{size}", middle, middle + size) for size in middles
              if middle + size < len(breaks)]
    excerpts = [_sub_page(start, f"{page.name}~{tag}", breaks[a], breaks[b])
                for tag, a, b in spans]
    return [e for e in excerpts if e.gold]


def short_excerpts(page: Page) -> list[Page]:
    """Short texts cut from a page: its opening 2-6 lines without chrome (an
    article pasted by hand) and a stretch of 3-5 lines from its middle."""
    return [e for e in _cut_page(page, (2, 3, 4, 6), (3, 5), ("s", "m"))
            if non_blank_lines(e.content) < 7]


def user_inputs(page: Page) -> list[Page]:
    """Texts of one or two lines cut from a real page, as `/translate` and
    paste-in users send them: its opening line and two lines without chrome (a
    headline, a headline and the next line, a dateline and its sentence), and one
    and two lines from its middle (body paragraphs, most of them a single sentence)."""
    return [e for e in _cut_page(page, (1, 2), (1, 2), ("u", "v"))
            if non_blank_lines(e.content) <= 2]


class TreesModel:
    """Gradient-boosted trees (scikit-learn) labelling each piece on its own,
    from the CRF's features (hashed), the neighbours' among them; tried as
    the issue suggests, against the linear-chain CRF."""

    def __init__(self, pages: list) -> None:
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.feature_extraction import FeatureHasher

        self.hasher = FeatureHasher(n_features=2**10, input_type="dict")
        rows, labels = [], []
        for page in pages:
            rows.extend(piece_features(page.text, page.pieces))
            labels.extend(page.labels)
        self.trees = HistGradientBoostingClassifier(max_iter=150, random_state=8)
        self.trees.fit(self.hasher.transform(rows).toarray(), labels)

    def label(self, text: str, found: list) -> list[str]:
        if not found:
            return []
        matrix = self.hasher.transform(piece_features(text, found)).toarray()
        classes = list(self.trees.classes_)
        labels = []
        for i, (piece, row) in enumerate(zip(found, self.trees.predict_proba(matrix), strict=True)):
            ranked = sorted(zip(row, classes, strict=True), reverse=True)
            label = ranked[0][1]
            if label == JOIN and (i == 0 or (piece.first_in_line and piece.blank_before)):
                label = next(c for _, c in ranked if c != JOIN)
            labels.append(label)
        return labels


def _label(text: str, found: list, model: Path | TreesModel) -> list[str]:
    if isinstance(model, TreesModel):
        return model.label(text, found)
    return label_pieces(text, found, model)


# (gold kind, predicted kind) of each gold segment of the left-out pages under
# --cv ("(no start)" when no predicted segment starts where it starts), and
# each page's name with its counts, for --confusion.
CONFUSION: list[tuple[str, str, str]] = []


def _kind_pairs(page: Page, segments: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    kind_at = {s.start: s.kind for s in predicted_spans(page.content, segments)}
    return [(page.name, s.kind, kind_at.get(s.start, "(no start)")) for s in gold_spans(page)]


def _model_segments(text: str, model: Path | TreesModel) -> list[tuple[str, str]]:
    found = pieces(text)
    return [(k, t) for k, t, _ in assemble(text, found, _label(text, found, model))]


def _guarded(text: str, model_segments: list[tuple[str, str]],
             rules: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The model's segments guarded by the rules' as ``segment_english`` does for
    short texts (``english.guard_with_rules``: the rules' sentence boundaries on
    their body spans, then the rules' kind wherever the model would keep from the
    engine text the rules send)."""
    return [(k, t) for k, t, _ in guard_with_rules(text, model_segments, rules)]


def _kinds_guarded(text: str, model_segments: list[tuple[str, str]],
                   rules: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The seventh round's guard: the model's boundaries, the rules' kind wherever
    the model would keep text the rules send (``english.guarded_kinds``)."""
    kinds = guarded_kinds(text, model_segments, rules)
    return [(k, t) for k, (_, t) in zip(kinds, model_segments, strict=True)]


def _named(name: str, scored: PageScore) -> PageScore:
    scored.errors = [f"{name}: {e}" for e in scored.errors]
    return scored


def cross_validate(
    c1: float,
    c2: float,
    folds: int | None = None,
    short: bool = False,
    trees: bool = False,
    min_lines: int = MIN_LINES_FOR_MODEL,
    also_min_lines: tuple[int, ...] = (),
) -> dict[str, PageScore]:
    """Leave outlets out: train on the others (and the house samples), score
    the pages of the outlets left out.  Returns the page score ("pages"); with
    ``short``, also the short excerpts typed by the model and by the rules;
    with ``also_min_lines``, the page score had texts of fewer lines than each
    of those gone to the rules (the same folds: only the scoring differs)."""
    pages = development_pages()
    labelled = {page.name: label_page(page) for page in pages}
    house = house_samples()
    extra = [label_page(page) for page in house]
    total = {"pages": PageScore(), "short model": PageScore(), "short rules": PageScore()}
    for other in also_min_lines:
        total[f"pages, < {other} lines to the rules"] = PageScore()
    total[f"pages, < {min_lines} lines guarded"] = PageScore()
    total[f"pages, < {min_lines} lines guarded, kinds only"] = PageScore()
    total["short guarded"] = PageScore()
    total["short guarded, kinds only"] = PageScore()
    for size in (1, 2):  # --short: user inputs of one and two lines, each way
        total[f"{size}-line inputs, model"] = PageScore()
        total[f"{size}-line inputs, rules"] = PageScore()
    outlets = sorted({outlet_of(p.name) for p in pages})
    by_size = sorted(outlets, key=lambda o: -sum(outlet_of(p.name) == o for p in pages))
    with tempfile.TemporaryDirectory() as folder:
        for n, left_out in enumerate(outlet_folds(by_size, folds)):
            kept = [p for p in pages if outlet_of(p.name) not in left_out]
            made = [label_page(p) for p in augment(kept + house)]
            training = [labelled[p.name] for p in kept] + extra + made
            model: Path | TreesModel
            if trees:
                model = TreesModel(training)
            else:
                model = Path(folder) / f"fold{n}.crfsuite"
                train(training, model, c1, c2)
            for page in pages:
                if outlet_of(page.name) not in left_out:
                    continue
                found = labelled[page.name].pieces
                labels = _label(page.content, found, model)
                by_model = score_page(
                    page, [(k, t) for k, t, _ in assemble(page.content, found, labels)]
                )
                rules = segment_english_rules(page.content)
                by_rules = score_page(page, [(s.kind, s.text) for s in rules])
                lines = non_blank_lines(page.content)
                by_model.errors = [f"{page.name}: {e}" for e in by_model.errors]
                by_rules.errors = [f"{page.name}: {e}" for e in by_rules.errors]
                # as segment_english: a text of few lines goes to the rules
                total["pages"].add(by_rules if lines < min_lines else by_model)
                CONFUSION.extend(_kind_pairs(page, [(s.kind, s.text) for s in rules]
                                             if lines < min_lines else
                                             [(k, t) for k, t, _ in
                                              assemble(page.content, found, labels)]))
                for other in also_min_lines:
                    key = f"pages, < {other} lines to the rules"
                    total[key].add(by_rules if lines < other else by_model)
                if lines < min_lines:  # the model's segments, guarded by the rules'
                    page_segments = [(k, t) for k, t, _ in assemble(page.content, found, labels)]
                    by_guard = _named(page.name, score_page(page, _guarded(
                        page.content, page_segments, [(s.kind, s.text) for s in rules])))
                    total[f"pages, < {min_lines} lines guarded"].add(by_guard)
                    total[f"pages, < {min_lines} lines guarded, kinds only"].add(
                        _named(page.name, score_page(page, _kinds_guarded(
                            page.content, page_segments, [(s.kind, s.text) for s in rules]))))
                else:
                    total[f"pages, < {min_lines} lines guarded"].add(by_model)
                    total[f"pages, < {min_lines} lines guarded, kinds only"].add(by_model)
                if short:
                    for excerpt in short_excerpts(page):
                        text = excerpt.content
                        total["short model"].add(score_page(excerpt, _model_segments(text, model)))
                        rules = [(s.kind, s.text) for s in segment_english_rules(text)]
                        total["short rules"].add(score_page(excerpt, rules))
                        # the same excerpts by their number of lines, each way
                        size = non_blank_lines(text)
                        typed = _model_segments(text, model)
                        guarded = _guarded(text, typed, rules)
                        total["short guarded"].add(score_page(excerpt, guarded))
                        kinds_only = _kinds_guarded(text, typed, rules)
                        total["short guarded, kinds only"].add(score_page(excerpt, kinds_only))
                        for way, found_segments in (("model", typed), ("rules", rules),
                                                    ("guarded", guarded),
                                                    ("guarded, kinds only", kinds_only)):
                            scored = score_page(excerpt, found_segments)
                            scored.errors = [f"{excerpt.name}: {e}" for e in scored.errors]
                            key = f"{size}-line excerpts, {way}"
                            total.setdefault(key, PageScore()).add(scored)
                    for excerpt in user_inputs(page):
                        text = excerpt.content
                        size = non_blank_lines(text)
                        by_model = score_page(excerpt, _model_segments(text, model))
                        by_model.errors = [f"{excerpt.name}: {e}" for e in by_model.errors]
                        total[f"{size}-line inputs, model"].add(by_model)
                        rules = [(s.kind, s.text) for s in segment_english_rules(text)]
                        by_rules = score_page(excerpt, rules)
                        by_rules.errors = [f"{excerpt.name}: {e}" for e in by_rules.errors]
                        total[f"{size}-line inputs, rules"].add(by_rules)
                        typed = _model_segments(text, model)
                        total.setdefault(f"{size}-line inputs, guarded", PageScore()).add(
                            _named(excerpt.name, score_page(excerpt, _guarded(text, typed, rules))))
                        total.setdefault(f"{size}-line inputs, guarded, kinds only",
                                         PageScore()).add(_named(excerpt.name, score_page(
                                             excerpt, _kinds_guarded(text, typed, rules))))
    return total


def fresh_batches() -> dict[str, list[str]]:
    """The fresh batches of split.json: {batch: [page names]}."""
    data = json.loads((PAGES / "split.json").read_text(encoding="utf-8"))
    return {name: list(batch["pages"]) for name, batch in data.get("fresh_batches", {}).items()}


def leave_batch_out(c1: float, c2: float) -> dict[str, PageScore]:
    """Each fresh batch scored by ``segment_english`` with a model trained (as the
    shipped one is built) on the development half without that batch: what a
    model trained on everything we have scores on pages it never saw, batch by
    batch, comparable with the figure each batch got before it joined."""
    from service.segment import english
    from service.segment.en_model import segment_pieces

    pages = development_pages()
    house = house_samples()
    total: dict[str, PageScore] = {}
    pooled = PageScore()
    shipped_pieces = english.segment_pieces
    with tempfile.TemporaryDirectory() as folder:
        for name, batch in sorted(fresh_batches().items()):
            left_out = set(batch)
            kept = [p for p in pages if p.name not in left_out] + house
            labelled = [label_page(p) for p in kept + augment(kept)]
            model = Path(folder) / f"{name}.crfsuite"
            train(labelled, model, c1, c2)
            english.segment_pieces = lambda text, model=model: segment_pieces(text, model)
            try:
                total[name] = PageScore()
                for page in load_pages(PAGES, batch):
                    segments = english.segment_english(page.content)
                    scored = _named(page.name, score_page(page, [(s.kind, s.text)
                                                                  for s in segments]))
                    total[name].add(scored)
                    pooled.add(scored)
            finally:
                english.segment_pieces = shipped_pieces
    total["fresh (pooled)"] = pooled
    return total


def confusion_table(pairs: list[tuple[str, str, str]]) -> str:
    """Gold kind (rows) against predicted kind (columns), as a Markdown table."""
    from collections import Counter

    counts = Counter((gold, guess) for _, gold, guess in pairs)
    golds = sorted({g for g, _ in counts})
    guesses = sorted({p for _, p in counts})
    lines = ["| gold \\ predicted | " + " | ".join(guesses) + " | total | right |",
             "|---" * (len(guesses) + 3) + "|"]
    for gold in golds:
        row = [counts[(gold, guess)] for guess in guesses]
        lines.append(f"| {gold} | " + " | ".join(str(n) for n in row)
                     + f" | {sum(row)} | {counts[(gold, gold)] / sum(row):.3f} |")
    return "\n".join(lines)


def _report(name: str, result: PageScore) -> str:
    b = result.boundaries
    return (
        f"{name}: F1 {b.f1:.3f} (P {b.precision:.3f} R {b.recall:.3f}) kinds {result.kinds:.3f} "
        f"sent {result.sent_wrongly} kept {result.kept_wrongly} ({result.gold_segments} segments)"
        f"; kept from the engine: bodies {_kept(result, 'body')} titles {_kept(result, 'title')}"
    )


def _kept(result: PageScore, kind: str) -> int:
    """Gold segments of ``kind`` kept from the engine (from the scored errors)."""
    found = re.compile(rf"(^|: ){kind} kept from the engine: ")
    return sum(bool(found.search(e)) for e in result.errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate on the development half")
    parser.add_argument(
        "--second-round", action="store_true",
        help="the second-round configuration (retrained in the fourth and eleventh rounds): "
        "the cuts of en_pieces as shipped, the feature groups of en_features.FEATURE_GROUPS, "
        "the pages' sign-offs glued and blank-line-free pages in augmentation, c1 1.0, c2 0.1, "
        "texts of 3 lines and more to the model in --cv; writes data/en_pieces_round2.crfsuite",
    )
    parser.add_argument(
        "--first-round", action="store_true",
        help="the first round's configuration, for comparison: no second-round cuts, no "
        "optional feature groups, c1 0.3, texts of 7 lines and more to the model",
    )
    parser.add_argument("--c1", type=float, default=None)
    parser.add_argument("--c2", type=float, default=None)
    parser.add_argument(
        "--out", type=Path, default=None,
        help=f"model file (default {FIRST_ROUND_MODEL.name}; {ROUND2_MODEL.name} with "
             "--second-round)",
    )
    parser.add_argument("--folds", type=int, help="deal the outlets into this many folds")
    parser.add_argument("--short", action="store_true", help="also score short excerpts")
    parser.add_argument("--trees", action="store_true", help="gradient-boosted trees, not the CRF")
    parser.add_argument(
        "--min-lines", type=int, default=None,
        help="pages of fewer non-blank lines go to the rules (default: as segment_english)",
    )
    parser.add_argument(
        "--groups", help=f"optional feature groups, comma-separated: {en_features.FEATURE_GROUPS}"
    )
    parser.add_argument(
        "--no-fourth-round-cuts", action="store_true",
        help="with --second-round: the second round's cuts without the fourth round's",
    )
    parser.add_argument(
        "--fifth-round-cuts", action="store_true",
        help="with --second-round: the fifth round's cuts too (not in the shipped model)",
    )
    parser.add_argument(
        "--eighth-round-cuts", action="store_true",
        help="with --second-round: the eighth round's cuts too (placeless, hyphen and glued "
        "datelines, a line echoing the one before with copy glued on; on as shipped since the "
        "eleventh round)",
    )
    parser.add_argument(
        "--ninth-round-cuts", action="store_true",
        help="with --second-round: the ninth round's cuts too (speaker labels, interpreter's "
        "notes and stage directions of transcripts, a caption's bracketed credit before a "
        "snippet; on as shipped since the eleventh round)",
    )
    parser.add_argument(
        "--squeezed-blank-lines", action="store_true",
        help="augmentation: also each page with its blank lines taken out, as the aligner "
        "and paste-in users send text (eleventh round)",
    )
    parser.add_argument(
        "--no-over-header", action="store_true",
        help="the release group without its eleventh-round mark of a heading over a "
        "document-type label (the tenth round's group)",
    )
    parser.add_argument(
        "--wire-sign-offs", choices=["on", "off"],
        help="with --glued-sign-offs on: the wires' sign-offs too, not only the pages' own",
    )
    parser.add_argument("--split", type=Path, help="read the development half from this split file")
    parser.add_argument(
        "--glued-sign-offs", choices=["on", "off"],
        help="augmentation: glue the pages' own sign-offs to a last sentence "
        "(on in --second-round)",
    )
    parser.add_argument(
        "--errors", type=Path,
        help="with --cv, write each left-out development page's errors to this file",
    )
    parser.add_argument(
        "--confusion", type=Path,
        help="with --cv, write each left-out gold segment's (page, gold kind, predicted kind) "
        "as tab-separated lines to this file",
    )
    parser.add_argument(
        "--algorithm", choices=["lbfgs", "l2sgd", "ap", "pa", "arow"],
        help="crfsuite's training algorithm (default lbfgs)",
    )
    parser.add_argument(
        "--possible-states", action="store_true",
        help="crfsuite: features for every attribute/label pair, not only those seen",
    )
    parser.add_argument(
        "--no-possible-transitions", action="store_true",
        help="crfsuite: transition features only for label pairs seen in training",
    )
    parser.add_argument(
        "--twelfth-round-cuts", action="store_true",
        help="with --second-round: the twelfth round's cuts too (a live blog's time labels, "
        "a byline glued before a bracketed dateline)",
    )
    parser.add_argument(
        "--presplit-glued", action="store_true",
        help="cut sentences glued without a space before pySBD sees them (twelfth round)",
    )
    parser.add_argument(
        "--leave-batch-out", action="store_true",
        help="score each fresh batch with a model trained on the development half without it",
    )
    parser.add_argument(
        "--also-min-lines", default="",
        help="with --cv, also score the pages with these line thresholds (comma-separated)",
    )
    args = parser.parse_args()
    if args.first_round:
        en_pieces.SECOND_ROUND_CUTS = False
        en_pieces.EIGHTH_ROUND_CUTS = en_pieces.NINTH_ROUND_CUTS = False
        en_features.ACTIVE_GROUPS.clear()
        args.c1 = 0.3 if args.c1 is None else args.c1
        args.min_lines = 7 if args.min_lines is None else args.min_lines
    if args.second_round:
        en_pieces.SECOND_ROUND_CUTS = True
        en_features.ACTIVE_GROUPS.update(en_features.FEATURE_GROUPS)
        en_training.GLUED_SIGN_OFFS = True
        args.c1 = 1.0 if args.c1 is None else args.c1
        # Eleventh round: c2 0.1 and the blank-line-free pages (CV, fresh
        # batches left out and the aligner gate; README, segfresh6 round).
        args.c2 = 0.1 if args.c2 is None else args.c2
        en_training.SQUEEZED_BLANK_LINES = True
        args.min_lines = 3 if args.min_lines is None else args.min_lines
        args.out = ROUND2_MODEL if args.out is None else args.out
    args.out = FIRST_ROUND_MODEL if args.out is None else args.out
    args.c1 = C1 if args.c1 is None else args.c1
    args.c2 = C2 if args.c2 is None else args.c2
    args.min_lines = MIN_LINES_FOR_MODEL if args.min_lines is None else args.min_lines
    if args.wire_sign_offs is not None:
        en_training.WIRE_SIGN_OFFS = args.wire_sign_offs == "on"
    # Each round's switch: the flag given sets the module's constant.
    for flag, module, constant, value in (
        ("no_fourth_round_cuts", en_pieces, "FOURTH_ROUND_CUTS", False),
        ("fifth_round_cuts", en_pieces, "FIFTH_ROUND_CUTS", True),
        ("eighth_round_cuts", en_pieces, "EIGHTH_ROUND_CUTS", True),
        ("ninth_round_cuts", en_pieces, "NINTH_ROUND_CUTS", True),
        ("squeezed_blank_lines", en_training, "SQUEEZED_BLANK_LINES", True),
        ("twelfth_round_cuts", en_pieces, "TWELFTH_ROUND_CUTS", True),
        ("presplit_glued", en_sentences, "PRESPLIT_GLUED", True),
        ("no_over_header", en_features, "OVER_HEADER", False),
    ):
        if getattr(args, flag):
            setattr(module, constant, value)
    if args.glued_sign_offs is not None:
        en_training.GLUED_SIGN_OFFS = args.glued_sign_offs == "on"
    if args.split is not None:
        global SPLIT
        SPLIT = args.split
    if args.algorithm is not None:
        en_training.ALGORITHM = args.algorithm
    if args.possible_states:
        en_training.TRAINER_SETTINGS["feature.possible_states"] = True
    if args.no_possible_transitions:
        en_training.TRAINER_SETTINGS["feature.possible_transitions"] = False
    if args.groups is not None:
        en_features.ACTIVE_GROUPS.clear()
        en_features.ACTIVE_GROUPS.update(g for g in args.groups.split(",") if g)
    if args.leave_batch_out:
        print(f"leave-batch-out CRF c1={args.c1} c2={args.c2} "
              f"groups={sorted(en_features.ACTIVE_GROUPS)} "
              f"eighth-round-cuts={en_pieces.EIGHTH_ROUND_CUTS} "
              f"ninth-round-cuts={en_pieces.NINTH_ROUND_CUTS} "
              f"squeezed={en_training.SQUEEZED_BLANK_LINES} over-header={en_features.OVER_HEADER} "
              f"twelfth-round-cuts={en_pieces.TWELFTH_ROUND_CUTS} "
              f"presplit-glued={en_sentences.PRESPLIT_GLUED} "
              f"({len(development_pages())} development pages)")
        for name, result in leave_batch_out(args.c1, args.c2).items():
            print("  " + _report(name, result) + f"; violations {result.violations}")
        return
    if args.cv:
        also = tuple(int(n) for n in args.also_min_lines.split(",") if n)
        results = cross_validate(
            args.c1, args.c2, args.folds, args.short, args.trees, args.min_lines, also
        )
        how = f"{args.folds} folds" if args.folds else "leave-one-outlet-out"
        model = "trees" if args.trees else f"CRF c1={args.c1} c2={args.c2}"
        print(f"{model} {en_training.ALGORITHM} {en_training.TRAINER_SETTINGS} "
              f"groups={sorted(en_features.ACTIVE_GROUPS)} min-lines={args.min_lines} "
              f"glued-sign-offs={en_training.GLUED_SIGN_OFFS} "
              f"wire-sign-offs={en_training.WIRE_SIGN_OFFS} "
              f"fourth-round-cuts={en_pieces.FOURTH_ROUND_CUTS} "
              f"fifth-round-cuts={en_pieces.FIFTH_ROUND_CUTS} "
              f"eighth-round-cuts={en_pieces.EIGHTH_ROUND_CUTS} "
              f"ninth-round-cuts={en_pieces.NINTH_ROUND_CUTS} "
              f"squeezed={en_training.SQUEEZED_BLANK_LINES} "
              f"over-header={en_features.OVER_HEADER} "
              f"twelfth-round-cuts={en_pieces.TWELFTH_ROUND_CUTS} "
              f"presplit-glued={en_sentences.PRESPLIT_GLUED} ({how}, "
              f"{len(development_pages())} development pages)")
        for name, result in results.items():
            if result.gold_segments:
                print("  " + _report(name, result))
        if args.errors:
            args.errors.write_text("\n".join(results["pages"].errors) + "\n", encoding="utf-8")
            for name, result in results.items():
                if name.endswith((" model", " rules")) and "-line " in name:
                    path = args.errors.with_name(
                        f"{args.errors.stem}.{name.replace(' ', '').replace(',', '-')}.txt"
                    )
                    path.write_text("\n".join(result.errors) + "\n", encoding="utf-8")
        if args.confusion:
            args.confusion.write_text(
                "".join(f"{n}\t{g}\t{p}\n" for n, g, p in CONFUSION), encoding="utf-8"
            )
            print(confusion_table(CONFUSION))
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
