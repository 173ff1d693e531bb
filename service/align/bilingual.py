"""Real bilingual pages with hand gold links: loading them and scoring an aligner on them.

The set lives in tests/data/bilingual/ (format in its README). Each document is
a list of hand-cut units per side, each with its kind; the page text is rebuilt
from the units (paragraphs on their own lines), so the aligner runs end to end
(segmentation, typing, alignment) and its segments are mapped back onto the
units by character overlap. Links are scored between units, so a segmenter
that cuts differently from the hand is neither rewarded nor punished twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..segment.types import Segment

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "bilingual"
_JUNK = frozenset({"credit", "footer", "debris"})

Link = tuple[int, int]


@dataclass
class Unit:
    kind: str
    text: str
    paragraph: int


@dataclass
class Document:
    doc_id: str
    lang: str
    kind: str  # "translation" or "comparable"
    source: str  # the outlet of the target-language page: the unit of the dev/unseen split
    half: str  # "dev" or "unseen"
    en_url: str
    target_url: str
    en: list[Unit] = field(default_factory=list)
    target: list[Unit] = field(default_factory=list)
    gold: list[tuple[list[int], list[int]]] = field(default_factory=list)

    def text(self, side: str) -> str:
        return rebuild_page(self.en if side == "en" else self.target, side_lang(self, side))[0]

    def gold_links(self) -> set[Link]:
        return {(s, t) for ss, ts in self.gold for s in ss for t in ts}

    def title_pair(self) -> Link | None:
        """The gold link between the two titles, when both sides have one."""
        for s, t in self.gold_links():
            if self.en[s].kind == "title" and self.target[t].kind == "title":
                return s, t
        return None


def side_lang(doc: Document, side: str) -> str:
    return "en" if side == "en" else doc.lang


def rebuild_page(units: Sequence[Unit], lang: str) -> tuple[str, list[tuple[int, int]]]:
    """The page text (one line per paragraph) and each unit's character span in it."""
    glue = "" if lang == "ja" else " "
    text, spans = "", []
    previous = None
    for unit in units:
        if previous is not None:
            text += "\n" if unit.paragraph != previous else glue
        spans.append((len(text), len(text) + len(unit.text)))
        text += unit.text
        previous = unit.paragraph
    return text, spans


def load(paths: Iterable[Path] | None = None) -> list[Document]:
    """Every document of the set (all *.txt files in DATA_DIR unless ``paths``)."""
    files = sorted(DATA_DIR.glob("*.txt")) if paths is None else list(paths)
    docs: list[Document] = []
    for path in files:
        docs.extend(_parse(path.read_text(encoding="utf-8"), path.name))
    return docs


def _parse(text: str, where: str) -> list[Document]:
    docs: list[Document] = []
    doc: Document | None = None
    section = ""
    paragraph = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("=== "):
            doc = Document(line[4:].strip(), "", "", "", "", "", "")
            docs.append(doc)
            section = "header"
            continue
        if doc is None or (line.startswith("#") and section in ("", "header")):
            continue
        if line.startswith("--- "):
            section, paragraph = line[4:].strip(), 0
            continue
        if section == "header" and ":" in line:
            key, value = (part.strip() for part in line.split(":", 1))
            setattr(doc, {"lang": "lang", "kind": "kind", "source": "source", "half": "half",
                          "en_url": "en_url", "target_url": "target_url"}[key], value)
        elif section in ("en", "target"):
            if not line.strip():
                paragraph += 1
                continue
            kind, _, body = line.partition("| ")
            units = doc.en if section == "en" else doc.target
            units.append(Unit(kind.strip(), body.strip(), paragraph))
        elif section == "gold" and line.strip():
            left, _, right = line.partition(":")
            bead = ([int(x) for x in left.split()], [int(x) for x in right.split()])
            if not bead[0] or not bead[1]:
                raise ValueError(f"{where}:{number}: a gold bead needs both sides")
            docs[-1].gold.append(bead)
    for d in docs:
        _check(d, where)
    return docs


def _check(doc: Document, where: str) -> None:
    if doc.kind not in ("translation", "comparable") or doc.half not in ("dev", "unseen"):
        raise ValueError(f"{where}: {doc.doc_id}: bad kind or half")
    for ss, ts in doc.gold:
        if max(ss) >= len(doc.en) or max(ts) >= len(doc.target):
            raise ValueError(f"{where}: {doc.doc_id}: gold index out of range")


# --- mapping the aligner's segments onto the hand units ---------------------------


def segment_units(text: str, segments: Sequence[Segment], spans: Sequence[tuple[int, int]]
                  ) -> list[list[int]]:
    """For each segment, the units it covers (at least half of the shorter of the two)."""
    out, cursor = [], 0
    for seg in segments:
        start = text.find(seg.text, cursor)
        if start < 0:
            start = text.find(seg.text[:20], cursor)
        if start < 0:
            out.append([])
            continue
        end = start + len(seg.text)
        cursor = start + 1
        covered = []
        for k, (a, b) in enumerate(spans):
            overlap = min(b, end) - max(a, start)
            if overlap > 0 and overlap >= 0.5 * min(b - a, end - start):
                covered.append(k)
        out.append(covered)
    return out


@dataclass
class Prediction:
    """What an aligner said about one document, in units."""

    links: dict[Link, float]  # unit link -> the probability of the bead that made it
    weak: set[Link]
    translation_probability: float | None = None


def predicted_links(doc: Document, src: Sequence[Segment], tgt: Sequence[Segment],
                    beads: Sequence) -> Prediction:
    en_text, en_spans = rebuild_page(doc.en, "en")
    tg_text, tg_spans = rebuild_page(doc.target, doc.lang)
    src_units = segment_units(en_text, src, en_spans)
    tgt_units = segment_units(tg_text, tgt, tg_spans)
    links: dict[Link, float] = {}
    weak: set[Link] = set()
    gold = doc.gold_links()
    for bead in beads:
        if not bead.source or not bead.target:
            continue
        us = {u for i in bead.source for u in src_units[i]}
        vs = {v for j in bead.target for v in tgt_units[j]}
        made = {(u, v) for u in us for v in vs}
        if holds_whole_gold_beads(made, us, vs, gold):
            # Right at the segments' granularity (a segment holding two gold units
            # paired with the two target units): credited with the gold links inside.
            made &= gold
        for link in made:
            links[link] = max(links.get(link, 0.0), float(bead.score))
            if bead.weak:
                weak.add(link)
    return Prediction(links, weak)


# --- scores -------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    titles: int = 0
    titles_paired: int = 0
    junk_links: int = 0
    documents: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def count(docs: Sequence[Document], predictions: Sequence[Prediction],
          min_probability: float = 0.0) -> Counts:
    """Link counts over documents; links below ``min_probability`` are not counted as made."""
    c = Counts()
    for doc, pred in zip(docs, predictions, strict=True):
        gold = doc.gold_links()
        made = {k for k, p in pred.links.items() if p >= min_probability}
        c.tp += len(gold & made)
        c.predicted += len(made)
        c.gold += len(gold)
        c.documents += 1
        c.junk_links += sum(
            1 for s, t in made if doc.en[s].kind in _JUNK or doc.target[t].kind in _JUNK
        )
        title = doc.title_pair()
        if title is not None:
            c.titles += 1
            c.titles_paired += int(title in made)
    return c


def calibration_pairs(docs: Sequence[Document], predictions: Sequence[Prediction]
                      ) -> list[tuple[float, bool]]:
    """(probability, is it right) for every predicted link."""
    out = []
    for doc, pred in zip(docs, predictions, strict=True):
        gold = doc.gold_links()
        out.extend((p, link in gold) for link, p in pred.links.items())
    return out


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Weighted mean |accuracy - confidence| over equal-width probability bins."""
    if not pairs:
        return 0.0
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            conf = sum(p for p, _ in inside) / len(inside)
            acc = sum(1 for _, y in inside if y) / len(inside)
            total += len(inside) * abs(acc - conf)
    return total / len(pairs)


def ece_spread(per_document: Sequence[Sequence[tuple[float, bool]]], draws: int = 1000,
               seed: int = 13, bins: int = 10) -> tuple[float, float]:
    """The 5th and 95th percentiles of the ECE over documents drawn with replacement
    (``per_document``: each document's (probability, is it right) pairs). Links of a
    page err together (a shifted run, a judged kind), so documents, not links, are
    drawn: how much of the ECE's movement between fits a set this size explains."""
    import random

    docs = [list(d) for d in per_document]
    if not docs:
        return (0.0, 0.0)
    rng = random.Random(seed)
    values = sorted(
        expected_calibration_error([pair for _ in docs for pair in rng.choice(docs)], bins)
        for _ in range(draws))
    return values[int(0.05 * (draws - 1))], values[int(0.95 * (draws - 1))]


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = 10
                ) -> list[tuple[float, float, int]]:
    """(mean confidence, accuracy, count) per non-empty bin, for a reliability plot."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, y) for p, y in pairs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            out.append((sum(p for p, _ in inside) / len(inside),
                        sum(1 for _, y in inside if y) / len(inside), len(inside)))
    return out


def holds_whole_gold_beads(made: set[Link], us: set[int], vs: set[int], gold: set[Link]) -> bool:
    """Does the bead hold whole gold beads: every unit in it linked inside, none outside?"""
    inside = made & gold
    if len(us) + len(vs) <= 2 or not inside:
        return False
    if {u for u, _ in inside} != us or {v for _, v in inside} != vs:
        return False
    return all((u in us) == (v in vs) for u, v in gold if u in us or v in vs)
