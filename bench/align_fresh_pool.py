"""Pages not in the set, pooled: the fresh batches as each was scored before it joined.

Each fresh batch (tests/data/bilingual/fresh_*.txt) was scored once with the aligner
as main shipped it when the batch was added, then made part of the dev half; later
runs of `bench/align_real_eval.py --fresh` are no longer out of sample. This keeps
each batch's before-links (bench/results/align-fresh-links-BATCH.json, written by
``dump`` from a copy of main's tree at that commit) and pools them into one row.

    # once per batch, from main's tree at the batch's commit (git archive COMMIT service
    # glossaries | tar -x -C /tmp/tree):
    python bench/align_fresh_pool.py dump round7 --tree /tmp/tree \
        --out bench/results/align-fresh-links-round7.json
    python bench/align_fresh_pool.py pool          # the pooled row of every dumped batch
    python bench/align_fresh_pool.py pool --calibrators   # + candidate calibrators (below)

``--calibrators`` also scores each batch's links as the current aligner makes them,
with calibrations fitted on the dev half WITHOUT that batch and the later ones (the
batch's before-figures stay fixed; this asks how a way of fitting calibrates pages
it has not seen), per way of fitting in bench/align_fit.py CALIBRATION_VARIANTS
that the ``--only`` filter selects.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# Batch name -> the commit of main it was scored at (bench/results/align-fresh-BATCH.txt).
BATCHES = {"round7": "1109735", "round9": "cc5f24a", "round10": "c6c4c62",
           "round11": "336aee0", "round13": "c6c318f"}


def dump(batch: str, tree: Path, out: Path) -> None:
    """Align the batch's pages with the code under ``tree`` and write their links."""
    sys.path.insert(0, str(tree))
    from service.align import align_texts
    from service.align.bilingual import load, predicted_links
    from service.align_article import anchors_from_glossary
    from service.glossary.files import load_glossary

    glossary = load_glossary()
    data = {}
    for doc in load([ROOT / "tests" / "data" / "bilingual" / f"fresh_{batch}.txt"]):
        anchors = anchors_from_glossary(glossary, doc.lang)
        src, tgt, result = align_texts(doc.text("en"), doc.text("target"), doc.lang,
                                       anchors=anchors)
        pred = predicted_links(doc, src, tgt, result)
        data[doc.doc_id] = {
            "links": [[s, t, round(p, 6)] for (s, t), p in sorted(pred.links.items())],
            "weak": sorted([s, t] for s, t in pred.weak),
            "translation_probability": getattr(result, "translation_probability", None),
        }
    out.write_text(json.dumps({"batch": batch, "commit": BATCHES[batch], "documents": data},
                              indent=1) + "\n", encoding="utf-8")
    print(f"{batch}: {len(data)} documents -> {out}")


def _before(batch: str):
    from service.align.bilingual import DATA_DIR, Prediction, load

    path = RESULTS / f"align-fresh-links-{batch}.json"
    if not path.exists():
        return None
    stored = json.loads(path.read_text(encoding="utf-8"))["documents"]
    docs = load([DATA_DIR / f"fresh_{batch}.txt"])
    preds = [Prediction({(s, t): p for s, t, p in stored[d.doc_id]["links"]},
                        {(s, t) for s, t in stored[d.doc_id]["weak"]},
                        stored[d.doc_id]["translation_probability"]) for d in docs]
    return docs, preds


def pool() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from align_real_eval import HEADER, rows

    all_docs, all_preds = [], []
    print(HEADER)
    for batch in BATCHES:
        got = _before(batch)
        if got is None:
            print(f"{batch}: no stored links")
            continue
        docs, preds = got
        for line in rows(docs, preds):
            print(line.replace("dev    ", f"{batch:7}", 1))
        all_docs += docs
        all_preds += preds
    for line in rows(all_docs, all_preds):
        print(line.replace("dev    ", "pooled ", 1))


def calibrators(only: str) -> None:
    """Per way of fitting: ECE (and link counts) of each fresh batch's current links,
    decided by a calibration fitted on the dev half without that batch and later ones."""
    sys.path.insert(0, str(ROOT / "bench"))
    from align_fit import CALIBRATION_VARIANTS

    from service.align.bilingual import (
        calibration_pairs,
        count,
        expected_calibration_error,
        load,
        predicted_links,
    )
    from service.align.candidates import candidate_features
    from service.align.fitting import Options, _scored_dev, decide, fit_calibration

    with candidate_features():
        scored = _scored_dev()
    files = {batch: f"fresh_{batch}.txt" for batch in BATCHES}
    batch_of = {}
    for batch, name in files.items():
        for d in load([ROOT / "tests" / "data" / "bilingual" / name]):
            batch_of[d.doc_id] = batch
    order = list(BATCHES)
    print("fresh batches, each decided by a calibration fitted on the dev half without it "
          "and the later batches")
    print(f"{'fitting':40} {'pooled ECE':>10} " + " ".join(f"{b:>8}" for b in order)
          + f" {'ko F1':>6} {'ja F1':>6} {'cmp P':>6} {'links':>5}")
    for label, spec in CALIBRATION_VARIANTS.items():
        if not any(part in label for part in only.split("|")):
            continue
        docs, preds, per = [], [], {}
        for k, batch in enumerate(order):
            later = set(order[k:])
            train = [s for s in scored if batch_of.get(s[0].doc_id) not in later]
            test = [s for s in scored if batch_of.get(s[0].doc_id) == batch]
            with candidate_features():
                cal = fit_calibration(train, Options(**spec))
            bd, bp = [], []
            for doc, src, tgt, sp in test:
                bd.append(doc)
                bp.append(predicted_links(doc, src, tgt, decide(sp, src, tgt, cal)))
            per[batch] = expected_calibration_error(calibration_pairs(bd, bp))
            docs += bd
            preds += bp

        def sub(kind, lang=None, docs=docs, preds=preds):
            idx = [k for k, d in enumerate(docs) if d.kind == kind and lang in (None, d.lang)]
            return count([docs[k] for k in idx], [preds[k] for k in idx])

        cmp = sub("comparable")
        ece = expected_calibration_error(calibration_pairs(docs, preds))
        print(f"{label[:40]:40} {ece:10.3f} " + " ".join(f"{per[b]:8.3f}" for b in order)
              + f" {sub('translation', 'ko').f1:6.3f} {sub('translation', 'ja').f1:6.3f} "
              f"{cmp.precision:6.3f} {cmp.predicted:5d}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("batch", choices=sorted(BATCHES))
    d.add_argument("--tree", type=Path, required=True)
    d.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("pool")
    p.add_argument("--calibrators", action="store_true")
    p.add_argument("--only", default="", help="ways of fitting whose label contains this")
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.batch, args.tree, args.out)
    else:
        sys.path.insert(0, str(ROOT))
        pool()
        if args.calibrators:
            calibrators(args.only)


if __name__ == "__main__":
    main()
