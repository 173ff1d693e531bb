"""The cost of one bead: length model + lexical anchors + segment kinds (+ MT if given).

All costs are in nats-like units; the dynamic program adds them up and keeps
the cheapest path. Most weights were set by small grid searches (a few values
per weight, by hand) on the calibration half of NTREX only (even-numbered
documents, perturbation seeds 1-3); rows for other weights can be added with
`bench/align_bench.py --weights null=2,word=0`. The odd-numbered documents
were not used to fit or tune anything (only their aggregate scores were seen).
`null`, `cue`, `dictionary` and the glossary's reward and cap were then chosen
among a few values on the dev half of the real bilingual pages (tests/data/bilingual/).

After the path is chosen, BeadScorer.bead_features describes each linking bead
for the probability models of calibration.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..segment.types import Segment
from . import candidates
from .anchors import Evidence, Features, compare, sentence_pieces
from .lengths import LengthModel, measure
from .mtscore import chrf

BEAD_SHAPES = ((1, 1), (2, 1), (1, 2), (1, 0), (0, 1), (2, 2))

# Segments that are the article's own text and can have a counterpart.
_CONTENT = frozenset({"title", "dateline", "body", "caption"})


@dataclass(frozen=True)
class Weights:
    link: float = 0.0  # cost of every linking bead (the learned model's minus intercept)
    length: float = 1.0  # multiplies the length model's cost
    title: float = 2.0  # reward for pairing a title with a title (chosen on the dev half)
    # Prior cost of a 2-1 or 1-2 bead over a 1-1 bead, and of a 2-2 bead. Costs from
    # the gold's shape frequencies (linkmodel.py prior_weights: 3.2 and 4.3) raised
    # dev leave-one-outlet-out path F1 (0.873/0.908 -> 0.879/0.923) but lowered
    # NTREX held-out en-ja F1 0.993 -> 0.990, whose perturbation merges more
    # lines than real pages do: kept at the hand-set values. Eighth round, 70 dev
    # documents: the priors (3.27 / 4.52) raised path F1 en-ko 0.843 -> 0.878 and
    # kept NTREX held-out at 0.991, but after the probability thresholds cross-fitted
    # comparable precision fell 0.730 -> 0.591 and en-ja 0.933 -> 0.929; cheaper
    # merges (2.0, 1.5) lose both languages (README, align8 round).
    merge: float = 2.5
    merge22: float = 7.0
    # Thirteenth round (class (a): a translator who regroups sentences): taken off a
    # 2-1/1-2 bead whose merged side is two segments of one paragraph, and added to
    # one whose merged side spans two paragraphs. Fitted from the gold as log ratios
    # of how often two neighbouring units are one gold bead's merged side, inside a
    # paragraph and across one, against all neighbours (linkmodel.paragraph_merge_costs
    # on the 113 dev documents). Cross-fitted on dev (`bench/align_fit.py merges-cv`) it
    # raised link F1 en-ko 0.896 -> 0.900, en-ja 0.910 -> 0.920, cut off-by-one links
    # 20 -> 16 and raised F1 on the fresh batches too (0.902/0.903 -> 0.906/0.914); it
    # costs dev comparable precision 0.717 -> 0.695 and two documents judged right, and
    # leaves NTREX held-out at 0.993/0.994 (README, align13 round).
    merge_inside: float = 0.5402
    merge_across: float = 0.9099
    # Taken off a 2-1/1-2 bead each of whose merged segments shares an anchor with
    # the single side (a right merge's pieces both translate part of it; two
    # neighbours wrongly merged leave one piece with nothing): fitted from candidate
    # beads near the dev diagonal (linkmodel.merge_cover_reward).
    merge_cover: float = 0.0
    null: float = 1.0  # prior cost of a 1-0 or 0-1 bead (real pages carry more unmatched text)
    null_aside: float = 0.5  # ... of one whose segment is a credit, footer or debris
    # Added to a 1-0/0-1 bead of the page's own text whose segment shares its
    # paragraph with more of that text: the hand gold leaves such a unit unlinked half
    # as often as one alone in its paragraph (a translator who splits a sentence
    # keeps the pieces together; blog introductions, headings and notes stand
    # alone). Ninth round: fitted from the gold (linkmodel.shared_null_cost), tried
    # by `python bench/align_fit.py nulls-cv`.
    null_shared: float = 0.0
    number: float = 2.5  # reward per number or date found on both sides
    latin: float = 2.5  # reward per Latin-script word found on both sides
    glossary: float = 0.5  # reward per glossary rendering found in the target sentence ...
    glossary_cap: float = 1.0  # ... for at most this many: never more than a clear diagonal
    name: float = 0.5  # reward per English name found transliterated
    word: float = 1.5  # reward per built-in lexicon entry found on both sides
    cue: float = 1.0  # reward per English stem whose learned cue the target has
    # Reward per English word whose JMdict form the target has (dictionary.py). Chosen
    # on the dev half cross-fitted among 0.25, 0.5, 0.75, 1.0 (README, align6 round):
    # 0.5 had the best link F1 and documents judged right; NTREX held-out rose too.
    dictionary: float = 0.5
    miss: float = 1.0  # cost per one-sided anchor
    punct: float = 1.2  # cost per punctuation mismatch (question mark, quotes, parentheses)
    fewer: float = 1.0  # cost per sentence the target has fewer than the source
    more: float = 0.3  # cost per sentence the target has more than the source
    kind: float = 3.0  # cost of pairing a title or caption with a body sentence
    mt: float = 12.0  # reward per unit of chrF above the document's baseline


DEFAULT_WEIGHTS = Weights()
HAND_WEIGHTS = DEFAULT_WEIGHTS  # what the learned-cost experiment (linkmodel.py) starts from


def kinds_cost(src_kinds: Sequence[str], tgt_kinds: Sequence[str], w: Weights) -> float:
    """How plausible it is to pair segments of these kinds (inf: never)."""
    s, t = set(src_kinds), set(tgt_kinds)
    if (s - _CONTENT) or (t - _CONTENT):
        # Credits, footers and debris are the outlet's own, not translations of
        # each other: they always stay unpaired (1-0 / 0-1).
        return math.inf
    if s == t:
        return 0.0
    if "dateline" in s ^ t and (s | t) <= {"dateline", "body"}:
        return 0.5 * w.kind  # a dateline is often fused into the first sentence
    return w.kind


@dataclass
class Side:
    """Precomputed facts about one side of the alignment."""

    segments: Sequence[Segment]
    lengths: list[tuple[int, int]]
    features: list[Features]
    pieces: list[list[tuple[int, int]]]  # lengths of the sentences inside each segment
    # Whether each segment is the page's own text sharing its paragraph with more of it.
    shared: list[bool]
    # The page's headline: the title nearest above its first body sentence (None: none).
    headline: int | None = None

    @classmethod
    def build(cls, segments: Sequence[Segment], features: list[Features], lang: str) -> Side:
        return cls(
            segments,
            [measure(s.text) for s in segments],
            features,
            [[measure(p) for p in sentence_pieces(s.text, lang)] for s in segments],
            shares_paragraph(segments),
            headline_of(segments),
        )

    def length(self, i: int, di: int) -> tuple[int, int]:
        return (
            sum(x[0] for x in self.lengths[i : i + di]),
            sum(x[1] for x in self.lengths[i : i + di]),
        )


class BeadScorer:
    def __init__(
        self,
        src: Side,
        tgt: Side,
        model: LengthModel,
        weights: Weights,
        mt: Sequence[str] | None = None,
    ) -> None:
        self.src, self.tgt, self.model, self.w = src, tgt, model, weights
        self.mt = mt
        self.mt_base = 0.0
        if mt is not None:
            self.mt_base = _mt_baseline(mt, [s.text for s in tgt.segments])

    def with_weights(self, weights: Weights) -> BeadScorer:
        """The same document's evidence under other weights."""
        return BeadScorer(self.src, self.tgt, self.model, weights, self.mt)

    def null_cost(self, side: Side, k: int) -> float:
        if side.segments[k].kind not in _CONTENT:
            return self.w.null_aside
        return self.w.null + (self.w.null_shared if side.shared[k] else 0.0)

    def cost(self, i: int, di: int, j: int, dj: int) -> float:
        """Cost of the bead covering src[i:i+di] and tgt[j:j+dj]."""
        if di == 0:
            return self.null_cost(self.tgt, j)
        if dj == 0:
            return self.null_cost(self.src, i)
        w = self.w
        ssegs, tsegs = self.src.segments[i : i + di], self.tgt.segments[j : j + dj]
        total = kinds_cost([s.kind for s in ssegs], [t.kind for t in tsegs], w)
        if total == math.inf:
            return total
        if di == dj == 1 and ssegs[0].kind == tsegs[0].kind == "dateline":
            # "SEOUL, Oct. 26 (AJP) --" and "(서울=연합뉴스)" say the same in any length:
            # pairing them keeps the path on the diagonal (aligner.may_link does not
            # make the pair a link).
            return total - 1.0
        if di + dj == 3:
            total += w.merge + self._merge_evidence(i, di, j, dj)
        elif di + dj == 4:
            total += w.merge22
        if w.title and {s.kind for s in ssegs} == {t.kind for t in tsegs} == {"title"}:
            total -= w.title
        total += w.link + w.length * self._length_cost(i, di, j, dj)
        fs = _sum(self.src.features[i : i + di])
        ft = _sum(self.tgt.features[j : j + dj])
        ev = compare(fs, ft)
        total += (
            -w.number * ev.numbers
            - w.latin * ev.latin
            - w.glossary * min(ev.glossary, w.glossary_cap)
            - w.name * ev.names
            - w.word * ev.words
            - w.cue * ev.cues
            - w.dictionary * ev.dictionary
            + w.miss * ev.missing
            + w.punct * ev.punct_mismatch
            + w.fewer * ev.fewer_sentences
            + w.more * ev.more_sentences
        )
        if self.mt is not None:
            hyp = " ".join(self.mt[i : i + di])
            ref = " ".join(t.text for t in tsegs)
            total -= w.mt * (chrf(hyp, ref) - self.mt_base)
        return total

    def _merge_evidence(self, i: int, di: int, j: int, dj: int) -> float:
        """What a 2-1/1-2 bead's merged side says beyond its shape (0 with the
        default weights): its two segments in one paragraph or two, and whether
        each shares an anchor with the single side."""
        w = self.w
        if not (w.merge_inside or w.merge_across or w.merge_cover):
            return 0.0
        merged, k, single, one = ((self.src, i, self.tgt, j) if di == 2
                                  else (self.tgt, j, self.src, i))
        a, b = merged.segments[k], merged.segments[k + 1]
        cost = -w.merge_inside if a.paragraph == b.paragraph else w.merge_across
        if w.merge_cover and all(
                _anchor_count(compare(merged.features[x], single.features[one]), w) > 0
                for x in (k, k + 1)):
            cost -= w.merge_cover
        return cost

    def merge_covered(self, i: int, di: int, j: int, dj: int) -> bool:
        """Whether each segment of a 2-1/1-2 bead's merged side shares an anchor with
        its single side."""
        merged, k, single, one = ((self.src, i, self.tgt, j) if di == 2
                                  else (self.tgt, j, self.src, i))
        return all(_anchor_count(compare(merged.features[x], single.features[one]), self.w) > 0
                   for x in (k, k + 1))

    def _length_cost(self, i: int, di: int, j: int, dj: int) -> float:
        cost = self.model.cost(self.src.length(i, di), self.tgt.length(j, dj))
        # A 2-1 (1-2) bead whose single segment holds several sentences: try
        # pairing each of the two segments with its own run of those sentences.
        if di == 2 and dj == 1 and len(self.tgt.pieces[j]) > 1:
            cost = min(
                cost,
                _split_cost(
                    self.model, self.src.lengths[i : i + 2], self.tgt.pieces[j], source_side=True
                ),
            )
        elif di == 1 and dj == 2 and len(self.src.pieces[i]) > 1:
            cost = min(
                cost,
                _split_cost(
                    self.model, self.tgt.lengths[j : j + 2], self.src.pieces[i], source_side=False
                ),
            )
        return cost

    def margin(self, i: int, di: int, j: int, dj: int) -> float:
        """How much cheaper this bead is than pairing either side with a neighbour
        (the same source span with target spans up to two segments away, and the
        reverse). Large on a clear diagonal; near zero or negative by chance."""
        own = self.cost(i, di, j, dj)
        n, m = len(self.src.segments), len(self.tgt.segments)
        alternatives = [
            self.cost(i, di, j + d, dj) for d in _NEAR if j + d >= 0 and j + d + dj <= m
        ] + [self.cost(i + d, di, j, dj) for d in _NEAR if i + d >= 0 and i + d + di <= n]
        finite = [c for c in alternatives if c < math.inf]
        if not finite or own == math.inf:
            return MARGIN_CLIP
        return max(-MARGIN_CLIP, min(MARGIN_CLIP, min(finite) - own))

    def bead_features(self, i: int, di: int, j: int, dj: int) -> dict[str, float]:
        """What the probability models see of one linking bead (calibration.py says
        which of these the link model uses and how they were chosen)."""
        fs = _sum(self.src.features[i : i + di])
        ev = compare(fs, _sum(self.tgt.features[j : j + dj]))
        kinds = {s.kind for s in self.src.segments[i : i + di]} | {
            t.kind for t in self.tgt.segments[j : j + dj]
        }
        feats = {
            # Share of the English stems with learned cues whose cue the target has.
            "cues": ev.cues / max(1, len(fs.cues)),
            # Share of the English words in the JMdict table whose form the target has.
            "dictionary": ev.dictionary / max(1, len(fs.dictionary)),
            "specific": self.anchor_margin(i, di, j, dj, ev),
            "merge": float(di + dj > 2),
            # A headline or caption paired with body text (the path allows it at a cost).
            "mixed_kinds": float(len(kinds - {"dateline"}) > 1),
            "margin": self.margin(i, di, j, dj),
            # Minus the bead's cost: with learned weights, its log-odds of being right.
            "logodds": max(-MARGIN_CLIP, min(MARGIN_CLIP, -self.cost(i, di, j, dj))),
            "titles": float(kinds == {"title"}),
            # Sentences one side holds beyond the other's (a six-sentence paragraph
            # typed as one segment against two sentences is not one link).
            "sentence_gap": float(ev.fewer_sentences + ev.more_sentences),
            # Anchors the pair shares (for the document model's anchor density).
            "anchors": _anchor_count(ev, self.w),
        }
        if candidates.wanted():
            # The two pages' headlines, each the title right above its own text
            # (eleventh round; read by no shipped model: README, align11 round).
            feats["headline"] = float(di == dj == 1 and i == self.src.headline
                                      and j == self.tgt.headline)
            # The specific anchors as a share of the larger count: in a story that
            # repeats its terms (embassy, North Korea) a right pair of short sentences
            # shares fewer anchors than a long neighbour, by a count, not by a share.
            # Read by no shipped model (candidates.py).
            feats["specific_rate"] = self.anchor_margin(i, di, j, dj, ev, rate=True)
            # A headline repeats the anchors of the story's first sentence, so its
            # margin over its neighbours is negative because it is a headline: a title
            # pair's margin taken over the other titles only (twelfth round, read by no
            # shipped model: README, align12 round).
            feats["specific_kind"] = (self.anchor_margin(i, di, j, dj, ev, same_kind=True)
                                      if kinds == {"title"} else feats["specific"])
            # A merged bead each of whose pieces translates part of the single side
            # (thirteenth round; read by no shipped model: README, align13 round).
            feats["merge_cover"] = float(di + dj == 3 and self.merge_covered(i, di, j, dj))
            # Per-link word evidence (fifteenth round; read by no shipped model: README,
            # align15 round): a comparable story's forced pair shares its topic words
            # with every nearby sentence, a translation's pair stands out. The share
            # beyond the best other target span within _NEAR, in tenths (the link
            # model's L2 is on unscaled slopes, and shares differ by 0.01-0.2).
            feats["dictionary_lift"] = 10 * (feats["dictionary"]
                                             - self.best_other_dictionary(i, di, j, dj))
            # Only its shortfall: a neighbour holding more of the words says the
            # pair is off by one; a pair that stands out adds nothing beyond
            # `dictionary` itself.
            feats["dictionary_deficit"] = max(0.0, -feats["dictionary_lift"])
            # The same against the mean of those spans (a single lucky neighbour
            # that repeats the topic words does not cancel the lift).
            feats["dictionary_lift_mean"] = 10 * (
                feats["dictionary"] - self.best_other_dictionary(i, di, j, dj, mean=True))
            # The specific anchors, counted (not a margin): 0 for most wrong links in
            # comparable stories judged translations (align14's listing).
            feats["specific_any"] = float(feats["specific"] > 0)
        return feats

    def best_other_dictionary(self, i: int, di: int, j: int, dj: int,
                              mean: bool = False) -> float:
        """The best (or ``mean``) dictionary share of this source span with another
        target span of the same size within _NEAR (0 when there is none)."""
        fs = _sum(self.src.features[i : i + di])
        m = len(self.tgt.segments)
        shares = [compare(fs, _sum(self.tgt.features[j + d : j + d + dj])).dictionary
                  / max(1, len(fs.dictionary))
                  for d in _NEAR if j + d >= 0 and j + d + dj <= m]
        if mean:
            return sum(shares) / len(shares) if shares else 0.0
        return max(shares, default=0.0)

    def anchor_margin(self, i: int, di: int, j: int, dj: int, own: Evidence,
                      rate: bool = False, same_kind: bool = False) -> float:
        """Anchors this pair shares beyond what either side shares with any other
        segment within _WINDOW: a name or term that runs through the whole story
        (comparable stories share many) tells nothing about which sentence is which.

        Glossary renderings only ever add: a rendering shared with a neighbour
        ("미국" for a "U.S." one sentence on, which the translator also wrote into
        this one) lowers nothing, so the glossary never makes a clear diagonal
        look less specific than it is without the glossary."""
        fs = _sum(self.src.features[i : i + di])
        ft = _sum(self.tgt.features[j : j + dj])
        best, best_glossary = 0.0, 0.0
        kinds = {s.kind for s in (*self.src.segments[i:i + di], *self.tgt.segments[j:j + dj])}
        for k in range(max(0, j - _WINDOW), min(len(self.tgt.segments), j + dj + _WINDOW)):
            if same_kind and self.tgt.segments[k].kind not in kinds:
                continue
            if not j <= k < j + dj:
                ev = compare(fs, self.tgt.features[k])
                best = max(best, _anchor_count(ev, self.w, glossary=False))
                best_glossary = max(best_glossary, _glossary_count(ev, self.w))
        for k in range(max(0, i - _WINDOW), min(len(self.src.segments), i + di + _WINDOW)):
            if same_kind and self.src.segments[k].kind not in kinds:
                continue
            if not i <= k < i + di:
                ev = compare(self.src.features[k], ft)
                best = max(best, _anchor_count(ev, self.w, glossary=False))
                best_glossary = max(best_glossary, _glossary_count(ev, self.w))
        mine = _anchor_count(own, self.w, glossary=False)
        specific = mine - best + max(0.0, _glossary_count(own, self.w) - best_glossary)
        if rate:
            # In [-1, 1]: the margin over the best neighbour as a share of the larger.
            return specific / max(mine, best, 1.0)
        return max(-5.0, min(5.0, specific))


def headline_of(segments: Sequence[Segment]) -> int | None:
    """The title nearest above the first body sentence (a site banner or a blog's own
    title sits higher), or the last title of a page with no body."""
    last = None
    for k, s in enumerate(segments):
        if s.kind == "body" and last is not None:
            return last
        if s.kind == "title":
            last = k
    return last


def shares_paragraph(segments: Sequence[Segment]) -> list[bool]:
    """For each segment: the page's own text (not a credit, footer or chrome) in a
    paragraph that holds more of it."""
    own = Counter(s.paragraph for s in segments if s.kind in _CONTENT)
    return [s.kind in _CONTENT and own[s.paragraph] > 1 for s in segments]


def _anchor_count(ev: Evidence, w: Weights, glossary: bool = True) -> float:
    """Shared anchors of the kinds in use (a kind whose weight is 0 is switched off)."""
    kinds = (
        (w.number, ev.numbers),
        (w.latin, ev.latin),
        (w.name, ev.names),
        (w.word, ev.words),
        (w.cue, ev.cues),
        (w.dictionary, ev.dictionary),
    )
    found = sum(count for weight, count in kinds if weight > 0)
    return found + _glossary_count(ev, w) if glossary else found


def _glossary_count(ev: Evidence, w: Weights) -> float:
    """Glossary renderings the pair shares, capped as in the path cost (0 when off)."""
    return min(ev.glossary, w.glossary_cap) if w.glossary > 0 else 0.0


_WINDOW = 8
_NEAR = (-2, -1, 1, 2)
MARGIN_CLIP = 10.0


def _total(parts: Sequence[tuple[int, int]]) -> tuple[int, int]:
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def _split_cost(
    model: LengthModel,
    pair: Sequence[tuple[int, int]],
    pieces: Sequence[tuple[int, int]],
    source_side: bool,
) -> float:
    best = float("inf")
    for cut in range(1, len(pieces)):
        a, b = _total(pieces[:cut]), _total(pieces[cut:])
        if source_side:
            cost = model.cost(pair[0], a) + model.cost(pair[1], b)
        else:
            cost = model.cost(a, pair[0]) + model.cost(b, pair[1])
        best = min(best, cost)
    return best


def _sum(features: Sequence[Features]) -> Features:
    out = features[0]
    for f in features[1:]:
        out = out + f
    return out


def _mt_baseline(mt: Sequence[str], target: Sequence[str]) -> float:
    """chrF of unrelated pairs in this document: what a wrong pairing scores."""
    if len(mt) < 2 or len(target) < 2:
        return 0.0
    n = min(len(mt), len(target))
    scores = [chrf(mt[k], target[(k + n // 2) % len(target)]) for k in range(n)]
    return sum(scores) / len(scores)
