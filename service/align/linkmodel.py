"""The dynamic program's bead costs, learned: a logistic model over the evidence.

A linking bead's cost in the dynamic program is minus its log-odds of being a
right bead, b + sum_k c_k x_k, over the evidence BeadScorer sees: the length
model's cost, anchors shared by both sides (numbers and dates, Latin-script
words, glossary renderings found verbatim, transliterated names, lexicon
entries, learned word cues), one-sided anchors, punctuation mismatches,
sentence-count differences, kinds that differ, the bead's shape and whether it
pairs two titles. The model is fitted on candidate beads near the diagonal of
the dev half's true translations (tests/data/bilingual/): a candidate is right
when it is exactly a gold bead (every unit link it makes is gold and no gold
link leaves it). Its coefficients become the Weights of scoring.py, so the
hand-set weights are replaced by learned ones without changing the program;
the cost of a 1-0/0-1 bead (``null``) is chosen by leave-one-outlet-out
cross-validation on the dev half (bench/align_fit.py weights).

Coefficients are kept to the sign their kind of evidence must have (a shared
anchor never costs, a mismatch never rewards): with a few hundred beads a
collinear pair of features can otherwise swap signs by chance.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .anchors import compare
from .calibration import Logistic, fit_logistic
from .scoring import HAND_WEIGHTS, BeadScorer, Weights, kinds_cost

FEATURES = (
    "length", "numbers", "latin", "glossary", "names", "words", "cues",
    "missing", "punct", "fewer", "more", "mixed_kinds", "merge", "titles",
)
# Evidence that can only count for a link / only against it.
_REWARDS = frozenset({"numbers", "latin", "glossary", "names", "words", "cues", "titles"})
_PENALTIES = frozenset({"length", "missing", "punct", "fewer", "more", "mixed_kinds", "merge"})
L2 = 1.0
CANDIDATE_SHAPES = ((1, 1), (2, 1), (1, 2))
WINDOW = 3  # candidates within this many segments of the gold (or the scaled) diagonal


def bead_evidence(scorer: BeadScorer, i: int, di: int, j: int, dj: int) -> dict[str, float] | None:
    """What the learned cost sees of one linking bead (None: the bead can never link)."""
    ssegs = scorer.src.segments[i : i + di]
    tsegs = scorer.tgt.segments[j : j + dj]
    skinds, tkinds = [s.kind for s in ssegs], [t.kind for t in tsegs]
    kind_cost = kinds_cost(skinds, tkinds, HAND_WEIGHTS)
    if kind_cost == math.inf:
        return None
    ev = compare(_sum(scorer.src.features[i : i + di]), _sum(scorer.tgt.features[j : j + dj]))
    w = scorer.w
    return {
        "length": scorer._length_cost(i, di, j, dj),
        "numbers": float(ev.numbers),
        "latin": float(ev.latin),
        "glossary": float(min(ev.glossary, w.glossary_cap)),
        "names": float(ev.names),
        "words": float(ev.words),
        "cues": float(ev.cues),
        "missing": float(ev.missing),
        "punct": float(ev.punct_mismatch),
        "fewer": float(ev.fewer_sentences),
        "more": float(ev.more_sentences),
        "mixed_kinds": kind_cost / HAND_WEIGHTS.kind,  # 1, or 0.5 for a dateline with body
        "merge": float(di + dj == 3),
        "titles": float(set(skinds) == set(tkinds) == {"title"}),
        # Read by merge_cover_reward only (not in FEATURES).
        "covered": float(di + dj == 3 and scorer.merge_covered(i, di, j, dj)),
    }


def _sum(features):
    out = features[0]
    for f in features[1:]:
        out = out + f
    return out


def candidates(n: int, m: int, gold_cells: Iterable[tuple[int, int]] = ()
               ) -> set[tuple[int, int, int, int]]:
    """Candidate beads near the scaled diagonal and near the gold beads."""
    centres = {(i, round(i * m / n)) for i in range(n)} if n else set()
    centres |= set(gold_cells)
    out = set()
    for ci, cj in centres:
        for i in range(max(0, ci - WINDOW), min(n, ci + WINDOW + 1)):
            for j in range(max(0, cj - WINDOW), min(m, cj + WINDOW + 1)):
                for di, dj in CANDIDATE_SHAPES:
                    if i + di <= n and j + dj <= m:
                        out.add((i, di, j, dj))
    return out


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[bool], l2: float = L2,
        features: Sequence[str] = FEATURES) -> Logistic:
    """Fit, then refit without any feature whose coefficient took the wrong sign."""
    use = list(features)
    while True:
        model = fit_logistic(rows, labels, use, l2=l2)
        wrong = [f for f, c in zip(use, model.coef[1:], strict=True)
                 if (f in _REWARDS and c < 0) or (f in _PENALTIES and c > 0)]
        if not wrong:
            return model
        use = [f for f in use if f not in wrong]


def to_weights(model: Logistic, base: Weights, null: float) -> Weights:
    """The learned model as the dynamic program's weights (cost = minus the log-odds)."""
    c = dict(zip(model.features, model.coef[1:], strict=True))
    g = c.get
    return dataclasses.replace(
        base,
        link=round(-model.coef[0], 4),
        length=round(-g("length", 0.0), 4),
        number=round(g("numbers", 0.0), 4),
        latin=round(g("latin", 0.0), 4),
        glossary=round(g("glossary", 0.0), 4),
        name=round(g("names", 0.0), 4),
        word=round(g("words", 0.0), 4),
        cue=round(g("cues", 0.0), 4),
        miss=round(-g("missing", 0.0), 4),
        punct=round(-g("punct", 0.0), 4),
        fewer=round(-g("fewer", 0.0), 4),
        more=round(-g("more", 0.0), 4),
        kind=round(-g("mixed_kinds", 0.0), 4),
        merge=round(-g("merge", 0.0), 4),
        title=round(g("titles", 0.0), 4),
        null=null,
        null_aside=round(null / 2, 4),
    )


# --- fitting on the dev half ---------------------------------------------------------


def labelled_candidates(prepared: Sequence, kinds: Sequence[str] = ("translation",)
                        ) -> tuple[list[dict[str, float]], list[bool], list[str]]:
    """Evidence, label (exactly a gold bead) and outlet of every candidate bead."""
    from .bilingual import rebuild_page, segment_units

    rows, labels, groups = [], [], []
    for p in prepared:
        doc = p.doc
        if doc.kind not in kinds:
            continue
        en_text, en_spans = rebuild_page(doc.en, "en")
        tg_text, tg_spans = rebuild_page(doc.target, doc.lang)
        su = segment_units(en_text, p.src, en_spans)
        tu = segment_units(tg_text, p.tgt, tg_spans)
        gold = doc.gold_links()
        seg_of_src = {u: k for k, us in enumerate(su) for u in us}
        seg_of_tgt = {v: k for k, vs in enumerate(tu) for v in vs}
        cells = {(seg_of_src[u], seg_of_tgt[v]) for u, v in gold
                 if u in seg_of_src and v in seg_of_tgt}
        scorer = p.scorer.with_weights(HAND_WEIGHTS)
        for i, di, j, dj in sorted(candidates(len(p.src), len(p.tgt), cells)):
            us = {u for k in range(i, i + di) for u in su[k]}
            vs = {v for k in range(j, j + dj) for v in tu[k]}
            if not us or not vs:
                continue
            ev = bead_evidence(scorer, i, di, j, dj)
            if ev is None:
                continue
            made = {(u, v) for u in us for v in vs}
            touching = {(u, v) for u, v in gold if u in us or v in vs}
            rows.append(ev)
            exact = bool(made) and made <= gold and touching <= made
            labels.append(exact or _whole(made, us, vs, gold))
            groups.append(doc.source)
    return rows, labels, groups


def _whole(made, us, vs, gold) -> bool:
    from .bilingual import holds_whole_gold_beads

    return holds_whole_gold_beads(made, us, vs, gold)


def fit_weights(prepared: Sequence, null: float, base: Weights = HAND_WEIGHTS,
                exclude: str | None = None) -> tuple[Weights, Logistic]:
    """Learned weights from the dev translations (``exclude``: leave that outlet out)."""
    rows, labels, groups = labelled_candidates(prepared)
    keep = [k for k, g in enumerate(groups) if g != exclude]
    model = fit([rows[k] for k in keep], [labels[k] for k in keep])
    return to_weights(model, base, null), model


def path_links(prepared_doc, weights: Weights):
    """Every link of the cheapest path under ``weights`` (no probability threshold), in units."""
    from .aligner import Bead, run_path
    from .bilingual import predicted_links

    sp = run_path(prepared_doc.scorer.with_weights(weights))
    beads = [Bead(list(range(i, i + di)), list(range(j, j + dj)), f"{di}-{dj}", 1.0, False)
             for i, di, j, dj in sp.path]
    return predicted_links(prepared_doc.doc, prepared_doc.src, prepared_doc.tgt, beads)


def cross_validated(prepared: Sequence, null: float, base: Weights = HAND_WEIGHTS,
                    learned: bool = True) -> dict[str, tuple[list, list]]:
    """Leave-one-outlet-out: each dev translation aligned with weights fitted without its
    outlet (or with ``base`` when not ``learned``); per language, (documents, predictions)."""
    out: dict[str, tuple[list, list]] = {"ko": ([], []), "ja": ([], [])}
    translations = [p for p in prepared if p.doc.kind == "translation"]
    for g in sorted({p.doc.source for p in translations}):
        w = fit_weights(prepared, null, base, exclude=g)[0] if learned else base
        for p in translations:
            if p.doc.source == g:
                out[p.doc.lang][0].append(p.doc)
                out[p.doc.lang][1].append(path_links(p, w))
    return out


# --- bead priors from the gold: how often each bead shape occurs -------------------------

_OWN_TEXT = frozenset({"title", "dateline", "body", "caption"})


def gold_bead_counts(docs: Iterable) -> dict[str, int]:
    """How many gold beads of each shape the documents' hand gold holds: "1-1",
    "merge" (2-1 or 1-2), "2-2" and "null" (a unit of the page's own text that no
    gold link touches: a 1-0 or 0-1 bead)."""
    counts = {"1-1": 0, "merge": 0, "2-2": 0, "null": 0}
    for doc in docs:
        for ss, ts in doc.gold:
            shape = (len(ss), len(ts))
            if shape == (1, 1):
                counts["1-1"] += 1
            elif sorted(shape) == [1, 2]:
                counts["merge"] += 1
            elif shape == (2, 2):
                counts["2-2"] += 1
        linked_s = {s for ss, _ in doc.gold for s in ss}
        linked_t = {t for _, ts in doc.gold for t in ts}
        counts["null"] += sum(1 for k, u in enumerate(doc.en)
                              if u.kind in _OWN_TEXT and k not in linked_s)
        counts["null"] += sum(1 for k, u in enumerate(doc.target)
                              if u.kind in _OWN_TEXT and k not in linked_t)
    return counts


def prior_weights(docs: Iterable, base: Weights = HAND_WEIGHTS, pseudo: float = 1.0) -> Weights:
    """The bead-shape costs as minus log prior odds against a 1-1 bead, estimated
    from the gold (add-``pseudo`` smoothing): merge = log(P(1-1) / P(2-1 or 1-2,
    each direction)), null likewise per direction, 2-2 likewise."""
    c = gold_bead_counts(docs)
    one = c["1-1"] + pseudo

    def cost(n: float, ways: int) -> float:
        return round(max(0.0, math.log(one / ((n + pseudo) / ways))), 4)

    return dataclasses.replace(base, merge=cost(c["merge"], 2), null=cost(c["null"], 2),
                               null_aside=round(cost(c["null"], 2) / 2, 4),
                               merge22=max(cost(c["2-2"], 1), cost(c["merge"], 2)))


def shared_null_cost(docs: Iterable, pseudo: float = 1.0) -> float:
    """The extra cost of leaving unpaired a unit of the page's own text that shares
    its paragraph with more of it, against one alone in its paragraph: the log ratio
    of how often the hand gold leaves each unlinked (both sides pooled, add-``pseudo``
    smoothing), over the documents' true translations."""
    unlinked = {True: pseudo, False: pseudo}
    seen = {True: 2 * pseudo, False: 2 * pseudo}
    for doc in docs:
        if doc.kind != "translation":
            continue
        for units, linked in ((doc.en, {s for ss, _ in doc.gold for s in ss}),
                              (doc.target, {t for _, ts in doc.gold for t in ts})):
            own = Counter(u.paragraph for u in units if u.kind in _OWN_TEXT)
            for k, u in enumerate(units):
                if u.kind in _OWN_TEXT:
                    shared = own[u.paragraph] > 1
                    seen[shared] += 1
                    unlinked[shared] += k not in linked
    rate = {shared: unlinked[shared] / seen[shared] for shared in (True, False)}
    return round(max(0.0, math.log(rate[False] / rate[True])), 4)


# --- thirteenth round: evidence for merged beads (class (a), a translator regroups) --


def paragraph_merge_costs(docs: Iterable, pseudo: float = 1.0) -> tuple[float, float]:
    """(merge_inside, merge_across) of scoring.Weights: over the documents' true
    translations, each pair of neighbouring units of the page's own text on one side
    is the merged side of a gold 2-1/1-2 bead or not; the log ratio of that rate for
    pairs inside one paragraph to the rate over all pairs (a discount), and of the
    rate over all pairs to the rate across a paragraph break (a surcharge), with
    add-``pseudo`` smoothing."""
    merged = {True: pseudo, False: pseudo}
    seen = {True: 2 * pseudo, False: 2 * pseudo}
    for doc in docs:
        if doc.kind != "translation":
            continue
        pairs = set()
        for ss, ts in doc.gold:
            if len(ss) == 2 and len(ts) == 1:
                pairs.add(("en", min(ss)))
            elif len(ss) == 1 and len(ts) == 2:
                pairs.add(("target", min(ts)))
        for side, units in (("en", doc.en), ("target", doc.target)):
            for k in range(len(units) - 1):
                a, b = units[k], units[k + 1]
                if a.kind in _OWN_TEXT and b.kind in _OWN_TEXT:
                    inside = a.paragraph == b.paragraph
                    seen[inside] += 1
                    merged[inside] += (side, k) in pairs
    rate = {inside: merged[inside] / seen[inside] for inside in (True, False)}
    overall = (merged[True] + merged[False]) / (seen[True] + seen[False])
    return (round(max(0.0, math.log(rate[True] / overall)), 4),
            round(max(0.0, math.log(overall / rate[False])), 4))


def merge_cover_reward(prepared: Sequence, pseudo: float = 1.0) -> float:
    """merge_cover of scoring.Weights: among the 2-1/1-2 candidate beads near the
    diagonal of the prepared true translations, the log ratio of how often a bead
    whose merged segments each share an anchor with the single side is exactly a
    gold bead, to how often one without is (add-``pseudo`` smoothing)."""
    rows, labels, _ = labelled_candidates(prepared)
    right = {True: pseudo, False: pseudo}
    seen = {True: 2 * pseudo, False: 2 * pseudo}
    for row, label in zip(rows, labels, strict=True):
        if row["merge"]:
            covered = bool(row["covered"])
            seen[covered] += 1
            right[covered] += label
    rate = {c: right[c] / seen[c] for c in (True, False)}
    return round(max(0.0, math.log(rate[True] / rate[False])), 4)
