"""Fit the probability of a glossary candidate from its evidence, on the development
half only, and choose the settings by leave-one-outlet-out cross-validation there.

Every development document is aligned (as the service does, into a fresh database,
documents in file order, so the co-occurrence counts know only the documents before)
and its candidates are found with a permissive coverage score and no probability
threshold; each is labelled right when gold.tsv marks its pair for the document.
A logistic regression over ``service.glossary.candidates.features`` is fitted on the
other outlets and judged on the held-out one (precision of what it keeps, precision
of its top 10, right pairs kept); the settings with the best mean held-out precision
(ties: more right pairs kept) are then fitted on the whole half and printed as the
constants for candidates.py. The unseen half is never read here.

Run: python bench/glossary_candidates_fit.py
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.glossary_candidates_eval import (  # noqa: E402
    _norm_en,
    _norm_target,
    load_documents,
    load_gold,
)
from service.align_article import align_article  # noqa: E402
from service.glossary import candidates as cand_mod  # noqa: E402
from service.store import connect  # noqa: E402
from service.store.candidates import human_pairs  # noqa: E402

POOL_SCORES = (0.5, 0.67, 0.8)  # coverage score a candidate needs to enter the pool
C_VALUES = (0.3, 1.0, 3.0)  # inverse regularisation strength
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def outlet(doc_id: str) -> str:
    """The outlet of a document: its id's language and source ("ko-usemb", "ja-usemb")."""
    return "-".join(doc_id.split("-")[:2])


def pool(min_score: float) -> list[tuple[str, dict[str, float], bool, str, str]]:
    """(outlet, features, right, English, rendering) of every development candidate."""
    docs = [d for d in load_documents() if d.half == "dev"]
    gold = load_gold()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = connect(Path(tmp) / "fit.db")
        for doc in docs:
            article, _ = align_article(db, source_text=doc.source_text,
                                       target_text=doc.target_text, lang=doc.lang,
                                       glossary=None, title=doc.id)
            history = [(p["article_id"], p["source"], p["target"])
                       for p in human_pairs(db, doc.lang, cand_mod.COOC_PAIRS)]
            pairs = [{"id": p["id"], "source": p["source"], "target": p["target"]}
                     for p in human_pairs(db, doc.lang, cand_mod.COOC_PAIRS)
                     if p["article_id"] == article["id"]]
            found = cand_mod.find_candidates(pairs, doc.lang, None, history,
                                             min_score=min_score, min_probability=0.0)
            marked = gold.get(doc.id, set())
            for f in found:
                right = (_norm_en(f.en), _norm_target(f.target)) in marked
                rows.append((outlet(doc.id), f.features, right, f.en, f.target))
        db.close()
    return rows


def _fit(rows, c_value: float):
    from sklearn.linear_model import LogisticRegression

    names = sorted(rows[0][1])
    x = [[r[1][n] for n in names] for r in rows]
    y = [int(r[2]) for r in rows]
    if len(set(y)) < 2:  # one class only: a constant model
        return names, None, float(y[0]) if y else 0.5
    model = LogisticRegression(C=c_value, max_iter=1000).fit(x, y)
    return names, model, None


def _predict(fitted, feats: dict[str, float]) -> float:
    names, model, constant = fitted
    if model is None:
        return constant
    return float(model.predict_proba([[feats[n] for n in names]])[0][1])


def _judge(scored: list[tuple[float, bool]], threshold: float) -> tuple[int, int, float]:
    kept = sorted((p, ok) for p, ok in scored if p >= threshold)[::-1]
    right = sum(ok for _, ok in kept)
    top = kept[:10]
    return len(kept), right, (sum(ok for _, ok in top) / len(top) if top else 0.0)


def cross_validate() -> list[tuple[tuple, float, int, float]]:
    results = []
    for min_score in POOL_SCORES:
        rows = pool(min_score)
        outlets = sorted({r[0] for r in rows})
        for c_value, threshold in itertools.product(C_VALUES, THRESHOLDS):
            precisions, rights, tops = [], 0, []
            for held in outlets:
                train = [r for r in rows if r[0] != held]
                test = [r for r in rows if r[0] == held]
                fitted = _fit(train, c_value)
                kept, right, top = _judge([(_predict(fitted, r[1]), r[2]) for r in test],
                                          threshold)
                precisions.append(right / kept if kept else 0.0)
                rights += right
                tops.append(top)
            results.append(((min_score, c_value, threshold),
                            sum(precisions) / len(precisions), rights,
                            sum(tops) / len(tops)))
    return results


def main() -> None:
    results = cross_validate()
    print("| pool score | C | threshold | held-out precision | right kept | held-out top 10 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (min_score, c_value, threshold), prec, rights, top in results:
        print(f"| {min_score} | {c_value} | {threshold} | {prec:.3f} | {rights} | {top:.3f} |")
    best = max(results, key=lambda r: (round(r[1], 3), r[2], round(r[3], 3)))
    (min_score, c_value, threshold), prec, rights, top = best
    rows = pool(min_score)
    names, model, _ = _fit(rows, c_value)
    print(f"\nchosen: pool score {min_score}, C {c_value}, threshold {threshold} "
          f"(held-out precision {prec:.3f}, {rights} right kept, top 10 {top:.3f}); "
          f"{len(rows)} development candidates, {sum(r[2] for r in rows)} right")
    print("MIN_SCORE =", min_score)
    print("WEIGHTS = {" + ", ".join(f'"{n}": {w:.3f}' for n, w in zip(names, model.coef_[0],
                                                                   strict=True)) + "}")
    print(f"BIAS = {model.intercept_[0]:.3f}")
    print("MIN_PROBABILITY =", threshold)


if __name__ == "__main__":
    main()
