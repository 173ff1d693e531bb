"""Benchmark: aligning NTREX documents with perturbed Korean/Japanese references.

Protocol in service/align/evaluate.py (seeded: 10% of target lines merged with
the next, 3% of target lines deleted, 3% of English lines deleted). We align
the given NTREX lines (each line is one segment, all of kind "body"): this
measures alignment alone, not segmentation; bench/segment_cjk_bench.py
measures the Korean/Japanese splitter on the same references.

The length model was fitted on the even-numbered documents ("calib"); the
odd-numbered ones ("held-out") were never used to fit or tune. Rows report
all documents and the held-out half.

    python bench/align_bench.py [--hunalign /path/to/hunalign] [--seeds 1,2,3]
    python bench/align_bench.py --fit    # print length-model constants from calib docs
    python bench/align_bench.py --splitter   # Korean/Japanese splitters on NTREX

The --splitter mode joins the lines of each NTREX document (Korean with a
space, Japanese with nothing) and checks which line boundaries a splitter
recovers (boundary precision/recall/F1). NTREX lines often hold two
sentences (translators split), so precision is a lower bound.

Baselines: Gale-Church (PyPI galechurch, bench-only dependency) with its
defaults and with a fitted ratio; hunalign (a binary built outside the
repository, passed with --hunalign) out of the box and with every Korean or
Japanese character doubled (which only fixes its length ratio).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import itertools
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.align import align_segments
from service.align.evaluate import Case, load_ntrex, perturb, score
from service.align.lengths import char_length, fit_length_model
from service.align.scoring import DEFAULT_WEIGHTS, Weights
from service.segment.types import Segment

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "ntrex128"


def segments(lines: list[str]) -> list[Segment]:
    return [Segment(k, "body", line) for k, line in enumerate(lines)]


def run_ours(case: Case, target: str, weights: Weights = DEFAULT_WEIGHTS):
    beads = align_segments(segments(case.source), segments(case.target), target, weights=weights)
    return [(b.source, b.target) for b in beads]


def parse_weights(spec: str) -> Weights:
    """ "null=1.5,word=0" -> the default weights with those fields changed."""
    fields = {k: float(v) for k, v in (item.split("=") for item in spec.split(",") if item)}
    return dataclasses.replace(DEFAULT_WEIGHTS, **fields)


def gc_ratio(cases: list[Case]) -> float:
    """Source characters per target character over the calibration documents."""
    src = sum(char_length(s) for c in cases for s in c.source)
    tgt = sum(char_length(t) for c in cases for t in c.target)
    return src / tgt


def run_galechurch(case: Case, mean_xy: float | None = None):
    import galechurch

    kwargs = {} if mean_xy is None else {"mean_xy": mean_xy}
    block = galechurch.align(case.source, case.target, **kwargs)
    return [
        (list(range(b.source_start, b.source_end)), list(range(b.target_start, b.target_end)))
        for b in block.beads
    ]


def _ladder_to_beads(rungs: list[tuple[int, int]], n: int, m: int):
    # hunalign's ladder: rung (i, j) starts a bead at source i, target j.
    rungs = sorted(set(rungs) | {(0, 0), (n, m)})
    return [
        (list(range(a, c)), list(range(b, d)))
        for (a, b), (c, d) in itertools.pairwise(rungs)
        if c > a or d > b
    ]


def run_hunalign(binary: str, case: Case, double: bool = False):
    tgt = case.target
    if double:
        tgt = ["".join(ch * 2 if not ch.isspace() else ch for ch in t) for t in tgt]
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, name) for name in ("empty.dic", "src.txt", "tgt.txt")]
        Path(paths[0]).write_text("", encoding="utf-8")
        Path(paths[1]).write_text("\n".join(case.source) + "\n", encoding="utf-8")
        Path(paths[2]).write_text("\n".join(tgt) + "\n", encoding="utf-8")
        out = subprocess.run([binary, *paths], capture_output=True, text=True, check=True).stdout
    rungs = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
            rungs.append((int(parts[0]), int(parts[1])))
    return _ladder_to_beads(rungs, len(case.source), len(tgt))


def boundaries(parts: list[str], joiner: str) -> set[int]:
    out, pos = set(), 0
    for part in parts[:-1]:
        pos += len(part) + len(joiner)
        out.add(pos)
    return out


def predicted_boundaries(text: str, sentences: list[str]) -> set[int]:
    # Locate each sentence in the joined text; a boundary is where one starts.
    out, pos = set(), 0
    for k, sentence in enumerate(sentences):
        found = text.find(sentence.strip(), pos)
        if found < 0:
            continue
        if k:
            out.add(found)
        pos = found + len(sentence.strip())
    return out


def _ja_sentence_segmenter():
    """PyPI ja-sentence-segmenter's documented pipeline (bench-only; without its
    neologd normaliser, which rewrites the text), or None when not installed."""
    try:
        from ja_sentence_segmenter.common.pipeline import make_pipeline
        from ja_sentence_segmenter.concatenate.simple_concatenator import concatenate_matching
        from ja_sentence_segmenter.split.simple_splitter import split_newline, split_punctuation
    except ImportError:
        return None
    import functools

    split_punc = functools.partial(split_punctuation, punctuations=r"。!?！？")
    concat_te = functools.partial(concatenate_matching, remove_former_matched=False,
                                  former_matching_rule=r"^(?P<result>.+)(て)$")
    pipeline = make_pipeline(split_newline, concat_te, split_punc)
    return lambda text: list(pipeline(text))


def splitter_bench(data: str) -> None:
    import pysbd

    from service.segment.cjk import split_sentences

    splitters = {
        "ko": {
            "ours (service.segment.cjk)": lambda t: split_sentences(t, "ko"),
            "pysbd en rules": pysbd.Segmenter(language="en", clean=False).segment,
        },
        "ja": {
            "ours (service.segment.cjk)": lambda t: split_sentences(t, "ja"),
            "pysbd ja": pysbd.Segmenter(language="ja", clean=False).segment,
        },
    }
    ja_segmenter = _ja_sentence_segmenter()
    if ja_segmenter is not None:
        splitters["ja"]["ja-sentence-segmenter"] = ja_segmenter
    print(f"{'lang':4} {'splitter':28} {'P':>6} {'R':>6} {'F1':>6} {'lines':>6} {'s':>5}")
    for lang, methods in splitters.items():
        joiner = " " if lang == "ko" else ""
        docs = load_ntrex(data, lang)
        for name, split in methods.items():
            tp = n_pred = n_gold = 0
            start = time.perf_counter()
            for doc in docs:
                text = joiner.join(doc.target)
                gold = boundaries(doc.target, joiner)
                pred = predicted_boundaries(text, split(text))
                tp += len(gold & pred)
                n_pred += len(pred)
                n_gold += len(gold)
            secs = time.perf_counter() - start
            p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{lang:4} {name:28} {p:6.3f} {r:6.3f} {f1:6.3f} {n_gold:6d} {secs:5.1f}")


# Each row switches one kind of evidence off.
ABLATIONS = {
    "ours, no lexicon": "word=0",
    "ours, no names/numbers": "name=0,number=0,latin=0,miss=0",
    "ours, no sentence counts": "fewer=0,more=0",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--hunalign", default=None, help="path of a hunalign binary")
    ap.add_argument("--seeds", default="1", help="comma-separated perturbation seeds, pooled")
    ap.add_argument("--fit", action="store_true", help="print fitted length models and exit")
    ap.add_argument("--splitter", action="store_true", help="measure the ko/ja splitters")
    ap.add_argument("--weights", default="", help="extra row with changed weights: null=2,word=0")
    ap.add_argument("--ablation", action="store_true", help="rows without each kind of evidence")
    args = ap.parse_args()

    print(
        f"# align_bench  {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  "
        f"{platform.node()} {platform.machine()} {os.cpu_count()} cores  "
        f"python {platform.python_version()}  seeds {args.seeds}"
    )
    if args.splitter:
        splitter_bench(args.data)
        return
    header = (
        f"{'pair':5} {'method':26} {'subset':>8} {'P':>6} {'R':>6} {'F1':>6} {'perfect':>8} "
        f"{'del found':>10} {'false nulls':>11} {'s':>6}"
    )
    if not args.fit:
        print(header)
    for target in ("ko", "ja"):
        docs = load_ntrex(args.data, target)
        calib = [d for k, d in enumerate(docs) if k % 2 == 0]
        if args.fit:
            model = fit_length_model(
                [s for d in calib for s in d.source],
                [t for d in calib for t in d.target],
                target == "ko",
            )
            print(f'    "{target}": {model!r},')
            continue
        seeds = [int(x) for x in args.seeds.split(",")]
        cases = [perturb(d, seed) for seed in seeds for d in docs]
        held = [k for k in range(len(cases)) if (k % len(docs)) % 2 == 1]
        methods = {"ours (no MT)": lambda c, t=target: run_ours(c, t)}
        if args.weights:
            w = parse_weights(args.weights)
            methods[f"ours {args.weights}"] = lambda c, t=target, w=w: run_ours(c, t, w)
        if args.ablation:
            for label, spec in ABLATIONS.items():
                w = parse_weights(spec)
                methods[label] = lambda c, t=target, w=w: run_ours(c, t, w)
        methods["gale-church default"] = run_galechurch
        ratio = gc_ratio([perturb(d, seeds[0]) for d in calib])
        methods[f"gale-church mean_xy={ratio:.2f}"] = lambda c, r=ratio: run_galechurch(c, r)
        if args.hunalign and os.path.exists(args.hunalign):
            methods["hunalign"] = lambda c, b=args.hunalign: run_hunalign(b, c)
            methods["hunalign doubled chars"] = lambda c, b=args.hunalign: run_hunalign(b, c, True)
        for name, fn in methods.items():
            start = time.perf_counter()
            pred = [fn(c) for c in cases]
            secs = time.perf_counter() - start
            for label, idx in (("all", range(len(cases))), ("held-out", held)):
                s = score([cases[k] for k in idx], [pred[k] for k in idx])
                print(
                    f"en-{target} {name:26} {label:>8} {s.precision:6.3f} {s.recall:6.3f} "
                    f"{s.f1:6.3f} {s.perfect:8.1%} {s.deletions_found:10.1%} "
                    f"{s.false_nulls:11d} {secs:6.1f}"
                )
        if not args.hunalign or not os.path.exists(args.hunalign):
            print(f"en-{target} hunalign: absent (pass --hunalign PATH)")


if __name__ == "__main__":
    main()
