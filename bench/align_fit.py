"""Refit the aligner's learned parameters and write them as package data.

    python bench/align_fit.py cues          # word cues from NTREX-128 (calibration docs)
    python bench/align_fit.py calibration   # link and document probabilities (dev half)

`cues` needs ../shared/datasets/ntrex128; `calibration` reads tests/data/bilingual/
and uses only its dev half (the unseen half is never read).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.align.cooccur import DATA, fit_cues, write_cues
from service.align.evaluate import load_ntrex

DEFAULT_NTREX = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "ntrex128"


def fit_cue_tables(ntrex: Path) -> None:
    for lang in ("ko", "ja"):
        docs = load_ntrex(ntrex, lang)
        calib = [d for k, d in enumerate(docs) if k % 2 == 0]  # as bench/align_bench.py
        cues = fit_cues((s, t) for d in calib for s, t in zip(d.source, d.target, strict=True))
        write_cues(cues, DATA / f"cues_{lang}.tsv")
        print(f"{lang}: {len(cues)} stems -> {DATA / f'cues_{lang}.tsv'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["cues", "calibration"])
    ap.add_argument("--ntrex", default=str(DEFAULT_NTREX))
    args = ap.parse_args()
    if args.what == "cues":
        fit_cue_tables(Path(args.ntrex))
    else:
        from service.align.calibration import refit

        refit()


if __name__ == "__main__":
    main()
