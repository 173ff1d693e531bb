"""Align an English article with its human Korean or Japanese translation."""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..segment import segment_english
from ..segment.cjk import segment_target
from ..segment.types import Segment
from . import candidates
from .anchors import Anchors, source_features, target_features
from .calibration import Calibration, Logistic, calibration
from .dp import best_path
from .lengths import length_model
from .scoring import BEAD_SHAPES, DEFAULT_WEIGHTS, MARGIN_CLIP, BeadScorer, Side, Weights

Translate = Callable[[list[str]], list[str]]

_ASIDE = frozenset({"credit", "footer", "debris"})
# A 1-1 link at least this much cheaper (in log-odds) than its English sentence's median
# pairing counts as a confident partner (candidate feature "confident_src").
CONFIDENT_LIFT = 3.0


@dataclass
class Bead:
    """Indices into the source and target segment lists, the bead type and a 0..1 score.

    For a bead that links both sides the score is the estimated probability that
    the link is right (calibration.py); a 1-0/0-1 bead scores 0.0."""

    source: list[int]
    target: list[int]
    kind: str  # "1-1", "1-2", "2-1", "1-0", "0-1", "2-2"
    score: float
    weak: bool


class Alignment(list):
    """The beads of an alignment (a list of Bead) and the document-level judgement:
    ``translation_probability`` that the target translates the source rather than
    telling the same story separately, and ``is_translation``."""

    def __init__(self, beads: Sequence[Bead] = (), translation_probability: float = 0.0,
                 is_translation: bool = False) -> None:
        super().__init__(beads)
        self.translation_probability = translation_probability
        self.is_translation = is_translation


@dataclass
class ScoredPath:
    """The cheapest path and what the probability models see of it."""

    path: list[tuple[int, int, int, int]]  # (i, di, j, dj) per bead
    features: list[dict[str, float] | None]  # per bead; None for a 1-0/0-1 bead
    document: dict[str, float]


def build_scorer(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    target: str,
    anchors: Anchors | None = None,
    translate: Translate | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> BeadScorer:
    """The bead costs of one document (both sides' features computed once)."""
    mt = None
    if translate is not None and src:
        # Only the article's own text goes to the engine, never bylines or debris.
        own = [s.text for s in src if s.translatable]
        done = iter(translate(own) if own else [])
        mt = [next(done) if s.translatable else "" for s in src]
    return BeadScorer(
        Side.build(src, [source_features(s.text, anchors, target) for s in src], "en"),
        Side.build(tgt, [target_features(t.text, target, anchors) for t in tgt], target),
        length_model(target),
        weights,
        mt,
    )


def score_path(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    target: str,
    anchors: Anchors | None = None,
    translate: Translate | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> ScoredPath:
    """Run the dynamic program and describe each linking bead for the probability models."""
    return run_path(build_scorer(src, tgt, target, anchors, translate, weights))


def run_path(scorer: BeadScorer) -> ScoredPath:
    """The cheapest path under this scorer's costs, described for the probability models."""
    shapes = BEAD_SHAPES if scorer.w.merge22 < float("inf") else BEAD_SHAPES[:-1]
    path = best_path(len(scorer.src.segments), len(scorer.tgt.segments), scorer.cost, shapes)
    features = [scorer.bead_features(*bead) if bead[1] and bead[3] else None for bead in path]
    best_target, best_source, pairs, costs = _best_partners(scorer)
    for (i, di, j, dj), feats in zip(path, features, strict=True):
        if feats is not None:
            # Path-free evidence of a translation: each side's sentence would pick the
            # other as its cheapest 1-1 partner even without the path's monotonicity.
            # A separately written story forced onto a monotone path pairs sentences
            # whose best partners lie elsewhere.
            feats["mutual"] = float(
                any(best_target[k] in range(j, j + dj) for k in range(i, i + di))
                and any(best_source[k] in range(i, i + di) for k in range(j, j + dj)))
    if candidates.wanted():
        _neighbour_mutual(features)
    # Averaged over every bead of the path, 1-0/0-1 ones counting 0: a story that
    # pairs few sentences, however well, is not a translation. Beads of credits,
    # footers and site chrome alone do not count: they never pair, in a
    # translation or not, and a page's chrome says nothing about its text.
    linked = [f for f in features if f is not None]
    src, tgt = scorer.src.segments, scorer.tgt.segments
    own = [b for b in path
           if any(s.kind not in _ASIDE for s in (*src[b[0]:b[0] + b[1]], *tgt[b[2]:b[2] + b[3]]))]
    beads = max(len(own), 1)
    document = {
        "doc_margin": sum(f["margin"] for f in linked) / beads,
        "doc_specific": sum(f["specific"] for f in linked) / beads,
        "doc_logodds": sum(f["logodds"] for f in linked) / beads,
        "doc_linked": len(linked) / beads,
        "length_gap": _length_gap(scorer),
        **_mutual_order(scorer, pairs),
    }
    if candidates.wanted():
        document["doc_specific_rate"] = sum(f["specific_rate"] for f in linked) / beads
        document.update(_lift(scorer, path, costs, own, beads))
    return ScoredPath(path, features, document)


def _lift(scorer: BeadScorer, path: list, costs: list[list[float]], own: list,
          beads: int) -> dict[str, float]:
    """How much cheaper each 1-1 link of the path is than its English sentence's typical
    pairing with the other side (the median over every target sentence), and how much its
    word evidence exceeds that sentence's typical share (candidates of the twelfth round).
    A translation's sentence matches its partner far better than the rest of the page; a
    separately written story on the same event shares its topic words with every sentence,
    so its forced pairs stand out little, however many anchors they share."""
    lifts, dict_lifts, confident = [], [], 0
    for i, di, j, dj in own:
        if (di, dj) != (1, 1):
            continue
        row = [c for c in costs[i] if c < float("inf")]
        if not row or costs[i][j] == float("inf"):
            continue
        lift = min(MARGIN_CLIP, statistics.median(row) - costs[i][j])
        lifts.append(lift)
        confident += lift >= CONFIDENT_LIFT
        share = scorer.bead_features(i, 1, j, 1)["dictionary"]
        others = [scorer.bead_features(i, 1, k, 1)["dictionary"]
                  for k in range(len(costs[i])) if k != j and costs[i][k] < float("inf")]
        dict_lifts.append(share - (statistics.mean(others) if others else 0.0))
    n_src = max(1, sum(1 for s in scorer.src.segments if s.kind not in _ASIDE))
    return {"doc_lift": sum(lifts) / beads,
            # In tenths: the shares differ by 0.01-0.2, which the document model's L2
            # (on unscaled slopes) would otherwise shrink to nothing.
            "doc_dictionary_lift": 10 * sum(dict_lifts) / beads,
            # Share of the English text's own sentences with a confident 1-1 partner.
            "confident_src": confident / n_src}


def _neighbour_mutual(features: list[dict[str, float] | None]) -> None:
    """Whether the linking beads on either side are mutual too: a link shifted by one
    inside a shifted stretch has no mutual neighbours; a right link in a run does (a
    candidate link feature of the eighth round, calibration-cv rows "8:")."""
    linking = [f for f in features if f is not None]
    for n, feats in enumerate(linking):
        near = [linking[m]["mutual"] for m in (n - 1, n + 1) if 0 <= m < len(linking)]
        feats["neighbour_mutual"] = sum(near) / len(near) if near else 0.0


def _best_partners(scorer: BeadScorer
                   ) -> tuple[list[int], list[int], list[tuple[int, int]], list[list[float]]]:
    """Each segment's cheapest 1-1 partner on the other side (-1: none can pair), and
    the mutual best pairs that are cheaper than leaving both sentences unpaired."""
    n, m = len(scorer.src.segments), len(scorer.tgt.segments)
    costs = [[scorer.cost(i, 1, j, 1) for j in range(m)] for i in range(n)]
    inf = float("inf")
    best_target = [min(range(m), key=lambda j, i=i: costs[i][j]) if m else -1 for i in range(n)]
    best_target = [j if j >= 0 and costs[i][j] < inf else -1 for i, j in enumerate(best_target)]
    best_source = [min(range(n), key=lambda i, j=j: costs[i][j]) if n else -1 for j in range(m)]
    best_source = [i if i >= 0 and costs[i][j] < inf else -1 for j, i in enumerate(best_source)]
    pairs = [(i, j) for i, j in enumerate(best_target)
             if j >= 0 and best_source[j] == i
             and costs[i][j] < scorer.cost(i, 1, j, 0) + scorer.cost(i, 0, j, 1)]
    return best_target, best_source, pairs, costs


def _mutual_order(scorer: BeadScorer, pairs: list[tuple[int, int]]) -> dict[str, float]:
    """Path-free order evidence: how many sentences have a mutual best partner worth
    pairing, and how many of those pairs keep the order of both texts (the longest
    increasing run). A translation's pairs run down the diagonal; two stories written
    separately share a few sentences, in any order."""
    own = min(sum(1 for s in scorer.src.segments if s.kind not in _ASIDE),
              sum(1 for t in scorer.tgt.segments if t.kind not in _ASIDE))
    tails: list[int] = []  # patience sorting: longest increasing run of target positions
    for _, j in pairs:
        k = bisect.bisect_left(tails, j)
        tails[k:k + 1] = [j]
    order = {"mutual_cover": len(pairs) / max(own, 1),
             "mutual_order": len(tails) / len(pairs) if pairs else 0.0,
             "diagonal": len(tails) / max(own, 1),
             # How many pairs run in order, not as a share: two stories written
             # separately share a few sentences however long they are; a long
             # translation shares many even where its evidence is thin.
             "diagonal_count": math.log1p(len(tails))}
    return {**order, **_mutual_run(pairs, own)} if candidates.wanted() else order


def _mutual_run(pairs: list[tuple[int, int]], own: int) -> dict[str, float]:
    """The longest run of mutual best pairs that step down the diagonal together (each
    pair at most two sentences on from the previous one on both sides). A translation,
    even one quoted inside a longer news story, holds a run of neighbouring pairs; two
    stories written separately share sentences here and there, rarely side by side."""
    runs: list[int] = []
    for k, (i, j) in enumerate(pairs):
        runs.append(1 + max((runs[m] for m, (pi, pj) in enumerate(pairs[:k])
                             if 1 <= i - pi <= 2 and 1 <= j - pj <= 2), default=0))
    longest = max(runs, default=0)
    return {"run_count": math.log1p(longest), "run_share": longest / max(own, 1)}


def _length_gap(scorer: BeadScorer) -> float:
    """How far the two documents' own text is from the length a translation would have
    (absolute log ratio against the length model): a news page that quotes a
    statement, or a story written separately, is longer or shorter than its match."""
    own = [k for k, s in enumerate(scorer.src.segments) if s.kind not in _ASIDE]
    own_t = [k for k, t in enumerate(scorer.tgt.segments) if t.kind not in _ASIDE]
    if not own or not own_t:
        return 0.0
    src = tuple(sum(scorer.src.lengths[k][c] for k in own) for c in (0, 1))
    tgt = tuple(sum(scorer.tgt.lengths[k][c] for k in own_t) for c in (0, 1))
    return abs(scorer.model.log_ratio(src, tgt))


# A link the link model gives at least this probability covers its segments in
# document_features (each by that probability).
PROBABLE = 0.5


def document_features(scored: ScoredPath, src: Sequence[Segment], tgt: Sequence[Segment],
                      link: Logistic) -> dict[str, float]:
    """What the translation-or-not model sees: the path's means (run_path) and the
    expected share of each side's own text (not credits, footers or chrome) that
    probable links cover. A translation covers at least one side almost whole, even
    when it sits inside a longer story (a news page translating a statement it
    quotes); two stories written separately share a few sentences, neither side
    whole. Also the share of probable links whose sentences are each other's best
    partner, their anchor density and whether two titles pair (candidates the
    document model was chosen among, calibration.DOCUMENT_FEATURES)."""
    covered = [0.0, 0.0]
    probable = mutual = anchors = titles = 0.0
    for (i, di, j, dj), feats in zip(scored.path, scored.features, strict=True):
        if feats is None:
            continue
        p = link.probability({**feats, **scored.document})
        if p < PROBABLE:
            continue
        # The expected share covered: a link the model barely believes covers
        # little (the link model's base rate is high, as most dev path links are
        # right, so a hard count let a separately written story's evidence-free
        # pairs cover it).
        covered[0] += p * sum(1 for s in src[i:i + di] if s.kind not in _ASIDE)
        covered[1] += p * sum(1 for t in tgt[j:j + dj] if t.kind not in _ASIDE)
        probable += 1
        mutual += feats.get("mutual", 0.0)
        anchors += feats.get("anchors", 0.0)
        titles = max(titles, feats["titles"])
    own = (max(1, sum(1 for s in src if s.kind not in _ASIDE)),
           max(1, sum(1 for t in tgt if t.kind not in _ASIDE)))
    cover_src, cover_tgt = covered[0] / own[0], covered[1] / own[1]
    out = {**scored.document, "cover_src": cover_src, "cover_tgt": cover_tgt,
           "cover_max": max(cover_src, cover_tgt), "cover_min": min(cover_src, cover_tgt),
           # Share of the probable links whose sentences are each other's best partner.
           "mutual": mutual / probable if probable else 0.0,
           # Anchors shared by the probable links, per sentence of the shorter side.
           "anchor_density": math.log1p(anchors / min(own)),
           "title_match": titles}
    if candidates.wanted():
        run_beads, run_share = _probable_run(scored, src, tgt, link, own)
        out.update(probable_run=math.log1p(run_beads), probable_run_share=run_share)
    return out


def _probable_run(scored: ScoredPath, src: Sequence[Segment], tgt: Sequence[Segment],
                  link: Logistic, own: tuple[int, int]) -> tuple[int, float]:
    """The longest run of consecutive path beads that are probable links (credits,
    footers, chrome and datelines left alone do not break it): how many beads, and
    the share of the shorter side's own text they hold. A statement translated
    inside a longer news story is one unbroken run; a separately written story's
    probable links are scattered."""
    best = (0, 0.0)
    beads, held = 0, [0, 0]
    for (i, di, j, dj), feats in zip(scored.path, scored.features, strict=True):
        segs = [*src[i:i + di], *tgt[j:j + dj]]
        if feats is None and all(s.kind in _ASIDE or s.kind == "dateline" for s in segs):
            continue
        if feats is None or link.probability({**feats, **scored.document}) < PROBABLE:
            beads, held = 0, [0, 0]
            continue
        beads += 1
        held[0] += sum(1 for s in src[i:i + di] if s.kind not in _ASIDE)
        held[1] += sum(1 for t in tgt[j:j + dj] if t.kind not in _ASIDE)
        short = 0 if own[0] <= own[1] else 1
        best = max(best, (beads, min(held[short] / own[short], 1.0)))
    return best


def decide(scored: ScoredPath, src: Sequence[Segment], tgt: Sequence[Segment],
           cal: Calibration | None = None) -> Alignment:
    """Beads with calibrated scores; links too unlikely for the document's kind are not made."""
    cal = cal or calibration()
    has_links = any(f is not None for f in scored.features)
    doc_p = (cal.document.probability(document_features(scored, src, tgt, cal.link))
             if has_links else 0.0)
    is_translation = doc_p >= cal.translation_at
    # A separately written story shares its topic with every sentence of the
    # other side: only a link that clears the stricter threshold is made.
    min_p = cal.translation_min if is_translation else cal.comparable_min
    beads: list[Bead] = []

    def unlinked(source: list[int], target: list[int]) -> None:
        segs = [src[k] for k in source] + [tgt[k] for k in target]
        # Datelines have no counterpart by convention (may_link): not for review.
        aside = all(s.kind in _ASIDE or s.kind == "dateline" for s in segs)
        kind = f"{len(source)}-{len(target)}"
        beads.append(Bead(source, target, kind, 0.0, not aside))

    for (i, di, j, dj), feats in zip(scored.path, scored.features, strict=True):
        if feats is None:
            unlinked(list(range(i, i + di)), list(range(j, j + dj)))
            continue
        p = cal.link.probability({**feats, **scored.document})
        if p < min_p or not may_link(src[i:i + di], tgt[j:j + dj], is_translation):
            for k in range(i, i + di):
                unlinked([k], [])
            for k in range(j, j + dj):
                unlinked([], [k])
            continue
        score = cal.score(p, is_translation)
        beads.append(
            Bead(list(range(i, i + di)), list(range(j, j + dj)), f"{di}-{dj}", round(score, 4),
                 score < cal.weak_below)
        )
    return Alignment(beads, round(doc_p, 4), is_translation)


def may_link(src: Sequence[Segment], tgt: Sequence[Segment], is_translation: bool) -> bool:
    """Whether a bead of the path may be made a link (its probability aside).

    A dateline alone is the outlet's own place and date: two datelines share them
    by being about the same day, not by saying the same thing, and the hand gold
    links none (dev: every dateline-only link the aligner made was wrong, in
    stories judged translations as much as in the others). The path still pairs
    them, which keeps the diagonal anchored at the top of the story.

    A separately written story shares a sentence's content with one sentence at
    most: a 2-1/1-2 bead there is two topical neighbours, not a merge."""
    if any(side and all(s.kind == "dateline" for s in side) for side in (src, tgt)):
        return False
    return is_translation or len(src) + len(tgt) <= 2


def align_segments(
    src: Sequence[Segment],
    tgt: Sequence[Segment],
    target: str,
    anchors: Anchors | None = None,
    translate: Translate | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> Alignment:
    """Align two segment lists; ``anchors`` maps English terms to their target renderings.

    ``translate`` (English sentences -> target-language sentences), when given,
    adds a chrF score between the machine translation and the target.
    """
    if not src and not tgt:
        return Alignment()
    return decide(score_path(src, tgt, target, anchors, translate, weights), src, tgt)


def align_texts(
    source_text: str,
    target_text: str,
    target: str,
    anchors: Anchors | None = None,
    translate: Translate | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[list[Segment], list[Segment], Alignment]:
    """Segment both texts (English; Korean or Japanese) and align them."""
    src = segment_english(source_text)
    tgt = segment_target(target_text, target)
    return src, tgt, align_segments(
        src, tgt, target, anchors=anchors, translate=translate, weights=weights
    )
