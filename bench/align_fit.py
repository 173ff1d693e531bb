"""Refit the aligner's learned parameters and write them as package data.

    python bench/align_fit.py cues          # word cues from NTREX-128 (calibration docs)
    python bench/align_fit.py calibration   # link and document probabilities (dev half)
    python bench/align_fit.py weights       # experiment: learned bead costs vs the hand-set ones

`cues` needs ../shared/datasets/ntrex128; `weights` and `calibration` read
tests/data/bilingual/ and use only its dev half (the unseen half is never read).
`weights` fits the dynamic program's costs as a logistic model over the
evidence (service/align/linkmodel.py) and prints leave-one-outlet-out link F1
of the dev translations against the hand-set weights; it writes nothing (the
learned costs did not beat the hand-set ones, see notes/align-README.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.align.cooccur import DATA, fit_cues, write_cues
from service.align.evaluate import load_ntrex

DEFAULT_NTREX = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "ntrex128"
# Costs of a 1-0/0-1 bead tried by cross-validation (a credit or debris costs half).
NULLS = (0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0)


def fit_cue_tables(ntrex: Path) -> None:
    for lang in ("ko", "ja"):
        docs = load_ntrex(ntrex, lang)
        calib = [d for k, d in enumerate(docs) if k % 2 == 0]  # as bench/align_bench.py
        cues = fit_cues((s, t) for d in calib for s, t in zip(d.source, d.target, strict=True))
        write_cues(cues, DATA / f"cues_{lang}.tsv")
        print(f"{lang}: {len(cues)} stems -> {DATA / f'cues_{lang}.tsv'}")


def compare_link_weights() -> None:
    """Leave-one-outlet-out link F1 of the dev translations (every path link counted):
    the hand-set weights against learned costs with each null cost."""
    from service.align.bilingual import count
    from service.align.fitting import prepare
    from service.align.linkmodel import cross_validated, fit_weights
    from service.align.scoring import HAND_WEIGHTS

    prepared = prepare("dev")
    print("dev translations, leave-one-outlet-out, every path link counted")
    print(f"{'weights':22} {'ko F1':>6} {'ja F1':>6}")
    base = cross_validated(prepared, HAND_WEIGHTS.null, learned=False)
    print(f"{'hand-set':22} " + " ".join(f"{count(*base[lang]).f1:6.3f}" for lang in ("ko", "ja")))
    for null in NULLS:
        cv = cross_validated(prepared, null)
        print(f"{f'learned, null {null}':22} "
              + " ".join(f"{count(*cv[lang]).f1:6.3f}" for lang in ("ko", "ja")))
    _, model = fit_weights(prepared, 2.0)
    print("learned on every dev translation (null 2.0):",
          dict(zip(("intercept", *model.features), (round(c, 3) for c in model.coef),
                   strict=True)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["cues", "weights", "calibration"])
    ap.add_argument("--ntrex", default=str(DEFAULT_NTREX))
    args = ap.parse_args()
    if args.what == "cues":
        fit_cue_tables(Path(args.ntrex))
    elif args.what == "weights":
        compare_link_weights()
    else:
        from service.align.calibration import refit

        refit()


if __name__ == "__main__":
    main()
