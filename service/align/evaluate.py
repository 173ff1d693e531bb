"""Alignment evaluation: NTREX documents, seeded perturbation, link scores.

Protocol (bench/align_bench.py and the NTREX test): each NTREX document is a
list of 1-1 line pairs. Per line, with a seeded generator: 3% of English lines
are deleted (gold bead 0-1), else 3% of target lines are deleted (gold 1-0);
then, walking the target, a line whose bead is 1-1 is merged with the next
line with probability 10% when that one is 1-1 too (gold 2-1; merged lines
are not merged again; joined with a space for Korean, nothing for Japanese).
Gold links are the (source, target) pairs of each bead; deletions are the
gold 1-0/0-1 lines.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

FILES = {
    "en": "newstest2019-src.eng.txt",
    "ko": "newstest2019-ref.kor.txt",
    "ja": "newstest2019-ref.jpn.txt",
}

GoldBead = tuple[list[int], list[int]]


@dataclass
class Document:
    doc_id: str
    source: list[str]
    target: list[str]
    language: str = ""


@dataclass
class Case:
    """A perturbed document and its gold beads."""

    doc_id: str
    source: list[str]
    target: list[str]
    gold: list[GoldBead]


def _lines(path: Path) -> list[str]:
    # The files use CRLF; a line may contain a bare CR or other separators, so
    # split on CRLF only.
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    lines = text.split("\r\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def load_ntrex(root: Path | str, target: str) -> list[Document]:
    """Documents in DOCUMENT_IDS.tsv order, each with its English and target lines."""
    root = Path(root)
    en, tg = _lines(root / FILES["en"]), _lines(root / FILES[target])
    ids = [
        line.split("\t")[0]
        for line in (root / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    ]
    if not (len(en) == len(tg) == len(ids)):
        raise ValueError(f"line counts differ: {len(en)} {len(tg)} {len(ids)}")
    docs: dict[str, Document] = {}
    for doc_id, s, t in zip(ids, en, tg, strict=True):
        docs.setdefault(doc_id, Document(doc_id, [], [], target)).source.append(s)
        docs[doc_id].target.append(t)
    return list(docs.values())


def perturb(
    doc: Document,
    seed: int,
    merge: float = 0.10,
    drop_target: float = 0.03,
    drop_source: float = 0.03,
) -> Case:
    rng = random.Random(f"{seed}:{doc.doc_id}")
    joiner = "" if doc.language == "ja" else " "  # Japanese does not space sentences
    beads: list[tuple[list[str], list[str]]] = []
    for s, t in zip(doc.source, doc.target, strict=True):
        r = rng.random()
        if r < drop_source:
            beads.append(([], [t]))
        elif r < drop_source + drop_target:
            beads.append(([s], []))
        else:
            beads.append(([s], [t]))
    merged: list[tuple[list[str], list[str]]] = []
    k = 0
    while k < len(beads):
        bead = beads[k]
        nxt = beads[k + 1] if k + 1 < len(beads) else None
        one_one = len(bead[0]) == 1 and len(bead[1]) == 1
        if one_one and nxt and len(nxt[0]) == 1 and len(nxt[1]) == 1 and rng.random() < merge:
            merged.append((bead[0] + nxt[0], [bead[1][0] + joiner + nxt[1][0]]))
            k += 2
        else:
            merged.append(bead)
            k += 1
    source, target, gold = [], [], []
    for ss, ts in merged:
        gold.append(
            (
                list(range(len(source), len(source) + len(ss))),
                list(range(len(target), len(target) + len(ts))),
            )
        )
        source.extend(ss)
        target.extend(ts)
    return Case(doc.doc_id, source, target, gold)


def links(beads: Sequence[GoldBead]) -> set[tuple[int, int]]:
    return {(s, t) for ss, ts in beads for s in ss for t in ts}


def nulls(beads: Sequence[GoldBead]) -> set[tuple[str, int]]:
    out = set()
    for ss, ts in beads:
        if not ts:
            out.update(("s", s) for s in ss)
        if not ss:
            out.update(("t", t) for t in ts)
    return out


@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    perfect: float  # share of documents whose links and unaligned lines are all right
    deletions_found: float  # share of gold 1-0/0-1 lines left unaligned by the aligner
    deletions: int
    false_nulls: int  # lines left unaligned that had a counterpart
    documents: int


def score(cases: Sequence[Case], predicted: Sequence[Sequence[GoldBead]]) -> Scores:
    tp = n_pred = n_gold = perfect = found = n_del = false_nulls = 0
    for case, pred in zip(cases, predicted, strict=True):
        g, p = links(case.gold), links(pred)
        gn, pn = nulls(case.gold), nulls(pred)
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
        found += len(gn & pn)
        n_del += len(gn)
        false_nulls += len(pn - gn)
        perfect += int(g == p and gn == pn)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return Scores(
        prec,
        rec,
        f1,
        perfect / max(len(cases), 1),
        found / n_del if n_del else 1.0,
        n_del,
        false_nulls,
        len(cases),
    )
