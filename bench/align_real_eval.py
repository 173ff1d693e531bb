"""Evaluation: aligning real bilingual pages (tests/data/bilingual/) end to end.

Each English page is aligned with its human Korean/Japanese version
(service.align.align_texts: segmentation, typing, alignment), and the links
are scored against the hand gold (service/align/bilingual.py). Rows per half
(dev: used to tune and calibrate; unseen: the headline, never looked at while
tuning) and per language pair:

- true translations: link precision / recall / F1, titles paired;
- comparable stories (separately written): link precision, links made, and
  links touching credits, footers or site chrome ("junk");
- all links: expected calibration error of the link probabilities.

    python bench/align_real_eval.py                 # with the repository glossary
    python bench/align_real_eval.py --no-glossary
    python bench/align_real_eval.py --ablation      # dev half, one anchor kind off per row
    python bench/align_real_eval.py --errors dev    # print the dev half's wrong links
    python bench/align_real_eval.py --plot docs/align-reliability.svg
    python bench/align_real_eval.py --cv            # dev half, calibration cross-fitted
    python bench/align_real_eval.py --fresh         # only the seventh round's new pages
    python bench/align_real_eval.py --fresh round9  # only the ninth round's new pages
    python bench/align_real_eval.py --fresh round10 # only the tenth round's new pages
    python bench/align_real_eval.py --fresh round11 # only the eleventh round's new pages
    python bench/align_real_eval.py --fresh round13 # only the thirteenth round's new pages

`--fresh BATCH` scores only the pages of one fresh batch
(tests/data/bilingual/fresh_BATCH.txt: round7, the default, round9, round10, round11 or
round13), from outlets that were in neither half when they were added: each measured once with
the aligner as it was on main before its round changed anything ("pages not in
the set", bench/results/align-fresh-BATCH.txt), then made part of the dev half
(so later runs of it are no longer out of sample).

`--cv` decides each dev document with a calibration fitted without its outlet
(leave-one-outlet-out, service/align/fitting.py cross_fitted): the honest dev
figures, and the proxy for the unseen half while developing. With `--plot` the
dev curve is the cross-fitted one.

The NTREX protocol stays in bench/align_bench.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.align import align_texts
from service.align.bilingual import (
    DATA_DIR,
    Document,
    Prediction,
    calibration_pairs,
    count,
    ece_spread,
    expected_calibration_error,
    load,
    predicted_links,
    reliability,
)
from service.align.scoring import DEFAULT_WEIGHTS, Weights
from service.align_article import anchors_from_glossary
from service.glossary.files import load_glossary


def predict(doc: Document, glossary, weights: Weights = DEFAULT_WEIGHTS) -> Prediction:
    anchors = anchors_from_glossary(glossary, doc.lang) if glossary is not None else None
    src, tgt, result = align_texts(doc.text("en"), doc.text("target"), doc.lang,
                                   anchors=anchors, weights=weights)
    pred = predicted_links(doc, src, tgt, result)
    pred.translation_probability = getattr(result, "translation_probability", None)
    return pred


def cross_fitted_predictions(dev: list[Document], glossary) -> list[Prediction]:
    """Dev documents, each decided by a calibration fitted without its outlet."""
    from service.align.fitting import _scored_dev, cross_fitted, prepare

    scored = _scored_dev(prepared=prepare("dev", dev, glossary=glossary))
    preds = []
    for (doc, src, tgt, _), alignment in zip(scored, cross_fitted(scored), strict=True):
        pred = predicted_links(doc, src, tgt, alignment)
        pred.translation_probability = alignment.translation_probability
        preds.append(pred)
    return preds


def rows(docs: list[Document], preds: list[Prediction]) -> list[str]:
    out = []
    for half in ("dev", "unseen"):
        if not any(d.half == half for d in docs):
            continue
        for lang in ("ko", "ja"):
            idx = [k for k, d in enumerate(docs)
                   if d.half == half and d.lang == lang and d.kind == "translation"]
            c = count([docs[k] for k in idx], [preds[k] for k in idx])
            out.append(
                f"{half:7} en-{lang} translation {c.documents:5d} {c.precision:6.3f} "
                f"{c.recall:6.3f} {c.f1:6.3f} {c.titles_paired:>3}/{c.titles:<3} "
                f"{'':>6} {'':>5} {c.junk_links:5d}"
            )
        idx = [k for k, d in enumerate(docs) if d.half == half and d.kind == "comparable"]
        c = count([docs[k] for k in idx], [preds[k] for k in idx])
        out.append(
            f"{half:7} en-ko/ja comparable {c.documents:3d} {c.precision:6.3f} "
            f"{c.recall:6.3f} {'':>6} {'':>7} {c.predicted:6d} {'':>5} {c.junk_links:5d}"
        )
        idx = [k for k, d in enumerate(docs) if d.half == half]
        ece = expected_calibration_error(
            calibration_pairs([docs[k] for k in idx], [preds[k] for k in idx]))
        lo, hi = ece_spread([calibration_pairs([docs[k]], [preds[k]]) for k in idx])
        judged = [(docs[k].kind == "translation", preds[k].translation_probability)
                  for k in idx if preds[k].translation_probability is not None]
        right = sum(1 for is_tr, p in judged if (p >= 0.5) == is_tr)
        out.append(f"{half:7} all links ECE {ece:.3f}   translation-or-not right "
                   f"{right}/{len(judged)}   ECE over documents drawn again: "
                   f"5-95% {lo:.3f}-{hi:.3f}")
    return out


# Batches of pages from outlets in neither half when added (the "not in your set" figure),
# by name; each file's pages are dev pages once scored.
FRESH_BATCHES = {"round7": "fresh_round7.txt", "round9": "fresh_round9.txt",
                 "round10": "fresh_round10.txt", "round11": "fresh_round11.txt",
                 "round13": "fresh_round13.txt"}

HEADER = (f"{'half':7} {'pair':5} {'kind':11} {'docs':>5} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'titles':>7} {'links':>6} {'':>5} {'junk':>5}")

# Each row switches one kind of anchor off (see service/align/scoring.py Weights).
ABLATIONS = {
    "all anchors": "",
    "no glossary": "glossary=0",
    "no numbers/dates": "number=0",
    "no Latin words": "latin=0",
    "no transliterated names": "name=0",
    "no built-in lexicon": "word=0",
    "no learned word cues": "cue=0",
    "no JMdict dictionary": "dictionary=0",
    "no lexicon, cues or dictionary": "word=0,cue=0,dictionary=0",
    "no quotes/punctuation": "punct=0",
    "no title-to-title reward": "title=0",
    "no anchors at all": ("glossary=0,number=0,latin=0,name=0,word=0,cue=0,dictionary=0,"
                          "punct=0"),
}


def reliability_svg(halves: dict[str, list[tuple[float, bool]]]) -> str:
    """A reliability diagram: per probability bin, the share of links that are right."""
    size, pad = 360, 40
    colours = {"dev": "#1f77b4", "unseen": "#d62728"}

    def xy(p: float, acc: float) -> tuple[float, float]:
        return pad + p * (size - 2 * pad), size - pad - acc * (size - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size + 30}" '
        f'font-family="sans-serif" font-size="11">',
        f'<rect x="{pad}" y="{pad}" width="{size - 2 * pad}" height="{size - 2 * pad}" '
        'fill="none" stroke="#999"/>',
        f'<line x1="{xy(0, 0)[0]}" y1="{xy(0, 0)[1]}" x2="{xy(1, 1)[0]}" y2="{xy(1, 1)[1]}" '
        'stroke="#bbb" stroke-dasharray="4"/>',
        f'<text x="{size / 2 - 60}" y="{size - 8}">link probability (bin mean)</text>',
        f'<text x="8" y="{pad - 12}">share of links right</text>',
    ]
    for k in range(0, 11, 2):
        x, y = xy(k / 10, k / 10)
        parts.append(f'<text x="{x - 8}" y="{size - pad + 14}">{k / 10:.1f}</text>')
        parts.append(f'<text x="{pad - 28}" y="{y + 4}">{k / 10:.1f}</text>')
    legend_y = size + 10
    for n, (half, pairs) in enumerate(halves.items()):
        points = reliability(pairs)
        colour = colours.get(half, "#333")
        path = " ".join(f"{xy(c, a)[0]:.1f},{xy(c, a)[1]:.1f}" for c, a, _ in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}"/>')
        for c, a, count_in_bin in points:
            x, y = xy(c, a)
            r = 2 + min(count_in_bin, 40) ** 0.5
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" '
                         'fill-opacity="0.5"/>')
        ece = expected_calibration_error(pairs)
        parts.append(f'<text x="{pad + n * 150}" y="{legend_y}" fill="{colour}">{half}: '
                     f'{len(pairs)} links, ECE {ece:.3f}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def parse_weights(spec: str) -> Weights:
    fields = {k: float(v) for k, v in (item.split("=") for item in spec.split(",") if item)}
    return dataclasses.replace(DEFAULT_WEIGHTS, **fields)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-glossary", action="store_true")
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument("--errors", choices=["dev"], help="print wrong and missed links of a half")
    ap.add_argument("--half", choices=["dev", "unseen"], help="only this half's rows")
    ap.add_argument("--plot", help="write a reliability diagram (SVG) of both halves here")
    ap.add_argument("--fresh", nargs="?", const="round7", choices=sorted(FRESH_BATCHES),
                    help="only the pages of one fresh batch (outlets new to the set when "
                         "added; round7 when no name is given), as shipped")
    ap.add_argument("--cv", action="store_true",
                    help="dev half only, each outlet decided by a calibration fitted without it")
    args = ap.parse_args()
    print(f"# align_real_eval  {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC  "
          f"{platform.machine()} {os.cpu_count()} cores  python {platform.python_version()}")
    docs = load([DATA_DIR / FRESH_BATCHES[args.fresh]]) if args.fresh else load()
    if args.fresh:
        print(f"fresh batch {args.fresh}: {len(docs)} documents")
    glossary = None if args.no_glossary else load_glossary()
    if args.ablation:
        dev = [d for d in docs if d.half == "dev"]
        print(f"{'dev half, anchors':28} {'ko F1':>6} {'ja F1':>6} {'cmp P':>6} {'links':>6}")
        for label, spec in ABLATIONS.items():
            w = parse_weights(spec)
            preds = [predict(d, glossary, w) for d in dev]
            f1 = {}
            for lang in ("ko", "ja"):
                idx = [k for k, d in enumerate(dev) if d.lang == lang and d.kind == "translation"]
                f1[lang] = count([dev[k] for k in idx], [preds[k] for k in idx]).f1
            idx = [k for k, d in enumerate(dev) if d.kind == "comparable"]
            c = count([dev[k] for k in idx], [preds[k] for k in idx])
            print(f"{label:28} {f1['ko']:6.3f} {f1['ja']:6.3f} {c.precision:6.3f} "
                  f"{c.predicted:6d}")
        return
    if args.cv:
        # With --plot (the final run) the unseen half is aligned as shipped beside it.
        dev = [d for d in docs if d.half == "dev"]
        unseen = [d for d in docs if d.half == "unseen"] if args.plot else []
        preds = cross_fitted_predictions(dev, glossary) + [predict(d, glossary) for d in unseen]
        docs = dev + unseen
    else:
        if args.half == "dev":
            docs = [d for d in docs if d.half == "dev"]
        preds = [predict(d, glossary) for d in docs]
    print(f"glossary: {'off' if glossary is None else 'repository glossaries/'}"
          f"{'; dev calibration cross-fitted (leave-one-outlet-out)' if args.cv else ''}")
    print(HEADER)
    for line in rows(docs, preds):
        if args.half is None or line.startswith(args.half):
            print(line)
    if args.plot:
        halves = {}
        for half in ("dev", "unseen"):
            idx = [k for k, d in enumerate(docs) if d.half == half]
            halves[half] = calibration_pairs([docs[k] for k in idx], [preds[k] for k in idx])
        Path(args.plot).write_text(reliability_svg(halves), encoding="utf-8")
        print(f"wrote {args.plot}")
    if args.errors:
        for doc, pred in zip(docs, preds, strict=True):
            if doc.half != args.errors:
                continue
            gold = doc.gold_links()
            for s, t in sorted(set(pred.links) - gold):
                print(f"WRONG {doc.doc_id} {s}-{t} p={pred.links[(s, t)]:.2f} "
                      f"| {doc.en[s].text[:60]} | {doc.target[t].text[:40]}")
            for s, t in sorted(gold - set(pred.links)):
                print(f"MISSED {doc.doc_id} {s}-{t} | {doc.en[s].text[:60]} "
                      f"| {doc.target[t].text[:40]}")


if __name__ == "__main__":
    main()
